"""What a bundler's build leaves out: Vite builds only ``index.html`` unless ``build.rollupOptions.input``
names the other pages (files under ``public/`` are copied as they are). An OAuth callback page beside
``index.html`` works under the dev server and is missing from the deployed build: the redirect URI then
leads to a 404 after every sign-in. And the environment variables it ships: Vite only ``VITE_*``, Next.js only
``NEXT_PUBLIC_*`` (in client components), Create React App only ``REACT_APP_*``; any other name reads as
undefined in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.scan import SourceFile

CALLBACK_NOT_BUILT = Rule(
    "callback-not-built",
    Severity.ERROR,
    "The OAuth callback page is not part of the Vite build: Vite emits only index.html unless "
    "build.rollupOptions.input lists the other pages, so the deployed site answers the redirect URI with a 404.",
    "List the page in vite.config: build: { rollupOptions: { input: { main: 'index.html', callback: "
    "'oauth-callback.html' } } }, or move it under public/ (copied to the build as it is).",
)
ENV_NOT_SHIPPED = Rule(
    "env-not-in-browser",
    Severity.ERROR,
    "Browser code reads a Qlik setting (tenant, client id, app id, web integration id) from an environment "
    "variable the bundler does not ship to the browser: Vite exposes only VITE_*, Next.js client components "
    "only NEXT_PUBLIC_*, Create React App only REACT_APP_*; the value is undefined in the page.",
    "Rename the variable with the public prefix (VITE_QLIK_HOST, NEXT_PUBLIC_QLIK_HOST, REACT_APP_QLIK_HOST) in "
    "the code and the .env files (never for a secret), or pass the value from server code.",
)
BUILD_ENV_MISSING = Rule(
    "build-env-missing",
    Severity.ERROR,
    "The production build swaps the environment file that holds a Qlik setting (tenant, web integration id, app "
    "id, client id) for one that does not define it (Angular's fileReplacements): the deployed app reads it as "
    "undefined.",
    "Write the Qlik settings in the production environment file too (environment.prod.ts), or keep them in a "
    "module the build does not replace.",
)
ANGULAR_UNKNOWN_ELEMENT = Rule(
    "angular-unknown-element",
    Severity.ERROR,
    "An Angular template uses <qlik-embed>, but no module or standalone component declares "
    "CUSTOM_ELEMENTS_SCHEMA: the Angular compiler rejects the unknown element (NG8001) and the app does not build.",
    "Add schemas: [CUSTOM_ELEMENTS_SCHEMA] (from @angular/core) to the @Component (standalone) or the @NgModule "
    "that declares the component using <qlik-embed>.",
)
ENV_DEVELOPMENT_ONLY = Rule(
    "env-development-only",
    Severity.WARNING,
    "A Qlik setting the code reads from the environment (tenant, client id, app id, web integration id) is "
    "written only in .env.development: the production build (vite build, next build, react-scripts build, "
    "vue-cli-service build) does not read that file, so the deployed app gets it undefined unless the build "
    "machine sets it.",
    "Write the value in .env.production (or .env, read in every mode) as well, or set it in the environment "
    "of the machine that builds the app, and list it in .env.example.",
)
RULES = (CALLBACK_NOT_BUILT, ENV_NOT_SHIPPED, BUILD_ENV_MISSING, ENV_DEVELOPMENT_ONLY, ANGULAR_UNKNOWN_ELEMENT)

_VITE_CONFIG = re.compile(r"^vite\.config\.[cm]?[jt]s$")
# A config that names its inputs, or a multi-page plugin, decides which pages are built: not judged here.
_INPUTS = re.compile(r"\binput\b|mpa|multi-?page|pages", re.I)
_CONFIG_CALL = re.compile(r"\bdefineConfig\s*\(|\bexport\s+default\b")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """The callback page left out of a Vite build; Qlik settings read from variables the bundler does not ship."""
    yield from _unshipped_env(project)
    yield from _env_without_a_build(project)
    yield from _nuxt_private_config(project)
    yield from _development_only_env(project)
    yield from _callback_not_built(project, facts)
    yield from _replaced_environments(project)
    yield from _unknown_elements(project)


# Names each bundler ships whatever their prefix (Vite's built-ins; NODE_ENV everywhere; CRA's PUBLIC_URL).
_ALWAYS_SHIPPED = frozenset({"MODE", "DEV", "PROD", "SSR", "BASE_URL", "NODE_ENV", "PUBLIC_URL"})
# A config that widens what is shipped: Vite's envPrefix or define, Next's env, webpack's DefinePlugin/dotenv.
_WIDENED = re.compile(r"\benvPrefix\b|\bdefine\s*:|\benv\s*:|DefinePlugin|EnvironmentPlugin|dotenv-webpack|Dotenv\(")
_CONFIG_NAMES = re.compile(r"^(?:vite|next|webpack|craco|nuxt|astro)\.config\.[cm]?[jt]s$|^config-overrides\.js$")


def _bundler_configs(project: Project) -> list[Unit]:
    """The project's bundler and framework configs (vite.config.ts, next.config.js, ...): they run in Node."""
    return [u for u in project.units if u.script.offset == 0 and _CONFIG_NAMES.match(u.file.path.name)]


