"""A project loaded for checking: its pages (HTML, read once with Python's html.parser), its scripts
(inline ``<script>`` blocks and JavaScript files, tokenized once) and its record.

Everything keeps exact offsets into the files as read, so findings point at ``file:line:column`` and
``adopt`` can edit the author's text in place instead of re-serialising it.
"""

from __future__ import annotations

import html
import os
import re
import stat
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.js import Script
from mashup_gen.checker.memo import ContentMemo
from mashup_gen.checker.scan import (
    KEY_SUFFIXES,
    OTHER_CODE_SUFFIXES,
    Problem,
    ProjectFiles,
    SourceFile,
    file_kind,
    read_source,
)
from mashup_gen.errors import ProjectError
from mashup_gen.record import RECORD_NAME, Record, load, record_path

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts
    from mashup_gen.source.facts import ModuleFacts
    from mashup_gen.source.model import FileModel

# Tags whose attributes matter: resources, scripts, the CSP, links to the tenant, qlik-embed.
_TAGS = ["script", "link", "meta", "a", "form", "iframe", "img", "qlik-embed", "base"]
_START_TAG = re.compile(r"<([A-Za-z][^\s/>]*)")
# An unquoted value is one word, or one {expression} of a component's markup (Astro's, Svelte's: data-redirect-uri=
# {Astro.url.origin + '/'}) or a template's {{ expression }}, spaces included.
_ATTRIBUTE = re.compile(
    r"""\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{\{[^{}]*\}\}|\{[^{}]*\}|[^\s"'>]+)))?"""
)
_SCRIPT_END = re.compile(r"</script\s*>", re.I)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript")


@dataclass(frozen=True)
class Attribute:
    """An attribute value (entities decoded) and the span of its raw text in the file."""

    value: str
    start: int
    end: int


@dataclass
class Tag:
    """A start tag: where it is and its attributes."""

    name: str
    start: int  # offset of "<"
    end: int  # offset just past ">"
    attributes: dict[str, Attribute]

    def get(self, name: str) -> str | None:
        """An attribute's decoded value, or None."""
        attribute = self.attributes.get(name)
        return attribute.value if attribute else None


@dataclass(eq=False)  # identity: units are keys of dicts and sets
class Unit:
    """One piece of JavaScript: a whole .js file, or an inline script of a page."""

    file: SourceFile
    script: Script
    role: str = "browser"  # where it runs (mashup_gen.source.roles): "browser", "component", "server", ...
    model: FileModel | None = field(default=None, repr=False)  # the source model's view of a whole file

    @cached_property
    def syntax(self) -> ModuleFacts | None:
        """The tree-sitter facts of this code (mashup_gen.source), read on first use; None if unreadable."""
        try:
            if self.model is not None:
                return self.model.facts
            # An inline script: its facts' offsets are file offsets.
            code, offset = self.script.code, self.script.offset
            return _INLINE_FACTS.get((offset, code), len(code), _inline_facts, code, offset)
        except Exception:  # a parser failure must never stop a check
            return None

    @property
    def in_browser(self) -> bool:
        """True when the browser runs this code (the cookie, web integration id and CSRF rules apply)."""
        return self.role != "server"

    def position(self, token_index: int) -> tuple[int, int]:
        """``(line, column)`` of a token in its file."""
        return self.file.position(self.script.offset + self.script.tokens[token_index].start)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of tokens ``[start, end)``."""
        tokens = self.script.tokens
        return self.script.offset + tokens[start].start, self.script.offset + tokens[end - 1].end


@dataclass(eq=False)
class Page:
    """An HTML page: its interesting tags in order and the JavaScript it runs."""

    file: SourceFile
    tags: list[Tag]
    units: list[Unit] = field(default_factory=list)  # inline and referenced local scripts, in page order
    head_close: int | None = None  # offset of "</head>", for inserting tags
    body_close: int | None = None
    role: str = "page"  # "component" for an Angular template: a piece of a page, never a whole one

    def scripts(self) -> list[Tag]:
        """The ``<script>`` tags in page order."""
        return [t for t in self.tags if t.name == "script"]


def parse_start_tag(text: str, start: int) -> Tag | None:
    """Read the start tag at ``start`` with exact spans of its attribute values."""
    m = _START_TAG.match(text, start)
    if not m:
        return None
    name = m.group(1).lower()
    pos = m.end()
    attributes: dict[str, Attribute] = {}
    length = len(text)
    while pos < length:
        while pos < length and text[pos] in " \t\r\n\f/":
            pos += 1
        if pos >= length or text[pos] == ">":
            break
        a = _ATTRIBUTE.match(text, pos)
        if not a or a.end() == pos:
            pos += 1
            continue
        key = a.group(1).lower()
        for group in (2, 3, 4):
            if a.group(group) is not None:
                raw_start, raw_end = a.start(group), a.end(group)
                break
        else:
            raw_start = raw_end = a.end()
        if key not in attributes:  # the first of duplicate attributes wins in HTML
            attributes[key] = Attribute(html.unescape(text[raw_start:raw_end]), raw_start, raw_end)
        pos = a.end()
    end = text.find(">", pos)
    return Tag(name, start, length if end == -1 else end + 1, attributes)


# A Svelte attribute's {expression} (app-id={APP}, data-host="https://{host}"): computed, not written.
_SVELTE_EXPRESSION = re.compile(r"\{([^{}]*)\}")


def _with_svelte_expressions(tag: Tag) -> Tag:
    """``tag`` with each Svelte ``{expression}`` in its attribute values written ``{{expression}}``, the form
    every rule already takes for a template's computed value (:func:`is_dynamic`): ``app-id={APP}`` is the
    value of APP, not a ``{X}`` placeholder left unfilled. The spans stay those of the file."""
    if not any("{" in a.value for a in tag.attributes.values()):
        return tag
    attributes = {
        key: replace(a, value=_SVELTE_EXPRESSION.sub(r"{{\1}}", a.value)) if "{" in a.value else a
        for key, a in tag.attributes.items()
    }
    return replace(tag, attributes=attributes)


def parse_page(file: SourceFile) -> Page:
    """Parse a page with Python's ``html.parser`` (lenient with broken HTML) and locate its tags."""
    tags, head_close, body_close = _PAGES.get(file.text, len(file.text), _page_tags, file)
    if file.path.suffix.lower() in (".svelte", ".astro"):  # after the memo, which is keyed by the text alone
        tags = tuple(_with_svelte_expressions(tag) for tag in tags)
    return Page(file, list(tags), head_close=head_close, body_close=body_close)


