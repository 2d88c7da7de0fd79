"""What runs where: each file of a project is a page, browser code, a component, server code or config.

Rules judge a file only where it runs: the tenant's cookie, the web integration id and the CSRF token
concern requests the browser makes; a Node script or a Next.js server action calls the REST API with a
bearer token and has neither. A component (Vue/Svelte, an Angular template, a React component) is a piece
of a page, never a whole page: it does not load qlik-embed itself.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from functools import lru_cache
from pathlib import PurePosixPath

PAGE = "page"
BROWSER = "browser"
COMPONENT = "component"
SERVER = "server"
CONFIG = "config"


class Role(StrEnum):
    """Where a file runs (or what it is)."""

    PAGE = PAGE
    BROWSER = BROWSER
    COMPONENT = COMPONENT
    SERVER = SERVER
    CONFIG = CONFIG


# Modules only a server has: Node's own, web servers, and the server parts of frameworks.
NODE_BUILTINS = frozenset(
    "fs fs/promises http https http2 net tls path os child_process crypto cluster dns zlib stream readline "
    "worker_threads url util querystring process buffer events assert vm v8 perf_hooks".split()
)
SERVER_PACKAGES = frozenset(
    {
        "express",
        "koa",
        "fastify",
        "hapi",
        "@hapi/hapi",
        "restify",
        "body-parser",
        "cookie-parser",
        "express-session",
        "cors",
        "dotenv",
        "dotenv/config",
        "jsonwebtoken",
        "node-fetch",
        "server-only",
        "next/server",
        "next/headers",
        "@sveltejs/kit/node",
        "mysql",
        "mysql2",
        "pg",
        "mongoose",
        "mongodb",
        "sqlite3",
        "nodemailer",
        "ws",
        "http-proxy-middleware",  # a proxy in front of the tenant (Create React App's setupProxy.js, Express)
        "express-http-proxy",
        "http-proxy",
    }
)
# Next.js, SvelteKit, Nuxt, Remix and Astro files that run only on the server, by their path.
_SERVER_PATH = re.compile(
    r"(^|/)pages/api/"
    r"|(^|/)app/(.+/)?route\.[cm]?[jt]sx?$"
    r"|(^|/)(src/)?middleware\.[cm]?[jt]s$"
    r"|^(api|functions|netlify/functions)/"  # Vercel and Netlify functions (a src/api/ folder is browser code)
    r"|(^|/)(server|backend)/"
    r"|\.server\.[cm]?[jt]sx?$"
    r"|(^|/)\+(page|layout)\.server\.[jt]s$|(^|/)\+server\.[jt]s$"
    r"|(^|/)src/setupProxy\.[cm]?[jt]s$"  # Create React App's development server runs it in Node
    r"|\.py$"
)
_CONFIG_NAMES = re.compile(r"(^|/)\.env(\..+)?$|\.(json|ya?ml|toml)$", re.I)
_ANGULAR_TEMPLATE = re.compile(r"\.component\.html$", re.I)
_COMPONENT_SUFFIXES = (".vue", ".svelte", ".astro")
_PAGE_SUFFIXES = (
    ".html",
    ".htm",
    ".php",
    ".ejs",
    ".erb",
    ".hbs",
    ".handlebars",
    ".jinja",
    ".jinja2",
    ".j2",
    ".cshtml",
    ".razor",
    ".aspx",
    ".ascx",
    ".jsp",
    ".njk",
    ".nunjucks",
    ".twig",
    ".liquid",
    ".mustache",
)
# Build and tool configuration that runs in Node: bundlers' and frameworks' configs, and the tools a front end
# is built and tested with (Create React App's craco and config-overrides, Jest, Babel, PostCSS, Vue CLI...).
_FRAMEWORK_CONFIG = re.compile(
    r"(^|/)(next|vite|nuxt|svelte|astro|webpack|rollup|craco|jest|vitest|babel|postcss|tailwind|vue|karma|"
    r"playwright|cypress|tsup|remix|gatsby|quasar|metro)\.conf(ig)?\.|(^|/)config-overrides\.[cm]?js$",
    re.I,
)


def _module_name(source: str) -> str:
    source = source.removeprefix("node:")
    parts = source.split("/")
    return "/".join(parts[:2]) if source.startswith("@") or source in SERVER_PACKAGES else parts[0]


def imports_server_module(sources: list[str]) -> bool:
    """True when any import names a module only a server has."""
    for source in sources:
        if source.startswith("node:"):
            return True
        if source in SERVER_PACKAGES or source in NODE_BUILTINS or _module_name(source) in SERVER_PACKAGES:
            return True
    return False


def classify(
    relative: str,
    *,
    directives: tuple[str, ...] = (),
    imports: tuple[str, ...] = (),
    has_jsx: bool = False,
    next_app: bool = False,
    from_page: bool = False,
) -> Role:
    """The role of a file from its path relative to the project root and what its syntax tree says.

    ``next_app``: the project is a Next.js app (its app router renders components on the server unless they
    say ``"use client"``); ``from_page``: a page loads the file with ``<script src>`` (browser code, whatever
    its folder is called). ``imports`` count only through :func:`imports_server_module` (the source model
    relies on it to leave unparsed a file whose role no outline changes).

    Answers are kept (a pure function of its arguments): a file's role is asked for up to five outlines
    (mashup_gen.source.model), and a tree's projects hold the same relative paths over and over."""
    return _classify(relative, tuple(directives), tuple(imports), has_jsx, next_app, from_page)