# A Qlik setting's name (not a secret: those belong in the private config).
_QLIK_SETTING = re.compile(r"(?i)qlik|tenant|integration|client_?id|app_?id|webintid")
_SECRET_NAME = re.compile(r"(?i)secret|api_?key|private|password|token")
_RUNTIME_CONFIG = re.compile(r"\bruntimeConfig\s*:\s*\{")
_CONFIG_HOLDER = re.compile(r"\b(?:const|let|var)\s+(\w+)\s*=\s*useRuntimeConfig\s*\(")


def _private_keys(text: str) -> dict[str, int]:
    """The keys written directly in nuxt.config's ``runtimeConfig`` (beside ``public``), with their offsets."""
    m = _RUNTIME_CONFIG.search(text)
    if m is None:
        return {}
    keys: dict[str, int] = {}
    depth, i, expect_key = 1, m.end(), True
    while i < len(text) and depth:
        if depth == 1 and expect_key:
            rest = text[i:]
            if rest.lstrip().startswith("//"):  # a comment line between two keys
                i = text.find("\n", i + len(rest) - len(rest.lstrip()))
                i = len(text) if i == -1 else i
                continue
            key = re.match(r"""\s*["']?([A-Za-z_$][\w$]*)["']?\s*:""", rest)
            expect_key = False
            if key is not None:
                keys.setdefault(key.group(1), i + key.start(1))
                i += key.end()
                continue
        c = text[i]
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        elif c == "," and depth == 1:
            expect_key = True
        i += 1
    keys.pop("public", None)
    return keys


def _nuxt_private_config(project: Project) -> Iterator[Finding]:
    """A Qlik setting written as a private key of Nuxt's ``runtimeConfig`` and read by browser code
    (``useRuntimeConfig().qlikWebIntegrationId``, ``config.qlikTenant``): Nuxt hands the client only
    ``runtimeConfig.public``, so the page reads undefined. Reported at the key in nuxt.config."""
    if '"nuxt"' not in project.manifest:
        return
    configs = [u for u in _bundler_configs(project) if u.file.path.name.startswith("nuxt.config.")]
    if not configs:
        return
    config = configs[0]
    keys = {k: at for k, at in _private_keys(config.file.text).items() if _QLIK_SETTING.search(k)}
    keys = {k: at for k, at in keys.items() if not _SECRET_NAME.search(k)}
    if not keys:
        return
    reported: set[str] = set()
    for unit in project.units:
        relative = project.relative(unit.file.path)
        if not unit.in_browser or relative.startswith(("server/", "src/server/")) or ".server." in relative:
            continue
        code = unit.script.code
        if "useRuntimeConfig" not in code:
            continue
        holders = [re.escape(m.group(1)) for m in _CONFIG_HOLDER.finditer(code)]
        owner = r"useRuntimeConfig\s*\([^()]*\)" + "".join(f"|(?<![\\w.$]){h}" for h in holders)
        for m in re.finditer(rf"(?:{owner})\.(\w+)", code):
            key = m.group(1)
            if key not in keys or key in reported:
                continue
            reported.add(key)
            line = unit.file.position(unit.script.offset + m.start())[0]
            yield at_place(
                ENV_NOT_SHIPPED,
                Place(config.file, keys[key], keys[key] + len(key)),
                f"runtimeConfig.{key} is private: Nuxt gives the browser only runtimeConfig.public, so "
                f"{unit.file.path.name}:{line} reads undefined",
                f"Move {key} under runtimeConfig.public (never a secret), and read it as config.public.{key}.",
            )


