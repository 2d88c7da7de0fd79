"""Finding the mashups under the paths ``check`` is given, and reading their files safely.

A *project* is a folder checked as one unit (one tenant, one login flow): a folder holding a project record
or a ``.qext`` file (explicit markers, even when nested), or else the top-most folder holding an HTML page or
a ``package.json``. Files that belong to no such folder join a project rooted at the path given.

Reading never raises for a file's content: a file that is too large, binary or undecodable becomes a
:class:`Problem`, which the ``files`` rules turn into findings.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path

from mashup_gen.errors import InvalidValue
from mashup_gen.fs import SKIP_DIRS
from mashup_gen.record import RECORD_NAME

HTML_SUFFIXES = (".html", ".htm")
# Read as HTML: Vue single-file components (template and script) and server templates that are mostly HTML.
# Their own syntax ({{ x }}, <%= x %>, <?php ?>, @Model.X) is text to the HTML parser; values holding it are
# treated as unknown, never judged.
SERVER_TEMPLATE_SUFFIXES = (
    ".php",
    ".ejs",
    ".hbs",
    ".handlebars",
    ".erb",
    ".jinja",
    ".jinja2",
    ".j2",
    ".cshtml",
    ".razor",
    ".aspx",  # ASP.NET Web Forms: markup with <% %> server code
    ".ascx",
    ".jsp",  # Java Server Pages: <% %> scriptlets and ${...} expressions
    # Node's and PHP's template engines: Nunjucks, Twig, Liquid (Eleventy, Shopify, Jekyll), Mustache.
    ".njk",
    ".nunjucks",
    ".twig",
    ".liquid",
    ".mustache",
)
# Astro components and pages: markup with {expression} attributes, as Svelte's are.
MARKUP_SUFFIXES = (*HTML_SUFFIXES, ".vue", ".svelte", ".astro", *SERVER_TEMPLATE_SUFFIXES)
# Read as JavaScript: TypeScript and JSX are JavaScript with extra syntax the tokenizer passes over.
JS_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
# Configuration read for secrets and placeholders: .env files, JSON/YAML files other than lock files, and .NET's
# XML configuration (Web.config, App.config: the settings a server page renders into the browser's script), and
# Java's .properties (Spring's application.properties, read by the server that renders the page).
DATA_SUFFIXES = (".json", ".yaml", ".yml", ".config", ".properties")
# Server code in languages check does not parse (Flask, ASP.NET, Spring, Rails, Go): read as text for what a
# server must not do on Qlik Cloud (client-managed Qlik Sense's ticket and repository APIs).
OTHER_CODE_SUFFIXES = (".py", ".cs", ".java", ".rb", ".go")
# Key files (a JWT signing key, a TLS key): read only to tell whether a private key sits where the site serves it.
KEY_SUFFIXES = (".pem", ".key")
# A copy of the sources kept aside ("src - Backup02232020", "backup", "app.bak", "src - Copy"): never served
# nor built, and its findings would repeat the live code's.
_BACKUP_DIR = re.compile(r"(?i)(?:^|[\s._-])(?:backup|bak)(?:$|[\s._-]|\d)|\s-\s?copy(?:\s*\(\d+\))?$")
DATA_SKIPPED = ("package-lock.json", "npm-shrinkwrap.json", "composer.lock", "pnpm-lock.yaml", "yarn.lock")
ENTRY_PAGES = ("index.html", "index.htm")
QEXT_SUFFIX = ".qext"
WBFOLDER = "wbfolder.wbl"
# A mashup's own files are far smaller; anything bigger is a bundle or data, and would slow a tree check.
MAX_BYTES = 5 * 1024 * 1024
_PLUS_ONE = (1).__add__
PATH_EXPECTED = (
    f"expected a mashup folder, a tree of them, or a page or script file ({', '.join(MARKUP_SUFFIXES + JS_SUFFIXES)})"
)


@dataclass
class SourceFile:
    """A text file of a project, decoded, with what is needed to write it back unchanged."""

    path: Path
    display: str  # the path as reported: built from the argument the user gave
    text: str
    encoding: str = "utf-8"
    bom: bool = False

    @cached_property
    def _line_starts(self) -> list[int]:
        # Each line starts one past the end of the line before: the lengths of the lines but the last, each plus
        # its newline, summed in turn (in C: no Python step per line, where str.find took one).
        return list(accumulate(map(_PLUS_ONE, map(len, self.text.split("\n")[:-1])), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        starts = self._line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        starts = self._line_starts
        return starts[min(max(line, 1), len(starts)) - 1]

    @property
    def newline(self) -> str:
        """The file's own line ending, used for anything inserted into it."""
        return "\r\n" if "\r\n" in self.text[:4096] else "\n"

    def encode(self, text: str) -> bytes:
        """``text`` in this file's encoding (and BOM), for writing it back."""
        data = text.encode(self.encoding, errors="strict")
        return (b"\xef\xbb\xbf" + data) if self.bom else data