@lru_cache(maxsize=4096)
def _classify(
    relative: str, directives: tuple[str, ...], imports: tuple[str, ...], has_jsx: bool, next_app: bool, from_page: bool
) -> Role:
    path = PurePosixPath(relative.replace("\\", "/")).as_posix()
    lower = path.lower()
    if _CONFIG_NAMES.search(lower) or _FRAMEWORK_CONFIG.search(lower):
        return Role.CONFIG
    if lower.endswith(_COMPONENT_SUFFIXES) or _ANGULAR_TEMPLATE.search(lower):
        return Role.COMPONENT
    if lower.endswith(_PAGE_SUFFIXES):
        return Role.PAGE  # server templates too: their markup is a page, their template code runs on the server
    if "use server" in directives:
        return Role.SERVER
    if "use client" in directives:
        return Role.COMPONENT if has_jsx else Role.BROWSER
    if from_page:
        return Role.BROWSER
    if _SERVER_PATH.search(lower) or imports_server_module(list(imports)):
        return Role.SERVER
    if next_app and re.search(r"(^|/)app/", lower) and lower.endswith((".ts", ".tsx", ".js", ".jsx")):
        # The app router: a module without "use client" runs in a server component.
        return Role.SERVER
    return Role.COMPONENT if has_jsx else Role.BROWSER


# What only an app that runs in a browser depends on: a UI framework, a bundler, a page's own libraries, Qlik's
# browser packages. A package.json naming none of them, and naming a command or a server's package, is a Node
# program (a command-line tool, an MCP server, a service).
_BROWSER_PACKAGES = frozenset(
    "react react-dom preact vue @angular/core svelte solid-js lit jquery next nuxt gatsby @remix-run/react astro "
    "webpack vite parcel parcel-bundler rollup esbuild @vitejs/plugin-react react-scripts @vue/cli-service "
    "@qlik/embed-react @qlik/embed-web-components @nebula.js/stardust picasso.js requirejs".split()
)
_NODE_PROGRAM_PACKAGES = SERVER_PACKAGES | {"@modelcontextprotocol/sdk", "commander", "yargs", "inquirer"}


def is_node_program(manifest_text: str) -> bool:
    """True when a package.json describes a Node program: it names a ``bin`` or depends on a server's or a
    command line's package, and depends on no browser framework nor bundler and has no ``browser`` field. Its
    scripts run in Node, never in a page (a project that also has a page is never asked)."""
    try:
        manifest = json.loads(manifest_text)
    except ValueError:
        return False
    if not isinstance(manifest, dict) or "browser" in manifest:
        return False
    names: set[str] = set()
    for key in ("dependencies", "devDependencies", "peerDependencies"):
        table = manifest.get(key)
        if isinstance(table, dict):
            names.update(str(name) for name in table)
    if names & _BROWSER_PACKAGES:
        return False
    return bool(manifest.get("bin")) or bool(names & _NODE_PROGRAM_PACKAGES)


def is_server_path(relative: str) -> bool:
    """True when a file's path alone says it runs on a server (``pages/api/``, ``server/``, ``*.server.ts``)."""
    return bool(_SERVER_PATH.search(relative.replace("\\", "/").lower()))


# Commands that run a script file in Node (or a Node-compatible runtime) from package.json's scripts.
_NODE_RUNNERS = frozenset(
    "node nodemon ts-node ts-node-dev tsx bun babel-node esno esrun vite-node deno node-dev supervisor".split()
)
_SCRIPT_FILE = re.compile(r"^\.?/?[\w@./-]+\.(?:[cm]?[jt]s)$")