def _unshipped_env(project: Project) -> Iterator[Finding]:
    """``import.meta.env.QLIK_HOST`` in a Vite app, ``process.env.QLIK_CLIENT_ID`` in a Next.js client component
    or a Create React App module: a Qlik setting that is undefined in the browser."""
    from mashup_gen.checker.facts.placeholders import env_value_kind
    from mashup_gen.checker.facts.secrets import in_server_export, server_exports
    from mashup_gen.source.bundlers import depends_on, inlines_process_env
    from mashup_gen.source.roles import is_public_env

    root = project.root
    vite, next_app, cra = (depends_on(root, name, project.manifest) for name in ("vite", "next", "react-scripts"))
    if not (vite or next_app or cra) or inlines_process_env(root, project.manifest):
        return
    configs = _bundler_configs(project)
    if any(_WIDENED.search(u.file.text) for u in configs):
        return  # the project ships more than the default prefix: which names is not judged here
    # Next.js: a client component and every module it imports (the client boundary takes them into the bundle), and
    # a page of the pages router.
    client = {id(unit) for unit in (*project.client_reach(), *project.next_pages())} if next_app else set()
    data = server_exports(project.manifest)
    for unit in project.units:
        code = unit.script.code
        # A bundler's or a tool's config runs in Node, where the whole environment is there.
        if not unit.in_browser or unit.role == "config" or ".env." not in code or unit.syntax is None:
            continue
        client_component = id(unit) in client
        for read in unit.syntax.env:
            if (
                read.name in _ALWAYS_SHIPPED
                or is_public_env(read.name)
                or env_value_kind(read.name) in (None, "redirect URI")
            ):
                continue
            if read.via == "import.meta.env" and not vite:
                continue
            if read.via == "process.env" and not (cra or (next_app and client_component)):
                continue
            if next_app and in_server_export(unit.script, unit.script.index_at(read.start - unit.script.offset), data):
                continue  # getServerSideProps and the like run on the server
            yield at_place(
                ENV_NOT_SHIPPED,
                Place(unit.file, read.start, read.end),
                f"{read.via}.{read.name} is undefined in the browser: "
                + (
                    "Vite ships only VITE_* variables"
                    if read.via == "import.meta.env"
                    else "Next.js client components get only NEXT_PUBLIC_* variables"
                    if next_app
                    else "Create React App ships only REACT_APP_* variables"
                ),
            )


# Tools that build browser code (and may replace process.env.X in it): a project naming none of them in its
# package.json, with no bundler config at its root, serves its scripts as written.
_BUILD_TOOLS = re.compile(
    r"""["'](?:vite|webpack|webpack-cli|parcel|parcel-bundler|esbuild|rollup|next|react-scripts|@vue/cli-service|"""
    r"""@angular/cli|@angular-devkit/build-angular|snowpack|browserify|gulp|grunt|nuxt|astro|@sveltejs/kit|"""
    r"""@rspack/cli|@rspack/core|laravel-mix|tsup|@11ty/eleventy|bun|wmr|rolldown|@remix-run/dev|expo)["']"""
)
_ANY_BUNDLER_CONFIG = re.compile(r"(?i)^(?:vite|webpack|rollup|rspack|esbuild|parcel|svelte|next|nuxt|astro)\.config\.")


def _env_without_a_build(project: Project) -> Iterator[Finding]:
    """``process.env.QLIK_HOST`` in a script a page loads as written (``<script type="module" src="modules/
    config.js">``) in a project with no build at all: no bundler replaces it, and ``process`` is not defined in
    a browser, so the module throws and the page's Qlik code never runs."""
    from mashup_gen.checker.facts.placeholders import env_value_kind

    if not project.manifest:
        return  # no package.json: a parent folder's build may well take these scripts
    if _BUILD_TOOLS.search(project.manifest) or any(_ANY_BUNDLER_CONFIG.match(n) for n in project.root_configs):
        return
    if project.may_exist(project.root / ".babelrc") and (project.root / ".babelrc").is_file():
        return
    # The scripts pages load, and every local module those import: the browser fetches each as written.
    todo = [u for page in project.pages for u in page.units if u.file.path != page.file.path]
    loaded: set[int] = set()
    while todo:
        unit = todo.pop()
        if id(unit) in loaded:
            continue
        loaded.add(id(unit))
        for imported in unit.syntax.imports if unit.syntax is not None else ():
            target = project.local_module(unit, imported.source)
            if target is not None:
                todo.append(target)
    for unit in project.units:
        code = unit.script.code
        if id(unit) not in loaded or not unit.in_browser or "process.env" not in code or "typeof process" in code:
            continue  # `typeof process !== "undefined"` guards the read
        if unit.file.path.suffix.lower() not in (".js", ".mjs") or unit.syntax is None:
            continue  # TypeScript and JSX need a compiler: some build runs, unseen here
        for read in unit.syntax.env:
            if read.via != "process.env" or env_value_kind(read.name) in (None, "redirect URI"):
                continue
            yield at_place(
                ENV_NOT_SHIPPED,
                Place(unit.file, read.start, read.end),
                f"process.env.{read.name} in a script the page loads as written: no bundler replaces it, and "
                "process is not defined in a browser",
            )
            break  # one per file: the first read throws