@dataclass(frozen=True)
class Problem:
    """A file that could not be checked, and why."""

    display: str
    kind: str  # "too-large", "inaccessible" (the OS refused to read it) or "unreadable" (not text it can decode)
    detail: str


def read_source(path: Path, display: str) -> SourceFile | Problem:
    """Read and decode a text file, or say why it cannot be checked."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        descriptor = None
    try:
        if descriptor is None:  # a file that cannot be opened: its size first, as it always was, then why
            size = path.stat().st_size
        else:
            size = os.fstat(descriptor).st_size
        if size > MAX_BYTES:
            return Problem(
                display, "too-large", f"{size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit"
            )
        data = path.read_bytes() if descriptor is None else _read_all(descriptor, size)
    except OSError as exc:
        return Problem(display, "inaccessible", exc.strerror or str(exc))
    finally:
        if descriptor is not None:
            os.close(descriptor)
    return decode(path, display, data)


def _read_all(descriptor: int, size: int) -> bytes:
    """Every byte of an open file of ``size`` bytes (more if it grew). One open, one fstat and two reads: what
    ``stat`` then ``read_bytes`` did with eleven system calls (open's own fstat calls, isatty, lseek), for
    each of the thousands of files a tree holds."""
    parts = [os.read(descriptor, size + 1)]
    while parts[-1]:
        parts.append(os.read(descriptor, max(size, 65536)))
    return b"".join(parts)


def decode(path: Path, display: str, data: bytes) -> SourceFile | Problem:
    """Decode bytes as a browser would for an undeclared charset: BOM, else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return SourceFile(path, display, data[3:].decode("utf-8"), "utf-8", bom=True)
        except UnicodeDecodeError:
            return Problem(display, "unreadable", "it starts with a UTF-8 mark but is not UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return SourceFile(path, display, data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Problem(display, "unreadable", "it starts with a UTF-16 mark but is not UTF-16")
    if b"\x00" in data[:8192]:
        return Problem(display, "unreadable", "it is a binary file, not text")
    try:
        return SourceFile(path, display, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Pages saved by old Windows editors; a browser would fall back the same way.
        return SourceFile(path, display, data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Problem(display, "unreadable", "it is neither UTF-8 nor Windows-1252 text")


@dataclass
class ProjectFiles:
    """The files of one project, as found on disk (not read yet)."""

    root: Path
    display_root: str
    pages: list[Path] = field(default_factory=list)  # HTML, Vue and server templates
    scripts: list[Path] = field(default_factory=list)  # JavaScript and TypeScript
    leftovers: list[Path] = field(default_factory=list)  # .qext, wbfolder.wbl
    configs: list[Path] = field(default_factory=list)  # .env, JSON and YAML files: values that travel into the code
    has_record: bool = False
    single_file: bool = False  # checking one file given on the command line
    # (root, display_root, the root's text and a separator, the shown root and a separator): see display
    _shown: tuple[Path, str, str, str | None] | None = field(default=None, init=False, repr=False, compare=False)

    def display(self, path: Path) -> str:
        """How ``path`` is shown: relative to the argument the user gave."""
        # A path below the root is its text after the root's, joined to the shown root's text: what
        # relative_to and a join of paths make, without building either path (asked for every file read).
        shown = self._shown
        if shown is None or shown[0] is not self.root or shown[1] is not self.display_root:
            shown = self._shown = self._display_prefixes()
        text = str(path)
        prefix = shown[2]
        if shown[3] is not None and len(text) > len(prefix) and text.startswith(prefix):
            return shown[3] + text[len(prefix) :]
        return self._display(path)

    def _display_prefixes(self) -> tuple[Path, str, str, str | None]:
        """What :meth:`display` joins: the root's text with a separator, and the shown root's (None where a
        plain join of texts would not be the join of paths: a root or shown root ending in a separator, or
        paths not written with "/")."""
        root = str(self.root)
        shown: str | None = None
        base = Path(self.display_root).as_posix()
        if self.display_root in ("", ".") or base == ".":
            shown = ""  # joined to ".", a path is itself
        else:
            shown = None if base.endswith("/") else base + "/"
        if os.sep != "/" or root.endswith("/") or root == ".":
            shown = None
        return self.root, self.display_root, root + "/", shown

    def _display(self, path: Path) -> str:
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return str(path)
        if self.display_root in ("", "."):
            return relative.as_posix()
        return (Path(self.display_root) / relative).as_posix()


def file_kind(name: str) -> str | None:
    if name.startswith("._"):
        return None  # macOS's AppleDouble metadata of the file named after it (a zip's ._index.html): not code
    lower = name.lower()
    if lower.endswith(MARKUP_SUFFIXES):
        return "page"
    if lower.endswith(JS_SUFFIXES) and not lower.endswith((".d.ts", ".d.mts", ".d.cts")):
        return "script"
    if lower.endswith(QEXT_SUFFIX) or lower == WBFOLDER:
        return "leftover"
    if lower == ".env" or lower.startswith(".env.") or (lower.endswith(DATA_SUFFIXES) and lower not in DATA_SKIPPED):
        return "config"
    if lower.endswith(OTHER_CODE_SUFFIXES) or lower.endswith(KEY_SUFFIXES):
        return "config"  # read with the configuration: text, never parsed as JavaScript
    return None


# pathlib's own way to make a folder's child from a name that is one part (what os.scandir gives): no parsing
# of the whole path again, as Path(entry.path) does for each of the thousands of files a tree holds (most of
# discover's time). Private to pathlib: where a Python has it not, the child is made as before.
_MAKE_CHILD = getattr(Path, "_make_child_relpath", None)


def _child(folder: Path, name: str, path: str) -> Path:
    """``Path(path)`` for the entry ``name`` of ``folder`` (``path`` is the entry's path as scandir gives it)."""
    return _MAKE_CHILD(folder, name) if _MAKE_CHILD is not None else Path(path)


def _walk(top: Path, parents: dict[Path, Path] | None = None) -> dict[Path, dict[str, list[Path]]]:
    """Every folder under ``top`` with the interesting files it holds directly (no symlinked folders); with
    ``parents``, each folder below ``top`` is recorded there with the folder holding it."""
    found: dict[Path, dict[str, list[Path]]] = {}
    stack = [top]
    while stack:
        folder = stack.pop()
        entry: dict[str, list[Path]] = {"page": [], "script": [], "leftover": [], "marker": [], "config": []}
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for child in children:
            name = child.name
            try:
                if child.is_dir(follow_symlinks=False):
                    if not name.startswith(".") and name not in SKIP_DIRS and not _BACKUP_DIR.search(name):
                        below = _child(folder, name, child.path)
                        stack.append(below)
                        if parents is not None:
                            parents[below] = folder
                    continue
                if not child.is_file():
                    continue
            except OSError:
                continue
            if name == RECORD_NAME or name == "package.json" or is_server_manifest(name):
                entry["marker"].append(_child(folder, name, child.path))
            kind = file_kind(name)
            if kind is not None:
                entry[kind].append(_child(folder, name, child.path))
        found[folder] = entry
    return found


# A server application's own manifest (Flask, Django, ASP.NET, Rails, Go, Spring, Laravel): like package.json,
# it marks the folder that holds one project, so a Flask app's app.py, templates/ and static/ are checked as one.
_SERVER_MANIFESTS = frozenset(
    {"requirements.txt", "pyproject.toml", "pipfile", "gemfile", "go.mod", "pom.xml", "build.gradle", "composer.json"}
)


def is_server_manifest(name: str) -> bool:
    """True for a server application's manifest: requirements.txt, pyproject.toml, a .csproj, go.mod..."""
    lower = name.lower()
    return lower in _SERVER_MANIFESTS or lower.endswith(".csproj")


def _is_root(entry: dict[str, list[Path]], explicit_only: bool) -> bool:
    explicit = bool(entry["leftover"]) and any(p.suffix.lower() == QEXT_SUFFIX for p in entry["leftover"])
    explicit = explicit or any(p.name == RECORD_NAME for p in entry["marker"])
    # A package.json beside an entry page is a web front end of its own (apps/web in a monorepo, client/ beside
    # an Express server): checked as its own project, never merged into the folder above.
    explicit = explicit or (
        any(p.name == "package.json" for p in entry["marker"])
        and any(p.name.lower() in ENTRY_PAGES for p in entry["page"])
    )
    if explicit or explicit_only:
        return explicit
    return bool(entry["page"] or entry["marker"])


def discover(path: Path, display_root: str) -> list[ProjectFiles]:
    """The projects under ``path`` (a folder or one file); raise :class:`InvalidValue` for a bad path."""
    if not path.exists():
        raise InvalidValue(display_root, f"{PATH_EXPECTED}; nothing exists at this path")
    if path.is_file():
        kind = file_kind(path.name)
        if kind not in ("page", "script"):
            raise InvalidValue(display_root, f"{PATH_EXPECTED}; this file is neither")
        parent = path.parent
        project = ProjectFiles(
            root=parent,
            display_root=str(Path(display_root).parent) if Path(display_root).parent != Path(".") else "",
            single_file=True,
            has_record=(parent / RECORD_NAME).is_file(),
        )
        (project.pages if kind == "page" else project.scripts).append(path)
        return [project]
    if not path.is_dir():
        raise InvalidValue(display_root, f"{PATH_EXPECTED}; this is neither a file nor a folder")

    parents: dict[Path, Path] = {}
    folders = _walk(path, parents)

    shown = _shown_below(path, display_root)
    roots: dict[Path, ProjectFiles] = {}
    # Each folder's project: its own if it is a root, else the one of the folder above it (None: no root at
    # or above it). Folders are visited from the top down, so the folder above is settled first.
    owners: dict[Path, ProjectFiles | None] = {}
    for folder in sorted(folders, key=lambda p: (len(p.parts), str(p))):
        entry = folders[folder]
        above = parents.get(folder)
        owner = owners[above] if above is not None else None
        if folder is path or _is_root(entry, explicit_only=owner is not None):  # the walk's top is path itself
            if folder is path and not _is_root(entry, explicit_only=False):
                owners[folder] = None
                continue  # the top folder collects orphans only if it is not a project itself (see below)
            owner = roots[folder] = ProjectFiles(
                root=folder,
                display_root=shown(folder),
                has_record=(folder / RECORD_NAME).is_file(),
            )
        owners[folder] = owner
    orphans: ProjectFiles | None = None
    settings_only: list[Path] = []  # unowned folders of configuration alone: the orphans' too, if there are any
    for folder, entry in folders.items():
        owner = owners[folder]
        if owner is None:
            # server code in Python, C#, Java... is checked without its manifest too (a script beside its keys)
            server_code = any(p.name.lower().endswith(OTHER_CODE_SUFFIXES) for p in entry["config"])
            if not (entry["page"] or entry["script"] or entry["leftover"] or server_code):
                settings_only.extend(entry["config"])
                continue
            if orphans is None:
                orphans = ProjectFiles(root=path, display_root=display_root)
            owner = orphans
        owner.pages.extend(entry["page"])
        owner.scripts.extend(entry["script"])
        owner.leftovers.extend(entry["leftover"])
        owner.configs.extend(entry["config"])
    if orphans is not None:
        orphans.configs.extend(settings_only)
    projects = list(roots.values()) + ([orphans] if orphans else [])
    for project in projects:
        project.pages.sort()
        project.scripts.sort()
        project.leftovers.sort()
        project.configs.sort()
    return sorted(projects, key=lambda p: str(p.root))


def _display_join(display_root: str, relative: Path) -> str:
    if relative == Path("."):
        return display_root
    return (Path(display_root) / relative).as_posix()


def _shown_below(path: Path, display_root: str) -> Callable[[Path], str]:
    """How a folder the walk of ``path`` found is shown: ``_display_join(display_root, folder.relative_to(path))``.
    A folder below ``path`` is the text of ``path`` and "/" and then its own names, so its relative path is
    that text's tail, joined to the shown root's text, without building three paths for each of a tree's
    hundreds of projects; anywhere a plain join of texts could differ from a join of paths (a root that is
    "." or ends with a separator, a shown root that does, paths not written with "/"), paths are joined."""
    top = str(path)
    base = Path(display_root).as_posix()
    plain = os.sep == "/" and top not in ("", ".") and not top.endswith("/") and not base.endswith("/")
    prefix = top + "/"
    joined = "" if base == "." else base + "/"

    def shown(folder: Path) -> str:
        if folder is path:
            return _display_join(display_root, Path("."))
        text = str(folder)
        if plain and text.startswith(prefix) and len(text) > len(prefix):
            return joined + text[len(prefix) :]
        return _display_join(display_root, folder.relative_to(path))

    return shown


def whole_folder(path: Path, display_root: str) -> ProjectFiles:
    """Every page, script and leftover under ``path`` as one project (what ``adopt`` works on)."""
    project = ProjectFiles(root=path, display_root=display_root, has_record=(path / RECORD_NAME).is_file())
    for entry in _walk(path).values():
        project.pages.extend(entry["page"])
        project.scripts.extend(entry["script"])
        project.leftovers.extend(entry["leftover"])
        project.configs.extend(entry["config"])
    project.pages.sort()
    project.scripts.sort()
    project.leftovers.sort()
    return project