def node_script_paths(manifest_text: str) -> list[str]:
    """The script files package.json's ``scripts`` run with Node (``node scripts/reload.mjs``, ``tsx
    src/cli.ts``, ``nodemon --watch src server.ts``), relative to the project root."""
    try:
        manifest = json.loads(manifest_text) if manifest_text else None
    except ValueError:
        return []
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    if not isinstance(scripts, dict):
        return []
    found: list[str] = []
    for command in scripts.values():
        if not isinstance(command, str):
            continue
        for segment in re.split(r"&&|\|\||[;|&]", command):
            words = [w for w in segment.split() if "=" not in w or w.startswith("-")]  # NODE_ENV=x is no word
            if words and words[0] == "npx":
                words = words[1:]
            if not words or words[0] not in _NODE_RUNNERS:
                continue
            found.extend(w.removeprefix("./") for w in words[1:] if _SCRIPT_FILE.match(w) and not w.startswith("-"))
    return found


def runs_in_browser(role: Role) -> bool:
    """True for code the browser runs (pages, their scripts and components)."""
    return role in (Role.PAGE, Role.BROWSER, Role.COMPONENT)


# Prefixes that frameworks copy into the browser bundle: a secret read through them is shipped.
PUBLIC_ENV_PREFIXES = ("NEXT_PUBLIC_", "VITE_", "REACT_APP_", "NUXT_PUBLIC_", "PUBLIC_", "GATSBY_", "EXPO_PUBLIC_")


def is_public_env(name: str) -> bool:
    """True when a framework ships the environment variable ``name`` to the browser."""
    return name.upper().startswith(PUBLIC_ENV_PREFIXES)


# Qlik's own loader (qlik-embed's main.js, copied into a project as a mock or a vendored file) and bundles:
# code nobody in the project wrote, so nothing there is the project's to fix.
_QLIK_OWN = ("___qlik_main__bootstrap", "qmfe/import-map.json")
# Qlik Sense's own client, served by the tenant at /resources/assets/external/requirejs/require.js (a webpack
# bundle with AngularJS and the capability API) and copied into a project: its RequireJS context is "sense",
# written deep inside the file, not in its head.
_QLIK_CLIENT = "requirejs.s.contexts.sense"


# A library's distribution file opens with its banner: a comment naming a version and a licence
# ("/*! jQuery v3.6.0 | (c) OpenJS Foundation */", "* @nebula.js/sn-pie-chart v1.20.2 ... MIT license",
# "// https://d3js.org v7.8.5 Copyright 2023"). Copied into a project (lib/, include/, js/vendor/) it is not
# minified by name, and parsing it is most of what a check of such a project costs (1.2 MB: seconds).
# jsDelivr puts its own comment above the library's banner ("Original file: /npm/@nebula.js/sn-pie-chart@1.15.1/
# dist/sn-pie-chart.js"), so up to three leading block comments are read as one banner; a file jsDelivr served
# says so itself.
_BANNER = re.compile(r"\A\ufeff?\s*(?:(?:/\*.{0,1500}?\*/\s*){1,3}|(?://[^\n]*\n\s*){1,30})", re.S)
_CDN_COPY = re.compile(r"Original file: /(?:npm|gh)/\S+@\d")
_BANNER_VERSION = re.compile(r"(?i)(?:\bv|\bversion:?\s*|@)\d+\.\d+\.\d+")
_BANNER_LICENCE = re.compile(r"(?i)licen[sc]e|copyright|\(c\)|\u00a9")
# Below this size a versioned, licensed header is as likely the project's own file as a library.
_LIBRARY_SIZE = 20_000


def _has_library_banner(text: str) -> bool:
    if len(text) < _LIBRARY_SIZE:
        return False
    banner = _BANNER.match(text)
    if banner is None:
        return False
    head = banner[0]
    return bool(_CDN_COPY.search(head) or (_BANNER_VERSION.search(head) and _BANNER_LICENCE.search(head)))


def is_bundle(name: str, text: str) -> bool:
    """True for a vendored library: ``*.min.js``, a library's distribution file (a large file that opens with a
    banner naming a version and a licence), Qlik's own loader or Qlik Sense's own client (its require.js).
    (Other minified files stay checked: a build output that ships an API key is still the project's secret in
    the browser.)"""
    if name.lower().endswith((".min.js", ".min.mjs")):
        return True
    head = text[:20000]
    return any(marker in head for marker in _QLIK_OWN) or _QLIK_CLIENT in text or _has_library_banner(text)