def _page_tags(file: SourceFile) -> tuple[tuple[Tag, ...], int | None, int | None]:
    """A page's tags (offsets into its text), and where ``</head`` and the last ``</body`` start."""
    text = file.text
    markup = _without_server_comments(text, file.path.suffix.lower())
    try:
        found = _start_tags(markup)
    except Exception:  # the parser gave up on this markup: Beautiful Soup says why, in its own words
        found = _start_tags_by_soup(markup)
    tags: list[Tag] = []
    for name, line, column in found:
        start = file.line_start(line) + column
        tag = parse_start_tag(text, start)
        if tag is None or tag.name != name:
            continue
        tags.append(tag)
    lower = text.lower()
    head_close = lower.find("</head")
    body_close = lower.rfind("</body")
    return tuple(tags), None if head_close == -1 else head_close, None if body_close == -1 else body_close


_TAG_NAMES = frozenset(_TAGS)

# A server template's own comments, which the server drops before the browser sees the page: ASP.NET and JSP
# <%-- --%>, ERB and EJS <%# %>, Razor @* *@, Handlebars {{!-- --}} and {{! }}, Blade {{-- --}}; Jinja, Twig and
# Nunjucks {# #} (in an .html file only when it also holds the template's {% %} statements).
_SERVER_COMMENT = re.compile(r"<%--.*?--%>|<%#.*?%>|@\*.*?\*@|\{\{!--.*?--\}\}|\{\{!.*?\}\}|\{\{--.*?--\}\}", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def _without_server_comments(text: str, suffix: str) -> str:
    """``text`` with each server-side comment blanked (its line breaks kept, so every offset, line and column
    stays where it was): markup inside one never reaches the browser."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group())

    if "<%" in text or "@*" in text or "{{" in text:
        text = _SERVER_COMMENT.sub(blank, text)
    if "{#" in text and (suffix not in (".html", ".htm") or "{%" in text):
        text = _JINJA_COMMENT.sub(blank, text)
    return text


def _start_tags(text: str) -> list[tuple[str, int, int]]:
    """``(name, line, column)`` of each start tag the rules read, in document order, as ``html.parser`` sees
    them: the same tags, at the same places, that Beautiful Soup builds over it, without building a tree."""
    parser = _tag_finder()(convert_charrefs=False)  # as Beautiful Soup runs it
    parser.feed(text)
    parser.close()
    return parser.found


@cache
def _tag_finder() -> type:
    """The parser class of :func:`_start_tags`, made once (html.parser is imported on first use)."""
    from html import parser

    HTMLParser = parser.HTMLParser
    tagfind_tolerant = parser.tagfind_tolerant  # type: ignore[attr-defined]
    # Tags whose start html.parser must read whole: those recorded, and those whose content it reads as text
    # (a later Python's RCDATA elements too).
    read_whole = _TAG_NAMES | frozenset(
        (*HTMLParser.CDATA_CONTENT_ELEMENTS, *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))
    )

    class Finder(HTMLParser):
        def reset(self) -> None:
            super().reset()
            self.found: list[tuple[str, int, int]] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in _TAG_NAMES:
                self.found.append((tag, *self.getpos()))

        def parse_starttag(self, i: int) -> int:
            # Any other tag (div, span, p: most of a page) only moves the parser past it: its attributes are
            # not read (each one a regex match and an unescape), and the handlers it would call do nothing
            # here. What HTMLParser.parse_starttag leaves behind is left the same: where the tag ends, its
            # text and its name.
            name = tagfind_tolerant.match(self.rawdata, i + 1)
            if name is None or name.group(1).lower() in read_whole:
                return int(super().parse_starttag(i))
            self._HTMLParser__starttag_text = None
            end = int(self.check_for_whole_start_tag(i))
            if end < 0:
                return end
            self._HTMLParser__starttag_text = self.rawdata[i:end]
            self.lasttag = name.group(1).lower()
            return end

    return Finder


def _start_tags_by_soup(text: str) -> list[tuple[str, int, int]]:
    """What :func:`_start_tags` finds, through Beautiful Soup (its errors name what it rejected)."""
    from bs4 import BeautifulSoup, SoupStrainer

    soup = BeautifulSoup(text, "html.parser", parse_only=SoupStrainer(_TAGS))
    found = []
    for element in soup.find_all(_TAGS):
        line, column = getattr(element, "sourceline", None), getattr(element, "sourcepos", None)
        if line is not None and column is not None:
            found.append((element.name, line, column))
    return found


def is_javascript(tag: Tag) -> bool:
    """True for a script tag the browser runs as JavaScript (not JSON, templates, ...)."""
    kind = (tag.get("type") or "").strip().lower()
    return kind in _JS_TYPES


def local_candidates(page_path: Path, src: str, root: Path) -> list[Path]:
    """The files a ``src`` or ``href`` may name in the project, nearest first; empty for a URL, a value
    computed by a template, or nothing. A root-relative path (``/js/app.js``, ASP.NET's ``~/js/app.js``) may be
    served from the page's folder or any folder above it up to the project root: which one is the web root
    is not written down."""
    if not src or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", src) or is_dynamic(src):
        return []
    clean = src.split("#", 1)[0].split("?", 1)[0].strip()
    if not clean or clean in ("/", "~/"):
        return []
    if clean.startswith(("/", "~/")):
        relative = clean.lstrip("~").lstrip("/")
        folders = [page_path.parent, *page_path.parent.parents]
        try:
            folders = folders[: folders.index(root) + 1]
        except ValueError:
            folders = [root]
        return [folder / relative for folder in folders]
    return [page_path.parent / clean]


def local_script(page_path: Path, src: str, root: Path | None = None) -> Path | None:
    """The file a ``<script src>`` (or RequireJS ``data-main``) names, if it is local: the first candidate
    that exists, else the nearest one."""
    candidates = local_candidates(page_path, src, root or page_path.parent)
    candidates = [c if c.suffix else c.with_suffix(".js") for c in candidates]  # data-main names a module
    return next((c for c in candidates if c.is_file()), candidates[0] if candidates else None)


# Static and dynamic imports of local modules: import x from "./a", import "./b", import("./c"), require("./d").
_IMPORT = re.compile(
    r"""(?:\bimport\s*(?:[\w*${},\s]+?\s*from\s*)?|\b(?:require|import)\s*\(\s*)["'](\.{1,2}/[^"'\n]+)["']"""
)
_MODULE_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".vue", ".svelte", ".astro")
MAX_DATA_BYTES = 256 * 1024  # a configuration file is small; a bigger JSON file is data
MAX_FOLLOWED = 200  # files read for one file checked alone: its own code, never a whole tree


# What a file's text alone decides, shared by every file (of any project this process checks) with that text:
# its tokens, its tags, its role and syntax tree, an inline script's syntax facts. Only read once made.
_SCRIPTS: ContentMemo[Script] = ContentMemo()
_PAGES: ContentMemo[tuple[tuple[Tag, ...], int | None, int | None]] = ContentMemo()
_MODELS: ContentMemo[FileModel] = ContentMemo()
_INLINE_FACTS: ContentMemo[ModuleFacts] = ContentMemo()
# Records by text: a folder of projects made from one template holds the same record many times, and its
# validation is most of what reading it costs. A record is never changed by check.
_RECORDS: ContentMemo[Record] = ContentMemo()


def _load_record(root: Path) -> Record:
    """The project's record (as :func:`mashup_gen.record.load` reads it), validated once per distinct text."""
    path = record_path(root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return load(root)  # it raises the ProjectError that says why, in its own words
    return _RECORDS.get(text, len(text), Record.from_json, text, str(path))


def shared_script(code: str, offset: int = 0) -> Script:
    """The tokenized script of ``code`` at ``offset`` in its file (tokens are made once per distinct text)."""
    return _SCRIPTS.get((offset, code), len(code), Script, code, offset)


def _model(relative: str, text: str, next_app: bool, from_page: bool) -> FileModel:
    from mashup_gen.source.model import file_model

    return file_model(relative, text, next_app=next_app, from_page=from_page)


def _inline_facts(code: str, offset: int) -> ModuleFacts:
    from mashup_gen.source.facts import module_facts
    from mashup_gen.source.syntax import parse

    return module_facts(parse(code, "javascript", offset))


def prepare(found: list[ProjectFiles]) -> None:
    """Load what checking ``found`` will need, before a pool's workers are forked (see
    :func:`mashup_gen.parallel.ordered_map`'s ``warm``): the source model's modules, the HTML parser and, for
    each grammar the projects' scripts are read with, its parser and its compiled query. Each worker then
    starts with them instead of importing and compiling them again, once per worker (compiling the queries
    alone is tens of milliseconds a grammar). Only caches that are pure functions of their arguments are
    filled, so the findings are the same."""
    from mashup_gen.source.grammars import grammar_for
    from mashup_gen.source.model import file_model  # noqa: F401  # imports the source model's modules
    from mashup_gen.source.queries import _shared_query

    _tag_finder()
    grammars = {grammar_for(path.name) for files in found for path in files.scripts}
    if any(files.pages for files in found):
        grammars.add("javascript")  # a page's inline scripts
    for grammar in sorted(g for g in grammars if g in ("javascript", "typescript", "tsx")):
        _shared_query(grammar)


# A page of Next.js's pages router (pages/ or src/pages/), not an API route nor the server-only _document.
_PAGES_ROUTER = re.compile(r"^(?:src/)?pages/(?!api/)(?!_document\.).*\.[jt]sx?$")


def _module_candidates(base: Path) -> list[Path]:
    """The files an import specifier may name: as written, with a module suffix, or a folder's index."""
    return [
        base,
        *(base.with_name(base.name + suffix) for suffix in _MODULE_SUFFIXES),
        *(base / f"index{suffix}" for suffix in _MODULE_SUFFIXES),
    ]


def _below_prefix(root: Path) -> str:
    """What the text of every path below ``root`` starts with, where cutting it off gives what
    ``relative_to(root).as_posix()`` gives: a POSIX path's text and a slash; "" where that does not hold (a
    root of "/" or ".", a Windows path, compared without case)."""
    text = str(root)
    posix = os.sep == "/" and isinstance(root, PurePosixPath)
    return text + "/" if posix and text not in ("", ".", "/") else ""


class Project:
    """Everything ``check`` and ``adopt`` know about one project, each file read and parsed once."""

    def __init__(self, found: ProjectFiles) -> None:
        self.found = found
        self.root = found.root
        self.problems: list[Problem] = []
        self.sources: dict[Path, SourceFile] = {}
        self.pages: list[Page] = []
        self.units: list[Unit] = []
        self.record: Record | None = None
        self.record_error: str | None = None
        self.record_error_line: int | None = None  # where the record fails; None when it could not be read
        self._file_units: dict[Path, Unit | None] = {}
        self._resolved: dict[Path, Path] = {}  # path as met -> the key of _file_units
        self._real_folders: dict[Path, Path] = {}
        self._relatives: dict[Path, str] = {}
        self._root_prefix = _below_prefix(self.root)
        self._listings: dict[Path, frozenset[str] | None] = {}  # folder -> its names, lower-cased
        self._root_names: list[str] | OSError | None = None  # os.listdir(root), or why not: listed once
        self.facts: Facts | None = None  # built once, on first use, by check.facts.facts_of
        self.unused_modules: dict[int, bool] = {}  # facts.liveness.unused_module's answers, by id(unit)
        self.env_files: list[SourceFile] = []  # .env, .env.production, ...: values the code reads
        self.data_files: list[SourceFile] = []  # JSON and YAML files (read for secrets; not counted as checked)
        self.other_code: list[SourceFile] = []  # server code in Python, C#, Java, Ruby, Go: read as text
        self.key_files: list[SourceFile] = []  # .pem and .key files (a private key must not be served)
        self.manifest = ""  # package.json's text ("" without one), read once for the roles and the rules
        if found.has_record:
            try:
                self.record = _load_record(found.root)
            except ProjectError as exc:
                self.record_error = str(exc)
                self.record_error_line = getattr(exc, "line", None)
        for path in found.pages:
            self._add_page(path)
        for path in found.scripts:
            self._file_unit(path)
        if found.single_file:
            self._follow_imports()
        for path in found.configs:
            if path.name == ".env" or path.name.startswith(".env."):
                source = self._read(path)
                if source is not None:
                    self.env_files.append(source)
            elif path.name.lower().endswith(OTHER_CODE_SUFFIXES):
                self._add_data_file(path, self.other_code)
            elif path.name.lower().endswith(KEY_SUFFIXES):
                self._add_data_file(path, self.key_files)
            else:
                self._add_data_file(path)
        self._assign_roles()

    def _assign_roles(self) -> None:
        """Say where each file runs (mashup_gen.source): a Node script, a Next.js server action or route
        handler is server code; an Angular component template is a component, not a page."""
        from mashup_gen.source.roles import (
            classify,
            in_test_folder,
            is_bundle,
            is_mock_code,
            is_node_program,
            is_test_code,
            runs_test_folder,
        )

        try:
            self.manifest = (self.root / "package.json").read_text(encoding="utf-8", errors="replace")
        except OSError:
            self.manifest = ""
        manifest = self.manifest
        next_app = self._is_next_app(manifest)
        angular_app = self.may_exist(self.root / "angular.json") and (self.root / "angular.json").is_file()
        runner = runs_test_folder(manifest)  # mocha's test/ folder and the like: scripts only the runner loads
        # No page and a package.json of a Node program (an MCP server, a command-line tool): all its code is Node's.
        node_program = not self.pages and bool(manifest) and is_node_program(manifest)
        loaded = {id(unit) for page in self.pages for unit in page.units}
        for page in self.pages:
            page.role = str(classify(self.relative(page.file.path)))
        bundles = {
            id(u)
            for u in self.units
            if u.script.offset == 0
            and (
                is_bundle(u.file.path.name, u.file.text)
                or is_test_code(self.relative(u.file.path))
                or (runner and in_test_folder(self.relative(u.file.path)))
                or is_mock_code(u.file.text)
            )
        }
        if bundles:  # minified, vendored, test or mock code: it never ships a request, nothing there to fix
            self.units = [u for u in self.units if id(u) not in bundles]
            for page in self.pages:
                page.units = [u for u in page.units if id(u) not in bundles]
        for unit in self.units:
            if unit.script.offset != 0 or unit.file.path.suffix.lower() in (".html", ".htm"):
                continue  # an inline script runs in its page
            key = (self.relative(unit.file.path), unit.file.text, next_app, id(unit) in loaded)
            try:
                model = _MODELS.get(key, len(unit.file.text), _model, *key)
            except Exception:  # a parser failure must never stop a check: the file stays browser code
                continue
            unit.role = "server" if node_program and model.role in ("browser", "component") else str(model.role)
            unit.model = model
            if angular_app and unit.role == "server" and self._angular_browser_source(unit):
                unit.role = "browser"
        self._node_scripts(manifest, loaded)
        self._server_only_modules(loaded)
        if next_app:
            # A module a client component imports is bundled for the browser, though alone under app/ it would
            # be a server component.
            for unit in self.client_reach():
                if unit.role == "server":
                    unit.role = "browser"

    def next_pages(self) -> list[Unit]:
        """The pages of Next.js's pages router (pages/ or src/pages/): they render in the browser too (hydration),
        all but the API routes and the server-only _document."""
        return [u for u in self.units if u.script.offset == 0 and _PAGES_ROUTER.search(self.relative(u.file.path))]

    def _node_scripts(self, manifest: str, loaded: set[int]) -> None:
        """Make server code of the files package.json's scripts run with Node (``"reload": "node
        scripts/reload.mjs"``, ``tsx``, ``ts-node``, ``nodemon``): a command-line tool of the project, whatever it
        imports, is never a page's code (unless a page loads it too)."""
        from mashup_gen.source.roles import node_script_paths

        paths = node_script_paths(manifest)
        if not paths:
            return
        wanted = {(self.root / path).resolve() for path in paths}
        for unit in self.units:
            if (
                unit.script.offset == 0
                and unit.role in ("browser", "component")
                and id(unit) not in loaded
                and unit.file.path.resolve() in wanted
            ):
                unit.role = "server"

    def _angular_browser_source(self, unit: Unit) -> bool:
        """True for an Angular app's own source under ``src/`` (not its ``server.ts``, ``*.server.ts`` nor a
        server folder): the Angular CLI compiles it into the browser bundle, whatever Node package it imports
        (``jsonwebtoken`` in a service signs in the browser)."""
        from mashup_gen.source.roles import is_server_path

        relative = self.relative(unit.file.path)
        if not relative.startswith("src/") or is_server_path(relative) or "use server" in unit.script.code[:200]:
            return False
        return relative.rsplit("/", 1)[-1] not in ("server.ts", "main.server.ts", "app.config.server.ts")

    def _server_only_modules(self, loaded: set[int]) -> None:
        """Make server code of the plain modules only server code imports: an Express backend's
        ``services/qlik.js`` (its token request, its REST calls with a bearer token) names no server package
        itself, yet runs only where ``server.js`` does. A module a page loads, one any browser code imports, or
        one that says ``"use client"`` stays browser code (a bundler ships what browser code imports)."""
        if not any(unit.role == "server" for unit in self.units):
            return  # nothing imports from the server side: the common case, decided without reading imports
        by_path = self._module_units()
        importers: dict[int, list[Unit]] = {}
        for unit in self.units:
            if "./" not in unit.script.code:
                continue
            for m in _IMPORT.finditer(unit.script.code):
                target = self._imported(unit, m.group(1), by_path)
                if target is not None and target is not unit:
                    importers.setdefault(id(target), []).append(unit)
        changed = True
        while changed:  # bounded: each pass turns at least one more module into server code, or stops
            changed = False
            for unit in self.units:
                users = importers.get(id(unit))
                if (
                    unit.role == "browser"
                    and users
                    and id(unit) not in loaded
                    and "use client" not in unit.script.code[:200]
                    and all(user.role == "server" for user in users)
                ):
                    unit.role = "server"
                    changed = True

    def _add_data_file(self, path: Path, into: list[SourceFile] | None = None) -> None:
        """Read a small JSON/YAML file (or server code in another language, ``into`` its own list); a large one
        is data or generated, and is left alone."""
        if path.name == RECORD_NAME:
            return  # the project record holds no secret by design
        try:
            if path.stat().st_size > MAX_DATA_BYTES:
                return
        except OSError:
            return
        result = read_source(path, self.found.display(path))
        if isinstance(result, SourceFile):
            (self.data_files if into is None else into).append(result)

    def _real_path(self, path: Path) -> Path:
        """``path.resolve()`` when it exists, else ``path``: a file that is no link is where its folder
        really is (each folder resolved once per project), so a link is the only one resolved on its own."""
        try:
            status = path.lstat()
        except OSError:
            status = None
        if status is None or stat.S_ISLNK(status.st_mode) or path.name in ("", ".", ".."):
            return path.resolve() if path.exists() else path
        folder = path.parent
        real = self._real_folders.get(folder)
        if real is None:
            real = self._real_folders[folder] = self._real_folder(folder)
        return real / path.name

    def _real_folder(self, folder: Path) -> Path:
        """``folder.resolve()`` of the folder of a file that exists: below the root, a folder that is no link is
        in the real folder above it (each folder of the project resolved once, from the one above it, instead
        of every part of its path read again for each)."""
        parent = folder.parent
        if folder == self.root or folder.name in ("", ".", "..") or self.root not in folder.parents:
            return folder.resolve()
        try:
            status = folder.lstat()
        except OSError:
            return folder.resolve()
        if stat.S_ISLNK(status.st_mode):
            return folder.resolve()
        real = self._real_folders.get(parent)
        if real is None:
            real = self._real_folders[parent] = self._real_folder(parent)
        return real / folder.name

    def relative(self, path: Path) -> str:
        """``path`` relative to the project's root, POSIX style (its name when it is outside)."""
        relative = self._relatives.get(path)
        if relative is None:  # asked for each file by several steps: made once
            # A path below the root is the root's text, a slash and the rest (a Path's text is normalised: no
            # "." part, no doubled or trailing slash): cut from the text, what relative_to gives without
            # building a Path for each part. Anything else (the root itself, a path elsewhere, a root of "/"
            # or ".", a Windows path) is asked of relative_to.
            text, prefix = str(path), self._root_prefix
            if prefix and text.startswith(prefix) and len(text) > len(prefix):
                relative = text[len(prefix) :]
            else:
                try:
                    relative = path.relative_to(self.root).as_posix()
                except ValueError:
                    relative = path.name
            self._relatives[path] = relative
        return relative

    def _is_next_app(self, manifest: str) -> bool:
        """True when the project is a Next.js app: a next.config.* in its root (what ``root.glob("next.config.*")``
        finds, from one listing) or a dependency on next in its ``manifest`` (package.json's text, read once)."""
        names = self._root_listing()
        return (not isinstance(names, OSError) and any(name.startswith("next.config.") for name in names)) or (
            '"next"' in manifest
        )

    def _root_listing(self) -> list[str] | OSError:
        """``os.listdir(self.root)``, or the error it raised: listed once for the roles and :meth:`_listing`."""
        if self._root_names is None:
            try:
                self._root_names = os.listdir(self.root)
            except OSError as exc:
                self._root_names = exc
        return self._root_names

    def _add_page(self, path: Path) -> Page | None:
        source = self._read(path)
        if source is None:
            return None
        try:
            page = parse_page(source)
        except Exception as exc:  # html.parser is lenient, but a checker must never crash on input
            self.problems.append(Problem(source.display, "unreadable", f"the HTML cannot be parsed: {exc}"))
            return None
        self.pages.append(page)
        self._page_scripts(page)
        return page

    def _follow_imports(self) -> None:
        """Read the local modules a single file imports (``import x from './qlik'``, ``require('./x')``), and
        theirs, so that a file checked alone is read with the code it runs."""
        queue = list(self.units)
        while queue and len(self.sources) < MAX_FOLLOWED:
            unit = queue.pop()
            for m in _IMPORT.finditer(unit.script.code):
                base = unit.file.path.parent / m.group(1)
                target = next((c for c in _module_candidates(base) if c.is_file()), None)
                if target is None or target in self.sources or target.resolve() in self._file_units:
                    continue
                kind = file_kind(target.name)
                if kind == "page":
                    page = self._add_page(target)
                    queue.extend(page.units if page else [])
                elif kind == "script":
                    followed = self._file_unit(target)
                    queue.extend([followed] if followed else [])

    def _read(self, path: Path) -> SourceFile | None:
        if path in self.sources:
            return self.sources[path]
        result = read_source(path, self.found.display(path))
        if isinstance(result, Problem):
            self.problems.append(result)
            return None
        self.sources[path] = result
        return result

    def _file_unit(self, path: Path) -> Unit | None:
        key = self._resolved.get(path)
        if key is None:  # a page's script is usually met twice: as a file of the tree and from its page
            key = self._resolved[path] = self._real_path(path)
        if key in self._file_units:
            return self._file_units[key]
        self._file_units[key] = None
        source = self._read(path)
        if source is None:
            return None
        unit = Unit(source, shared_script(source.text))
        self._file_units[key] = unit
        self.units.append(unit)
        return unit

    def _page_scripts(self, page: Page) -> None:
        text = page.file.text
        for tag in page.scripts():
            if not is_javascript(tag):
                continue
            for attribute in ("src", "data-main"):
                src = tag.get(attribute)
                if src is None:
                    continue
                path = local_script(page.file.path, src, self.root)
                if path is not None and path.is_file():
                    unit = self._file_unit(path)
                    if unit is not None:
                        page.units.append(unit)
            if "src" in tag.attributes:
                continue
            end = _SCRIPT_END.search(text, tag.end)
            code_end = end.start() if end else len(text)
            unit = Unit(page.file, shared_script(text[tag.end : code_end], tag.end))
            page.units.append(unit)
            self.units.append(unit)

    def page_reach(self) -> list[Unit]:
        """The code the project's pages run: their scripts and, followed through relative imports (from the
        syntax trees), every local module those import, whatever the module's own imports suggest: a bundler
        puts a module a page imports into the page's bundle."""
        by_path = self._module_units()
        reached: list[Unit] = []
        seen: set[int] = set()
        queue = [unit for page in self.pages for unit in page.units]
        while queue:  # bounded: each unit is visited once
            unit = queue.pop()
            if id(unit) in seen:
                continue
            seen.add(id(unit))
            reached.append(unit)
            for specifier in unit.syntax.imports if unit.syntax is not None else ():
                if not specifier.source.startswith(("./", "../")):
                    continue
                target = self._imported(unit, specifier.source, by_path)
                if target is not None and id(target) not in seen:
                    queue.append(target)
        return reached

    def client_reach(self) -> list[Unit]:
        """The modules a Next.js client boundary puts in the browser bundle: each file marked ``"use client"``
        and every local module it imports, and theirs (relative, or through the ``@/`` and ``~/`` aliases of the
        project's root or ``src/``), as Next.js documents it; a module marked ``"use server"`` or importing
        ``server-only`` stays on the server."""
        by_path = self._module_units()
        queue = [u for u in self.units if u.syntax is not None and "use client" in u.syntax.directives]
        reached: list[Unit] = []
        seen: set[int] = set()
        while queue:  # bounded: each unit is visited once
            unit = queue.pop()
            syntax = unit.syntax
            if id(unit) in seen or syntax is None:
                continue
            seen.add(id(unit))
            if "use server" in syntax.directives or any(i.source == "server-only" for i in syntax.imports):
                continue
            reached.append(unit)
            text = unit.file.text
            for specifier in syntax.imports:
                statement = text[max(0, text.rfind("\n", 0, specifier.start)) : specifier.start].lstrip()
                if statement.startswith(("import type ", "export type ")):
                    continue  # erased by the compiler: nothing of the module is bundled
                target = self.local_module(unit, specifier.source, by_path)
                if target is not None and id(target) not in seen:
                    queue.append(target)
        return reached

    def local_module(self, unit: Unit, source: str, by_path: dict[Path, Unit] | None = None) -> Unit | None:
        """The project's module an import of ``unit`` names: relative, or through the ``@/`` and ``~/`` aliases
        of the project's root or ``src/``; None for a package or a module the project does not hold."""
        by_path = self._module_units() if by_path is None else by_path
        if source.startswith(("./", "../")):
            return self._imported(unit, source, by_path)
        if source.startswith(("@/", "~/")):
            for folder in (self.root, self.root / "src"):
                found = self._imported_from(folder, "./" + source[2:], by_path)
                if found is not None:
                    return found
        return None

    def _imported_from(self, folder: Path, specifier: str, by_path: dict[Path, Unit]) -> Unit | None:
        """The unit a relative ``specifier`` names from ``folder`` (see :meth:`_imported`)."""
        base = Path(os.path.normpath(folder / specifier))
        for candidate in self._names_present(base.parent, [base.name, *(base.name + s for s in _MODULE_SUFFIXES)]):
            found = by_path.get(self._real_path(candidate))
            if found is not None:
                return found
        for candidate in self._names_present(base, [f"index{suffix}" for suffix in _MODULE_SUFFIXES]):
            found = by_path.get(self._real_path(candidate))
            if found is not None:
                return found
        return None

    def _module_units(self) -> dict[Path, Unit]:
        """The project's script files by resolved path: what a relative import can name."""
        # Each file's real path as _file_unit found it (a file read is one that exists, so _real_path gives
        # what path.resolve() gives, a stat of the file instead of one of every part of its path), asked for
        # several times a project.
        found: dict[Path, Unit] = {}
        resolved = self._resolved
        for unit in self.units:
            if unit.script.offset == 0:
                path = unit.file.path
                key = resolved.get(path)
                if key is None:
                    key = resolved[path] = self._real_path(path)
                found[key] = unit
        return found

    @cached_property
    def root_configs(self) -> dict[str, str | None]:
        """The text of each script or JSON file at the project's root, lock files left out, by name (None: it
        could not be read), read once: build configs and manifests that name a bundle's entries (webpack's
        entry, angular.json, package.json's main)."""
        found: dict[str, str | None] = {}
        for path in self.root.iterdir():
            name = path.name
            if path.suffix.lower() not in (".js", ".mjs", ".cjs", ".ts", ".json") or name.endswith("-lock.json"):
                continue
            if not path.is_file():
                continue
            try:
                found[name] = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                found[name] = None
        return found

    def may_exist(self, path: Path) -> bool:
        """False when ``path`` is certainly absent: its folder, listed once per project, has no entry of that
        name (compared without case, as a case-insensitive file system would), or is no folder at all. True: ask
        the file system.

        Rules look for many files a project usually lacks (``next.config.*``, ``nuxt.config.*``,
        ``package.json``); one listing of a folder answers them all instead of a failed stat or open each.
        """
        name = path.name
        if not name.isascii():  # a file system may store another normalisation of the name: ask it
            return True
        names = self._listing(path.parent)
        return names is None or name.lower() in names

    def _listing(self, folder: Path) -> frozenset[str] | None:
        """The lower-cased names in ``folder`` (none when it is no folder), listed once; None when it cannot
        be listed (no permission): then nothing is known."""
        if folder not in self._listings:
            try:
                # The root was listed already for the roles (every project's is asked for here too).
                names = self._root_listing() if folder == self.root else os.listdir(folder)
                if isinstance(names, OSError):
                    raise names
                self._listings[folder] = frozenset(entry.lower() for entry in names)
            except (FileNotFoundError, NotADirectoryError):
                self._listings[folder] = frozenset()
            except OSError:
                self._listings[folder] = None
        return self._listings[folder]

    def _imported(self, unit: Unit, specifier: str, by_path: dict[Path, Unit]) -> Unit | None:
        """The unit a relative import (``./qlik``, ``../config.js``) of ``unit`` names, among ``by_path`` (keyed
        by real path): the name as written, with a module suffix, or a folder's index. Only names the folders'
        listings hold are resolved, each folder once: resolving every possible name on its own cost a project
        of vendored AMD modules (3,500 relative requires) 150,000 realpath calls."""
        # joined as Node and bundlers do, by name ("a/b/../c" is "a/c" whether or not b is there)
        return self._imported_from(unit.file.path.parent, specifier, by_path)

    def _names_present(self, folder: Path, names: list[str]) -> list[Path]:
        """``folder / name`` for each of ``names`` the folder may hold (see :meth:`may_exist`)."""
        listing = self._listing(folder)
        return [folder / n for n in names if listing is None or not n.isascii() or n.lower() in listing]

    @property
    def files_checked(self) -> int:
        """How many files were read."""
        return len(self.sources)