# Bundlers whose build reads `.env.<mode>` files and runs in production mode by default.
_MODE_BUNDLERS = ("vite", "next", "react-scripts", "@vue/cli-service")
_DEVELOPMENT_FILE = re.compile(r"^\.env\.development(?:\.local)?$")
# Files where a deployment sets the build's environment that the project model does not read (its JSON and YAML
# files, vercel.json and render.yaml among them, are its data files).
_DEPLOY_FILES = ("Dockerfile", "netlify.toml", "fly.toml")


def _development_only_env(project: Project) -> Iterator[Finding]:
    """``VITE_QLIK_HOST`` read by the code and written only in ``.env.development``: ``vite build`` (production
    mode) reads ``.env``, ``.env.local``, ``.env.production`` and their ``.local`` variants, never the
    development file. Not judged when another mode's file or an example file lists the name (a build with
    ``--mode``, or a value the developer copies in), when the build script picks the development mode, or when
    a deployment file or CI workflow of the project names the variable (it sets it on the build machine)."""
    from mashup_gen.checker.facts.placeholders import env_value_kind
    from mashup_gen.source.bundlers import depends_on
    from mashup_gen.source.envfiles import entries, is_template

    if not project.env_files or not any(depends_on(project.root, n, project.manifest) for n in _MODE_BUNDLERS):
        return
    if re.search(r"--mode[= ]+dev|NODE_ENV=dev", project.manifest):
        return  # the build itself runs in development mode
    development: dict[str, tuple[SourceFile, int, int]] = {}
    elsewhere: set[str] = set()
    for source in project.env_files:
        if source.path.parent != project.root:
            continue  # bundlers read env files from the root (envDir moves them: not judged)
        found = entries(source.text)
        if _DEVELOPMENT_FILE.match(source.path.name):
            for entry in found:
                if entry.value.strip():
                    development.setdefault(entry.key, (source, entry.start, entry.end))
        elif not source.path.name.startswith(".env.test") or is_template(source.path.name):
            elsewhere.update(entry.key for entry in found)
    candidates = {
        name: where
        for name, where in development.items()
        if name not in elsewhere and env_value_kind(name) in ("tenant", "web integration id", "app id", "client id")
    }
    if not candidates:
        return
    configs = _bundler_configs(project)
    if any("loadEnv" in u.file.text or "envDir" in u.file.text for u in configs):
        return  # the config loads or moves the env files itself
    read = {r.name for u in project.units if u.syntax is not None and u.role != "config" for r in u.syntax.env}
    deploy = " ".join(source.text for source in project.data_files) + _deploy_texts(project.root)
    for name in sorted(candidates):
        if name not in read or name in deploy:
            continue
        source, start, end = candidates[name]
        yield at_place(
            ENV_DEVELOPMENT_ONLY,
            Place(source, start, end),
            f"{name} is written only in {source.path.name}, which the production build does not read: the "
            "deployed app gets it undefined",
        )


def _deploy_texts(root: Path) -> str:
    """The text of the deployment files at the project's root (not part of the project model: read only here,
    when a development-only value was found)."""
    texts = []
    workflows = root / ".github" / "workflows"
    paths = [root / name for name in _DEPLOY_FILES]
    if workflows.is_dir():
        paths += sorted(workflows.iterdir())[:50]
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8", errors="replace")[:200_000])
        except OSError:
            continue  # absent, a folder, or unreadable: it sets nothing we can see
    return " ".join(texts)


_BUILD_KEY = re.compile(r"(?m)^\s*(build)\s*:\s*\{")