# Test code: unit tests (*.test.ts, __tests__/), end-to-end specs (*.spec.ts, e2e/, cypress/, playwright/) and
# their mocks, and Storybook's stories (*.stories.tsx) and its .storybook/ setup. It never ships to the page; its
# hosts and ids are fixtures for the test runner or Storybook.
_TEST_PATH = re.compile(
    r"(?:^|/)(?:__tests__|__mocks__|e2e|cypress|playwright|\.storybook)/|\.(?:test|spec|cy|e2e|stories)\.[cm]?[jt]sx?$"
    # Deno's test files (deno test runs qlik_test.ts, qlik.test.ts): a fake host or key there is the test's
    r"|_test\.[cm]?[jt]sx?$"
    # a test runner's own config (playwright.config.ts, cypress.config.js, jest.config.js, karma.conf.js): the
    # hosts and ids in its env or baseURL are the runner's fixtures
    r"|(?:^|/)(?:playwright|cypress|jest|vitest|karma|wdio)\.conf(?:ig)?\.[cm]?[jt]s$"
    # the runner's setup files (Create React App's src/setupTests.js, jest.setup.js, vitest.setup.ts) and the
    # stand-ins tests and demos share (mocks/, __fixtures__/, fixtures/, test-utils/): hosts and ids there are
    # fakes, never the app's settings
    r"|(?:^|/)(?:setupTests|setup-tests|setupJest|test-setup|jest\.setup|vitest\.setup)\.[cm]?[jt]sx?$"
    r"|(?:^|/)(?:mocks?|__fixtures__|fixtures|test-utils|test_utils|testutils)/",
    re.I,
)
# A module that imports a request-mocking library (Mock Service Worker's http.get(url, resolver), nock, fetch-mock,
# Mirage, axios-mock-adapter) defines stand-ins for the servers it names: its URLs are answered, never requested,
# wherever the module sits (MSW's own convention is src/mocks/handlers.ts, which the browser loads in development).
_MOCKING_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\brequire\s*\(\s*)["'](?:msw(?:/[\w-]+)?|nock|fetch-mock(?:-jest)?|miragejs|"""
    r"""axios-mock-adapter|jest-fetch-mock|vitest-fetch-mock)["']"""
)


# Tests in other languages, by their conventions: tests/ folders, test_x.py, x_test.go, x_spec.rb, XTests.cs.
_OTHER_TEST_PATH = re.compile(
    r"(?:^|/)(?:tests?|spec)/|(?:^|/)test_[^/]*\.py$|_test\.(?:py|go)$|_spec\.rb$|Tests?\.cs$"
)


def is_other_language_test(relative: str) -> bool:
    """True for test code in Python, Go, Ruby or C# (by its folder or its name)."""
    return bool(_OTHER_TEST_PATH.search(relative.replace("\\", "/")))


def is_test_code(relative: str) -> bool:
    """True for a script that only a test runner loads (by its name or its folder)."""
    return bool(_TEST_PATH.search(relative.replace("\\", "/")))


def is_mock_code(text: str) -> bool:
    """True for a script that imports a request-mocking library (msw, nock, fetch-mock, ...): it answers requests
    in tests or in development, so the requests and hosts it names are no request the app makes."""
    return ("mock" in text or "msw" in text or "nock" in text or "mirage" in text) and bool(
        _MOCKING_IMPORT.search(text)
    )


# A package.json whose "test" script runs a test runner: mocha's default folder is test/, others' spec/ or tests/.
_RUNNER = re.compile(r"\b(?:mocha|_mocha|jest|vitest|ava|tap|jasmine|karma|nyc|istanbul|node\s+--test)\b")
_RUNNER_FOLDERS = ("test/", "tests/", "spec/")


def runs_test_folder(manifest_text: str) -> bool:
    """True when a package.json's ``scripts.test`` runs a test runner (mocha, jest, ...), whose files sit in the
    project's top-level ``test/``, ``tests/`` or ``spec/`` folder."""
    try:
        manifest = json.loads(manifest_text)
    except ValueError:
        return False
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    test = scripts.get("test") if isinstance(scripts, dict) else None
    return isinstance(test, str) and bool(_RUNNER.search(test))


def in_test_folder(relative: str) -> bool:
    """True for a script in a project's top-level test folder (``test/test.js``), which a test runner loads."""
    return relative.replace("\\", "/").startswith(_RUNNER_FOLDERS)
