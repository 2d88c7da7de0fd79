"""Local files the project references: ``<script src>``, ``<link rel="stylesheet" href>`` and OAuth redirect
pages (``redirectUri``, ``data-redirect-uri``). The ones that do not exist are a page that cannot load.

Only what is certain is reported. A value computed by a template or a script, a URL on another site, and
paths under build output folders (``dist/``, ``build/``...) are never judged; a root-relative path counts as
found when any folder of the project serves it (the web root is not written down)."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.model import MissingFile, Place
from mashup_gen.checker.facts.patterns import RESOURCE
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import STRING, TEMPLATE, Script
from mashup_gen.checker.project import Page, local_candidates
from mashup_gen.checker.scan import HTML_SUFFIXES
from mashup_gen.fs import SKIP_DIRS
from mashup_gen.source.bundlers import dependencies

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

# Folders a build writes: what they hold is not in the sources, so a reference into them proves nothing.
BUILD_DIRS = frozenset({"dist", "build", "out", "bundle", "bundles", "target", ".next", ".nuxt", "gen", "generated"})
# Folders a package manager fills on install (npm, Bower, jspm): never committed, so a page's path into one is
# found once the project's dependencies are installed.
PACKAGE_DIRS = frozenset({"node_modules", "bower_components", "jspm_packages"})
# Paths the hosting platform answers itself, never files of the project: Vercel's /_vercel/insights/script.js,
# Netlify's /.netlify/..., Cloudflare's /cdn-cgi/..., Firebase Hosting's reserved /__/firebase/init.js.
# ASP.NET Core serves _framework/ (Blazor's blazor.server.js, blazor.webassembly.js) and _content/ (Razor class
# libraries' static assets) itself, whatever the page's base: `<script src="_framework/blazor.server.js">`.
_PLATFORM_PATH = re.compile(r"^/(?:_vercel|\.netlify|cdn-cgi|__)/|^(?:~?/)?_(?:framework|content)/")
_REDIRECT_KEYS = frozenset({"redirecturi", "redirecturl", "callbackurl", "callbackuri"})
_REDIRECT_ATTRIBUTES = ("data-redirect-uri", "redirect-uri")
# A bundler's output names a file by its content hash (main.869dd763.js, app.3f2a1b9c.chunk.css): made by a
# build, not written by hand, so a missing one is an unbuilt or uncommitted output, not a misspelt name.
_HASHED_NAME = re.compile(r"[.-](?=[0-9a-f]*\d)[0-9a-f]{8,}(?:\.chunk)?\.(?:m?js|css)$", re.I)
_REDIRECT_WORDS = Quick(
    re.compile(r"[Rr]edirect[-_]?[Uu]r[IiLl]|[Cc]allback[-_]?[Uu]r[IiLl]|REDIRECT_UR[IL]|CALLBACK_UR[IL]")
)
_PAGE_FILE = re.compile(r"(?i)\.(?:html?|php|aspx?|cshtml|jsp)$")
# An .html file with Jinja/Twig/Django/Liquid/Nunjucks statements ({% extends "base.html" %}, {% if page.title %})
# is a server template (a MkDocs or Flask theme): the page it renders lives at a route, not beside the file.
_TEMPLATE_STATEMENT = re.compile(r"\{%-?\s*(?:extends|block|include|if|for|macro|import|set)\b")
_MAX_FILES = 50_000  # a bound on the walk: a tree this big is not one mashup
# HtmlWebpackPlugin's template (<%= htmlWebpackPlugin.options.title %>): the page is written into the build's
# output folder, so its relative paths resolve there (where the build copies its files), not beside the template.
_WEBPACK_TEMPLATE = Quick(re.compile(r"\bhtmlWebpackPlugin\b"))
# Code that works with Qlik: its packages and loaders, its engine, a tenant, the capability API.
_QLIK_CODE = re.compile(r"(?i)qlik|enigma|nebula|stardust|picasso|qsocks|\bqix\b|webIntegrationId")
# Well-known drawing and page-styling libraries, by a folder or file name of their own (AmCharts/pie.js,
# d3.v5.min.js, highcharts.js, bootstrap.bundle.min.js): missing, the page draws or looks wrong, but nothing of
# its Qlik integration is lost. Libraries a page may talk to Qlik with (jQuery's ajax, axios) are not here.
_DRAWING_LIBRARY = re.compile(
    r"(?i)(?:^|[/\\])(?:amcharts\d?(?:[/\\]|[.-][^/\\]*$)|(?:highcharts|highstock|highmaps|echarts|plotly|"
    r"leaflet|adminlte\d?|popper|bootstrap|d3)(?:[.-](?:v?\d[\w-]*|min|bundle|esm|umd|slim|full))*\.js$|"
    r"[^/\\]*\bvmap\b[^/\\]*\.js$)"
)
# A script named for signing in, for the page's settings or for enigma's schema (authenticate_user.js, login.js,
# config.js, schema.js): missing, the session check or the tenant's values never load, whatever else of Qlik the
# page runs.
_SIGN_IN_NAME = re.compile(r"(?i)auth|log_?in|sign_?in|session|conf|setting|tenant|schema")


def project_files(facts: Facts) -> frozenset[str]:
    """Every file under the project root, as a POSIX path relative to it (third-party and hidden folders
    skipped)."""
    root = facts.project.root
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        base = Path(folder).relative_to(root).as_posix()
        for name in files:
            found.add(name if base == "." else f"{base}/{name}")
        if len(found) > _MAX_FILES:
            break
    return frozenset(found)


def _served(facts: Facts, path: str) -> bool:
    """True when some file of the project ends with ``path`` (a root-relative path served from any folder; of
    a path relative to a route, ``../css/x.css``, what follows the climbing)."""
    tail = re.sub(r"^(?:\.\.?/)+", "", path.lstrip("~").strip("/")).strip("/")
    return any(f == tail or f.endswith("/" + tail) for f in facts.project_files)


def _served_under_mount(facts: Facts, path: str) -> bool:
    """True when a root-relative path names a project file below a prefix of its own: a server mounts a folder
    under a URL prefix (``app.use("/assets", express.static("public/views"))``, a Flask blueprint's
    ``static_url_path``), so ``/assets/report/js/main.js`` is ``public/views/report/js/main.js``. At least a
    folder and the file name must match, so a name that exists in some other folder does not hide a typo."""
    parts = [p for p in path.lstrip("~").split("/") if p]
    return any(_served(facts, "/".join(parts[i:])) for i in range(1, len(parts) - 1))


# A static folder a Node server mounts under a URL prefix: app.use("/static", express.static(...)), fastify's
# register(fastifyStatic, { root, prefix: "/static/" }).
_MOUNT = re.compile(
    r"""\buse\(\s*["'`](/[\w.-]+(?:/[\w.-]+)*)/?["'`]\s*,\s*[\w.]*(?:static|serveStatic)\("""
    r"""|\bprefix\s*:\s*["'`](/[\w.-]+(?:/[\w.-]+)*)/?["'`]"""
)


def _served_by_mount(facts: Facts, path: str) -> bool:
    """True when a root-relative path starts with the URL prefix a server mounts a static folder under
    (``app.use("/static", express.static("public"))``) and some project file ends with what follows it, or the
    folder is an installed package's (``express.static(path.join(__dirname, "node_modules", "enigma.js"))``):
    what it holds is there once the project's dependencies are installed, never in the repository."""
    for unit in facts.project.units:
        code = unit.script.code
        if unit.in_browser or "static" not in code.lower():
            continue
        for m in _MOUNT.finditer(code):
            prefix = (m.group(1) or m.group(2)).strip("/") + "/"
            rest = path.lstrip("/")
            if not rest.startswith(prefix) or not rest[len(prefix) :]:
                continue
            folder = code[m.end() : m.end() + 200].split(";", 1)[0].split("\n", 1)[0]
            if m.group(1) and _PACKAGE_FOLDER.search(folder):
                return True
            if _served(facts, rest[len(prefix) :]):
                return True
    return False


# A static folder named inside an installed package (node_modules, or require.resolve's answer).
_PACKAGE_FOLDER = re.compile(r"""["'`/]node_modules\b|\brequire\.resolve\(""")
# A server route that answers a path itself: Express's or a router's app.get("/config.js", ...), Flask's
# @app.route("/config.js"), FastAPI's @app.get(...), Laravel's Route::get('/config.js', ...), Go's
# http.HandleFunc("/config.js", ...).
_ROUTE_CALL = r"""\b(?:get|route|all|api_route|HandleFunc|Handle)\s*\(\s*["'`]{path}["'`]"""


def _answered_by_route(facts: Facts, path: str) -> bool:
    """True when server code (a Node server, a Python, PHP or Go web app) has a route for the root-relative
    ``path`` (``app.get("/config.js", ...)``): the server writes the file on request (a settings script made
    from its environment, say), so no file of the project needs to hold it."""
    route = "/" + re.sub(r"^(?:\./)+", "", path.lstrip("~").lstrip("/"))
    if ".." in route or route == "/":
        return False
    pattern = re.compile(_ROUTE_CALL.format(path=re.escape(route)))
    texts = [unit.script.code for unit in facts.project.units if not unit.in_browser]
    texts += [source.text for source in facts.project.other_code]
    return any(route in text and pattern.search(text) for text in texts)


# express.static("public"), express.static(path.join(__dirname, "public")), serveStatic('www'): the folder a Node
# server answers any path from.
_STATIC_FOLDER = re.compile(
    r"""\b(?:static|serveStatic)\(\s*(?:(?:path\.)?(?:join|resolve)\(\s*__dirname\s*,\s*)?["'`](?:\./)?([\w./-]+?)/?["'`]"""
)


_STATIC_CALL = re.compile(r"\b(?:static|serveStatic)\(")


def static_folders(facts: Facts) -> list[str]:
    """The folders (relative to the project root) that the project's Node servers serve as they are
    (``app.use(express.static("public"))``); ``"."`` for one this cannot name (``express.static(__dirname)``, a
    variable): then any folder may be served."""
    folders = []
    for unit in facts.project.units:
        code = unit.script.code
        if unit.in_browser or "static" not in code:
            continue
        base = facts.project.relative(unit.file.path.parent)
        named = {m.start() for m in _STATIC_FOLDER.finditer(code)}
        for m in _STATIC_FOLDER.finditer(code):
            folder = m.group(1).strip("/")
            folders.append(folder if base in ("", ".") else f"{base}/{folder}")
        if any(m.start() not in named for m in _STATIC_CALL.finditer(code)):
            folders.append(".")
    return folders


def _in_static_folder(facts: Facts, page_path: Path, relative: str) -> bool:
    """True when a page that a Node server sends (one in the server's own folder, or one whose folders and name
    some server code names: ``res.sendFile(path.join(process.cwd(), "views", "index.html"))``) references,
    relative to itself, a file in one of the folders the server serves (``express.static("public")``): the page
    is answered at a URL of the root, so the path resolves against the static folder, not the page's own folder."""
    servers = [unit for unit in facts.project.units if not unit.in_browser]
    folders = [
        unit.file.path.parent / m.group(1)
        for unit in servers
        if "static" in unit.script.code
        for m in _STATIC_FOLDER.finditer(unit.script.code)
    ]
    if not any((folder / relative).is_file() for folder in folders):
        return False
    root = facts.project.root
    return any(
        page_path.parent == unit.file.path.parent
        or _names_page(unit.script.code, page_path, unit.file.path.parent)
        or _names_page(unit.script.code, page_path, root)
        for unit in servers
    )


def _names_page(code: str, page_path: Path, base: Path) -> bool:
    """True when server code names a page below ``base`` by each folder and the file name of its path."""
    try:
        parts = page_path.relative_to(base).parts
    except ValueError:
        return False
    return len(parts) > 0 and all(re.search(rf"""["'`/]{re.escape(p)}["'`/]""", code) for p in parts)


def _sent_from_server_folder(facts: Facts, page_path: Path, relative: str) -> bool:
    """True when a Node server sends this page from a subfolder (``serveFile("public/index.html")``,
    ``res.sendFile(path.join(__dirname, 'views', 'index.html'))``) at a URL of its own folder, and the path,
    relative to that folder, is a file: the browser resolves it against the URL, not the page's folder."""
    for unit in facts.project.units:
        code = unit.script.code
        if unit.in_browser or page_path.name not in code:
            continue
        server_dir = unit.file.path.parent
        try:
            parts = page_path.relative_to(server_dir).parts
        except ValueError:
            continue
        if len(parts) < 2:
            continue  # the page is in the server's own folder: the static-folder case above
        named = "/".join(parts) in code or all(re.search(rf"""["'`/]{re.escape(p)}["'`/]""", code) for p in parts)
        if named and (server_dir / relative).is_file():
            return True
    return False


def _in_build_output(path: Path, root: Path) -> bool:
    """True when ``path`` lies in a folder a build writes (``dist/``, ``build/``...) under the project root."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return False
    return any(part.lower() in BUILD_DIRS for part in parts[:-1])


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` (``..`` resolved) lies under ``root``."""
    return os.path.normpath(path).startswith(os.path.normpath(root) + os.sep)


def _path(value: str) -> str:
    return unquote(value.split("#", 1)[0].split("?", 1)[0].strip())


def _not_a_dependency(facts: Facts, page: Page, value: str) -> bool:
    """A path into ``node_modules/<package>/`` that no install will fill: the project's package.json does not
    list the package, and the file is not there either (node_modules is never committed)."""
    parts = PurePosixPath(_path(value)).parts
    if "node_modules" not in parts or ".." in parts or is_dynamic(value):
        return False  # a path that climbs out may be a workspace's hoisted folder, listed by another manifest
    at = parts.index("node_modules") + 1
    package = (
        "/".join(parts[at : at + 2]) if at < len(parts) and parts[at].startswith("@") else "/".join(parts[at : at + 1])
    )
    if not package or package.startswith("{"):
        return False
    manifest = dependencies(facts.project.root, facts.project.manifest)
    if manifest is None or package in manifest:
        return False  # no manifest (how it is installed is unknown), or installed with the project
    candidates = local_candidates(page.file.path, value, facts.project.root)
    return bool(candidates) and not any(c.is_file() for c in candidates)


def _judged(value: str) -> bool:
    path = value.split("#", 1)[0].split("?", 1)[0].strip()
    if not path or is_dynamic(value) or path.endswith("/") or RESOURCE.search(path):
        return False  # Qlik's own files (/resources/...) are the resource rules' to judge
    if _HASHED_NAME.search(path) or _PLATFORM_PATH.match(path):
        return False
    parts = {p.lower() for p in PurePosixPath(path.lstrip("~")).parts}
    return not parts & (BUILD_DIRS | PACKAGE_DIRS) and not any(p.startswith("{") for p in parts)


# A bundler's or compiler's output file or folder given on the command line of a package.json script (esbuild
# --outfile=public/app.js, browserify -o public/bundle.js, rollup --file, tsc --outDir, sass in:out is not read).
_OUTPUT_FLAG = re.compile(
    r"""(?:--outfile|--out-file|--outFile|--file|--outdir|--out-dir|--outDir|--output|-o)(?:=|\s+)["']?([\w./@-]+)"""
)


def _written_by_a_script(facts: Facts, path: Path) -> bool:
    """True when a script of the project's package.json writes ``path``, or the folder holding it."""
    manifest = facts.project.manifest
    if not manifest or "scripts" not in manifest:
        return False
    root = facts.project.root.resolve()
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        return False
    for match in _OUTPUT_FLAG.finditer(manifest):
        written = match.group(1).removeprefix("./").rstrip("/")
        if written and (relative == written or relative.startswith(written + "/")):
            return True
    return False


# The template a developer copies to make a settings file (config.js from config.example.js, config.sample.js,
# config.template.js, config.dist.js, config.js.example).
_TEMPLATE_INFIXES = ("example", "sample", "template", "dist")


def _copied_from_template(path: Path) -> bool:
    """True when ``path`` is a file the project's .gitignore keeps out of the repository and a template of it sits
    beside it (``js/config.js`` ignored, ``js/config.example.js`` committed): each developer and deployment makes
    it from the template, so its absence from the repository is the design, not a broken reference."""
    from mashup_gen.checker.rules.ignored import ignored

    folder, stem, suffix = path.parent, path.stem, path.suffix
    templates = [folder / f"{stem}.{infix}{suffix}" for infix in _TEMPLATE_INFIXES]
    templates += [folder / f"{path.name}.{infix}" for infix in _TEMPLATE_INFIXES]
    return any(t.is_file() for t in templates) and ignored(path)


def _missing_reference(facts: Facts, page: Page, value: str, plain_html: bool) -> bool:
    """A page's local script or stylesheet that no file of the project answers."""
    root = facts.project.root
    if not _judged(value):
        return False
    candidates = local_candidates(page.file.path, value, root)
    if not candidates or any(c.is_file() for c in candidates):
        return False
    if all(_in_build_output(c, root) for c in candidates):
        return False  # dist/index.html's main.js: the bundler writes it next to the page, unbuilt here
    if any(_written_by_a_script(facts, c) for c in candidates):
        return False  # public/app.js, which package.json's "build" writes (esbuild --outfile=public/app.js)
    if any(_copied_from_template(c) for c in candidates):
        return False  # js/config.js, git-ignored, made from js/config.example.js at setup (the README says so)
    relative_to_page = not value.lstrip().startswith(("/", "~/"))
    if relative_to_page and (
        _in_static_folder(facts, page.file.path, _path(value))
        or _sent_from_server_folder(facts, page.file.path, _path(value))
    ):
        return False  # a page the server sends at its root: the path is one of its static folders'
    # A server template's relative path follows its route, not its file: only a file that exists nowhere in the
    # project is missing; one that climbs out of the project (a theme's ../stylesheets/x.css, the pages it
    # renders living elsewhere) is not judged.
    if not plain_html and relative_to_page and not all(_inside(c, root) for c in candidates):
        return False
    if _answered_by_route(facts, _path(value)):
        return False  # app.get("/config.js", ...): the server writes it on request
    if _written_by_build_script(facts, value, candidates):
        return False  # esbuild's outfile: 'public/app.js' in build.mjs: the build writes it
    return (relative_to_page and plain_html) or not (
        _served(facts, _path(value))
        or (
            not relative_to_page and (_served_under_mount(facts, _path(value)) or _served_by_mount(facts, _path(value)))
        )
    )


# A build's output file named in a build script or bundler config: esbuild's outfile, rollup's file, webpack's
# filename.
_OUTPUT_KEY = re.compile(r"""\b(?:outfile|outFile|file|filename|fileName|entryFileNames)\s*:\s*["'`]([^"'`\s]+)["'`]""")


def _written_by_build_script(facts: Facts, value: str, candidates: list[Path]) -> bool:
    """True when the project's build code (a build.mjs calling esbuild, a rollup or webpack config) names the
    referenced file as its output (``outfile: 'public/app.js'``, ``filename: 'bundle.js'``): the build writes
    it, so it is not in the sources until the project is built."""
    name = PurePosixPath(_path(value)).name
    root = facts.project.root
    relatives = set()
    for c in candidates:
        try:
            relatives.add(c.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue
    for unit in facts.project.units:
        code = unit.script.code
        if (unit.in_browser and unit.role != "config") or name not in code:
            continue
        for m in _OUTPUT_KEY.finditer(code):
            out = m.group(1).lstrip("./")
            if out in relatives or (PurePosixPath(out).name == name and "/" not in out):
                return True
    return False


def _page_uses_qlik(page: Page, project_uses_qlik: bool) -> bool:
    """True when the page works with Qlik: a tag names Qlik (a loader, ``<qlik-embed>``, a tenant resource) or
    code it runs does; a page whose own code cannot be read (every script it names is missing or remote) may
    be the one that does, when the project works with Qlik anywhere."""
    for tag in page.tags:
        if tag.name == "qlik-embed" or any(
            _QLIK_CODE.search(tag.get(name) or "") or RESOURCE.search(tag.get(name) or "") for name in ("src", "href")
        ):
            return True
    if any(_QLIK_CODE.search(unit.script.code) for unit in page.units):
        return True
    return project_uses_qlik and not any(unit.script.code.strip() for unit in page.units)


# What the code that does a page's Qlik work calls or loads: the capability API and its app, enigma.js's session
# and document, the engine's socket, a session check. Settings alone (var config = {webIntegrationId: ...}) are
# not the work: the script that uses them may be the missing one.
_QLIK_WORK = re.compile(
    r"js/qlik|^(?:openApp|openDoc|getObject|createSessionObject|getAppLayout)$|^enigma$|/app/|users/me"
)


def _misspelt(facts: Facts, value: str) -> bool:
    """True when the file ``value`` names is a script of the project under another path, or a slip of the pen
    away from one (at most two letters changed, added, left out or swapped): the page means its own code, which
    is there."""
    name = PurePosixPath(_path(value)).name.lower()
    if not name.endswith(".js"):
        return False
    for path in facts.project_files:
        other = PurePosixPath(path).name.lower()
        if other.endswith(".js") and abs(len(other) - len(name)) <= 2 and _near(name, other):
            return True
    return False


def _near(a: str, b: str, limit: int = 2) -> bool:
    """True when ``a`` becomes ``b`` with at most ``limit`` edits (a letter changed, added, removed, or two
    neighbours swapped)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return False
        previous2, previous = previous, row
    return previous[-1] <= limit


def _qlik_work_in_code(script: Script) -> bool:
    """True when a token of ``script`` (a name, a string; comments are no tokens) does Qlik's work: loads js/qlik,
    opens an app, creates an engine session or checks for a tenant session."""
    if not _QLIK_CODE.search(script.code) and "users/me" not in script.code:
        return False  # the cheap test first
    return any(_QLIK_WORK.search(script.text(i)) for i in range(len(script.tokens)))


def missing_files(facts: Facts) -> list[MissingFile]:
    """References to local scripts, stylesheets and OAuth redirect pages that no file answers."""
    found: list[MissingFile] = []
    project_uses_qlik: bool | None = None  # asked once, for the first page whose own code says nothing
    for page in facts.project.pages:
        if _WEBPACK_TEMPLATE.search(page.file.text):
            continue  # a build's template: its paths resolve in the build's output folder
        plain_html = page.file.path.suffix.lower() in HTML_SUFFIXES and not _TEMPLATE_STATEMENT.search(page.file.text)
        page_qlik: bool | None = None
        page_code_qlik: bool | None = None  # the page runs Qlik code from files that are there
        for tag in page.tags:
            kind, name = _tag_reference(tag.name, tag.get("rel"))
            attribute = tag.attributes.get(name) if name else None
            if (
                attribute is not None
                and kind is not None
                and (
                    _not_a_dependency(facts, page, attribute.value)
                    or _missing_reference(facts, page, attribute.value, plain_html)
                )
            ):
                if page_qlik is None:
                    if project_uses_qlik is None:
                        project_uses_qlik = any(_QLIK_CODE.search(u.script.code) for u in facts.project.units)
                    page_qlik = _page_uses_qlik(page, project_uses_qlik)
                # A stylesheet only styles the page; a script of a page with nothing of Qlik is not Qlik's part,
                # nor, on a page whose own code that is there does the Qlik work, a script whose name says
                # nothing of Qlik or of signing in (a UI library, a template's demo script).
                value = attribute.value
                if kind != "script" or _QLIK_CODE.search(value):
                    qlik = kind == "script"
                elif not page_qlik:
                    qlik = False
                else:
                    if page_code_qlik is None:
                        page_code_qlik = any(_qlik_work_in_code(unit.script) for unit in page.units)
                    qlik = (
                        not page_code_qlik
                        or bool(_SIGN_IN_NAME.search(value))
                        or _misspelt(facts, value)  # js/mian.js for js/main.js: the page's own code
                    )
                if qlik and _DRAWING_LIBRARY.search(value.split("?")[0]):
                    qlik = False  # a drawing or styling library: the page works with Qlik without it
                found.append(MissingFile(Place(page.file, attribute.start, attribute.end), attribute.value, kind, qlik))
            for redirect in _REDIRECT_ATTRIBUTES:
                value = tag.get(redirect)
                kind = _redirect_problem(facts, value) if value is not None else None
                if value is not None and kind is not None:
                    attribute = tag.attributes[redirect]
                    found.append(MissingFile(Place(page.file, attribute.start, attribute.end), value, kind))
    for unit in facts.project.units:
        script = unit.script
        code = script.code
        if not (("edirect" in code or "allback" in code) and script.matches(_REDIRECT_WORDS)):
            continue  # the cheap test first: most scripts never name a redirect URI
        last = len(script.tokens) - 2
        for colon in script.punct_indexes(":"):  # a key is followed by a colon: the colons, not every token
            i = colon - 1
            if not 0 <= i < last or not (script.is_ident(i) or script.tokens[i].kind == STRING):
                continue
            key = script.text(i) if script.is_ident(i) else (script.string_value(i) or "")
            if key.replace("-", "").replace("_", "").lower() not in _REDIRECT_KEYS:
                continue
            end = i + 2
            while end < len(script.tokens) and not (
                script.parent(end) == script.parent(i) and (script.is_punct(end, ",") or script.is_punct(end, "}"))
            ):
                end += 1
            for j in range(i + 2, end):
                if script.tokens[j].kind in (STRING, TEMPLATE):
                    value = script.string_value(j) or ""
                    if "${" in value:
                        value = value.rsplit("}", 1)[-1]  # `${origin}/callback.html`: the path part
                    kind = _redirect_problem(facts, value)
                    if kind is not None:
                        found.append(MissingFile(string_place(unit, j), value, kind))
    found.extend(_travelled_redirects(facts, found))
    return found


_EXAMPLE_FILE = re.compile(r"(?i)[._-](?:example|sample|template|dist)\b")


def _travelled_redirects(facts: Facts, found: list[MissingFile]) -> list[MissingFile]:
    """Redirect URIs given by name (``redirectUri: env.VITE_QLIK_REDIRECT_URI``, ``data-redirect-uri={REDIRECT}``)
    whose value, defined in an env file or another module, names a page or route the project lacks: reported
    where the value is defined, once."""
    if not any(value.what == "redirect URI" for value in facts.travelled):
        return []
    seen = {(id(m.place.file), m.place.start) for m in found}
    values: set[str] = set()  # the same URI in .env and .env.development: one finding
    more: list[MissingFile] = []
    for value in facts.travelled:
        defined = (id(value.defined.file), value.defined.start)
        if value.what != "redirect URI" or defined in seen or value.value in values:
            continue
        if _EXAMPLE_FILE.search(value.defined.file.path.name):
            continue  # .env.example: what a developer copies and fills in, not what runs
        seen.add(defined)
        values.add(value.value)
        kind = _redirect_problem(facts, value.value)
        if kind is not None:
            more.append(MissingFile(value.defined, value.value, kind))
    return more


def _tag_reference(tag: str, rel: str | None) -> tuple[str | None, str | None]:
    if tag == "script":
        return "script", "src"
    if tag == "link" and rel is not None and "stylesheet" in rel.lower().split():
        return "stylesheet", "href"
    return None, None


REDIRECT_PAGE = "OAuth redirect page"
REDIRECT_ROUTE = "OAuth redirect route"
UNSERVED_REDIRECT_PAGE = "OAuth redirect page the server does not serve"
# What builds or serves a front end itself (a dev server, a build that copies pages): its pages are not only the
# Node server's static folders.
_FRONT_END_TOOLS = (
    "vite",
    "webpack",
    "parcel",
    "parcel-bundler",
    "react-scripts",
    "next",
    "nuxt",
    "@angular/core",
    "@vue/cli-service",
    "astro",
    "@sveltejs/kit",
    "gatsby",
)


def _redirect_problem(facts: Facts, value: str) -> str | None:
    """What is wrong with an OAuth redirect URI's page: it is nowhere in the project, or it is, but outside
    every folder the project's Node server serves (``express.static("public")`` and no route that sends it)."""
    if _missing_page(facts, value):
        return REDIRECT_PAGE
    if _missing_route(facts, value):
        return REDIRECT_ROUTE
    if _unserved_page(facts, value):
        return UNSERVED_REDIRECT_PAGE
    return None


def _unserved_page(facts: Facts, value: str) -> bool:
    """True when the project is a Node server that serves static folders, the project's pages are in them, and
    the page ``value`` names is a file outside all of them that no server code names (``res.sendFile``, a
    route): the browser comes back from sign-in to a 404. A server with no static folder that sends its pages by
    route (``app.get("/", ... res.sendFile(...index.html))``) serves those pages only. A project with a front-end
    build is not judged."""
    if is_dynamic(value):
        return False
    name = PurePosixPath(unquote(urlsplit(value.strip()).path)).name
    if not _PAGE_FILE.search(name):
        return False
    served = static_folders(facts)
    if "." in served:
        return False  # a folder this cannot name is served too (express.static(__dirname)): it may be the page's
    folders = [folder.strip("/") + "/" for folder in served if folder.strip("/") not in ("", ".")]
    if folders:
        if not any(facts.project.relative(p.file.path).startswith(tuple(folders)) for p in facts.project.pages):
            return False
    elif served or not _sends_pages(facts):
        return False  # no server that answers with pages: the site is served by something else
    manifest = dependencies(facts.project.root, facts.project.manifest)
    if manifest is not None and any(tool in manifest for tool in _FRONT_END_TOOLS):
        return False
    files = [f for f in facts.project_files if f == name or f.endswith("/" + name)]
    if not files or any(f.startswith(tuple(folders)) for f in files):
        return False
    stem = name.rsplit(".", 1)[0]
    return not any(not unit.in_browser and stem in unit.script.code for unit in facts.project.units)


# A route that answers with a page file: res.sendFile(path.join(__dirname, "index.html")).
_SEND_PAGE = re.compile(r"""\.sendFile\s*\([^;]*?\.html?\b""")


def _sends_pages(facts: Facts) -> bool:
    """True when the project's server code answers routes with page files (``res.sendFile(...index.html)``):
    with no static folder, the pages it names are all the site it serves."""
    return any(not unit.in_browser and _SEND_PAGE.search(unit.script.code) for unit in facts.project.units)


def _missing_page(facts: Facts, value: str) -> bool:
    """True when ``value`` (a URL or a path) names a page file that exists nowhere in the project."""
    if is_dynamic(value):
        return False
    path = unquote(urlsplit(value.strip()).path)
    if not _PAGE_FILE.search(path) or not _judged(path):
        return False
    # The site may serve the project under a path of its own (/app/...): any tail of the path may name the file.
    parts = [part for part in path.lstrip("~").split("/") if part]
    return not any(_served(facts, "/".join(parts[i:])) for i in range(len(parts)))


# Frameworks whose routes are files: Next.js (app/, pages/), Nuxt (pages/), SvelteKit (src/routes/), Remix and
# React Router's framework mode (app/routes/), Astro (src/pages/).
_FILE_ROUTERS = ("next", "nuxt", "@sveltejs/kit", "@remix-run/react", "@react-router/dev", "astro")
_ROUTE_ROOT = re.compile(r"(?:^|/)(?:server/(?:routes|api)|app/routes|app|pages|routes)/")
_STATIC_ROOT = re.compile(r"(?:^|/)(?:public|static)/")
# A redirect URI's route as written: an http(s) URL or a root-relative path (what follows ${origin}).
_ROUTE_VALUE = re.compile(r"^(?:https?://[\w.-]+(?::\d+)?)?/[\w\-./~%]*(?:[?#]\S*)?$")
# A route folder's own file: Next.js's page/route, SvelteKit's +page/+server, an index, Remix's _index.
_ROUTE_FILE = frozenset({"page", "route", "index", "+page", "+server", "+page.server", "_index"})


def _missing_route(facts: Facts, value: str) -> bool:
    """True when ``value`` names a path without a file extension (``/auth/callback``) in a project whose
    framework routes by files, and no route file, no file of public/ or static/, and no other code of the project
    (a client router's ``path: "auth/callback"``, a rewrite, a server route) answers it: after sign-in Qlik sends
    the browser to a 404. A project with a dynamic or catch-all route (``[slug]``, ``$id``) is not judged."""
    if not _ROUTE_VALUE.match(value.strip()):
        return False  # not a URL nor a root-relative path (a message, a scope, a type)
    path = unquote(urlsplit(value.strip()).path).strip("/")
    if not path or is_dynamic(value) or "." in path.rsplit("/", 1)[-1] or not _judged("/" + path):
        return False
    manifest = dependencies(facts.project.root, facts.project.manifest)
    if manifest is None or not any(tool in manifest for tool in _FILE_ROUTERS):
        return False
    routes: set[str] = set()
    for name in facts.project_files:
        # The first route folder, below any workspace folders (apps/web/app/...); a Nuxt server route's folder.
        root = _ROUTE_ROOT.search(name) or _STATIC_ROOT.search(name)
        if root is None:
            continue
        rest = name[root.end() :]
        folder, _, file = rest.rpartition("/")
        remix = root.group(0).rstrip("/").endswith("routes") and not root.group(0).endswith("server/routes/")
        if remix and not folder:
            # Remix's flat routes: auth.callback.tsx is /auth/callback; a leading _ is a pathless layout, a
            # trailing _ leaves the parent layout (neither is in the URL).
            pieces = file.rsplit(".", 1)[0].split(".") if "." in file else [file]
            pieces = [piece.rstrip("_") for piece in pieces if not piece.startswith("_") or piece == "_index"]
            stem = "/".join(pieces)
        else:
            stem = f"{folder}/{file.split('.', 1)[0]}" if folder else file.split(".", 1)[0]
            if file.startswith("+"):  # SvelteKit's +page.svelte, +page.server.ts, +server.ts
                stem = f"{folder}/{file.rsplit('.', 1)[0]}" if folder else file.rsplit(".", 1)[0]
        if root.group(0).endswith("server/api/"):
            stem = "api/" + stem  # Nuxt: server/api/x answers /api/x
        # Route groups ((auth)) and parallel slots (@modal) are no part of the URL.
        parts = [p for p in stem.split("/") if p and not (p.startswith("(") and p.endswith(")")) and p[0] != "@"]
        if any("[" in p or p.startswith("$") or p in ("_", "*") for p in parts):
            return False  # a dynamic route may answer any path
        if parts and parts[-1] in _ROUTE_FILE:
            parts.pop()
        routes.add("/".join(parts).lower())
    parts = path.lower().split("/")
    if any("/".join(parts[i:]) in routes for i in range(len(parts))):
        return False
    # Another mention of the path (a client router's route, a rewrite, a server's handler) may answer it; the
    # redirect URI itself is one.
    mentions = sum(unit.script.code.count(path) for unit in facts.project.units)
    mentions += sum(source.text.count(path) for source in facts.project.data_files)
    return mentions <= 1