def _callback_not_built(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per Vite project whose callback page sits outside ``public/`` and outside the build inputs."""
    configs = [u for u in project.units if u.script.offset == 0 and _VITE_CONFIG.match(u.file.path.name)]
    if len(configs) != 1:
        return  # no Vite, or several apps: which config builds which page is not known here
    config = configs[0]
    text = config.file.text
    if _INPUTS.search(text):
        return
    root = config.file.path.parent
    for embed_page in facts.embed.pages:
        if embed_page.callback is None:
            continue
        try:
            relative = PurePosixPath(embed_page.page.file.path.relative_to(root).as_posix())
        except ValueError:
            continue  # a page outside the Vite app
        if relative.parts[0] == "public" or relative.name.lower() == "index.html" or "dist" in relative.parts:
            continue
        # The line to change: the config's build options (where rollupOptions.input goes), else its call.
        block = _BUILD_KEY.search(text)
        call = _CONFIG_CALL.search(text)
        start = block.start(1) if block else call.start() if call else 0
        yield at_place(
            CALLBACK_NOT_BUILT,
            Place(config.file, start, start),
            f"{relative} runs Qlik's OAuth callback, but this Vite config builds only index.html: "
            f"`vite build` leaves {relative.name} out",
        )


# A property written in an environment file: `host: '...'`, `"appId": ...` (the names, not their values).
_PROPERTY = re.compile(r"""(?m)(?:^|[{,])\s*["']?([A-Za-z_$][\w$]*)["']?\s*:""")
_ENVIRONMENT_OBJECT = re.compile(r"\bexport\s+const\s+environment\b")


def _replaced_environments(project: Project) -> Iterator[Finding]:
    """Angular's ``ng build`` replaces ``environment.ts`` with ``environment.prod.ts``: a Qlik setting the code
    reads (``environment.qlik.host``) that only the replaced file defines is undefined in the deployed app."""
    from mashup_gen.checker.facts.placeholders import env_value_kind
    from mashup_gen.source.bundlers import angular_file_replacements

    manifest = project.root_configs.get("angular.json") if project.may_exist(project.root / "angular.json") else None
    if manifest is None:
        return
    units = {u.file.path.resolve(): u for u in project.units if u.script.offset == 0}
    reported: set[Path] = set()
    for _configuration, replace, replacement in angular_file_replacements(manifest):
        original, swapped = (
            units.get((project.root / replace).resolve()),
            units.get((project.root / replacement).resolve()),
        )
        if original is None or swapped is None or swapped.file.path in reported:
            continue
        written = {m.group(1) for m in _PROPERTY.finditer(swapped.file.text)}
        missing = [
            name
            for name in dict.fromkeys(m.group(1) for m in _PROPERTY.finditer(original.file.text))
            if name not in written
            and env_value_kind(name) in ("tenant", "web integration id", "app id", "client id")
            and _read_elsewhere(project, name, (original, swapped))
        ]
        if not missing:
            continue
        reported.add(swapped.file.path)
        at = _ENVIRONMENT_OBJECT.search(swapped.file.text)
        start = at.start() if at else 0
        yield at_place(
            BUILD_ENV_MISSING,
            Place(swapped.file, start, start),
            f"the production build replaces {replace} with this file, which has no {', '.join(missing)}: "
            "the deployed app reads " + ("it" if len(missing) == 1 else "them") + " as undefined",
        )


def _read_elsewhere(project: Project, name: str, environment_files: tuple[object, ...]) -> bool:
    """True when code other than the environment files reads ``environment....name``."""
    pattern = re.compile(r"\benvironment\b[\w$.?\[\]'\"]*\." + re.escape(name) + r"\b")
    return any(
        unit not in environment_files and "environment" in unit.script.code and pattern.search(unit.script.code)
        for unit in project.units
    )


_QLIK_EMBED_TAG = re.compile(r"<qlik-embed\b", re.I)
_SCHEMAS = ("CUSTOM_ELEMENTS_SCHEMA", "NO_ERRORS_SCHEMA")


def _unknown_elements(project: Project) -> Iterator[Finding]:
    """``<qlik-embed>`` in an Angular app's templates (``*.component.html``, a component's inline ``template``)
    when no file of the app declares a schema that lets the compiler accept custom elements."""
    if not project.may_exist(project.root / "angular.json") or not (project.root / "angular.json").is_file():
        return
    if any(schema in unit.script.code for unit in project.units for schema in _SCHEMAS):
        return
    sources = {page.file.path: page.file for page in project.pages if page.role == "component"}
    sources.update({u.file.path: u.file for u in project.units if u.script.offset == 0 and "@Component" in u.file.text})
    for path in sorted(sources):
        source = sources[path]
        m = _QLIK_EMBED_TAG.search(source.text)
        if m is not None:
            yield at_place(
                ANGULAR_UNKNOWN_ELEMENT,
                Place(source, m.start() + 1, m.end()),
                "<qlik-embed> is no element Angular knows, and no module or component here declares "
                "CUSTOM_ELEMENTS_SCHEMA: `ng build` fails (NG8001)",
            )
