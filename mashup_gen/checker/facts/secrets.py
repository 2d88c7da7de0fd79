"""Secrets in code the browser loads: API keys (JSON Web Tokens), bearer tokens, and long values of
variables named like a key, token or password."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.model import Place, Secret
from mashup_gen.checker.facts.patterns import BEARER, ENV_SECRET_NAME, JWT, SECRET_NAME
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import IDENT, STRING, Script
from mashup_gen.checker.project import Unit

_SECRET_WORD = re.compile(r"(?i)secret|api_?key|apikey|password|token")
# Tokens other services make to be shipped to browsers: a Mapbox public token (pk.; its secret ones are sk.), a
# Stripe publishable key (pk_live_/pk_test_), a Google browser key (AIza..., Firebase's apiKey). Written in page
# code, they are where their makers say to put them.
_PUBLIC_TOKEN = re.compile(r"^(?:pk\.eyJ|pk_(?:live|test)_|AIza[0-9A-Za-z_-]{35}$)")
# 32 hex digits under a key's name: another service's key (Flickr's, OpenWeather's), never Qlik's. Qlik Cloud's
# API keys and access tokens are JSON Web Tokens (found by their shape whatever their name), and 32 hex digits is
# the shape of its OAuth client ids, which are public.
_NOT_QLIK_SECRET = re.compile(r"^[0-9a-fA-F]{32}$")

# A server template's expression that fills in a key: `Bearer {{ api_key }}`, `apiKey: "<%= apiKey %>"`,
# `"<?= $api_key ?>"`, `@Model.ApiKey`. Its name must say key, secret or password: a `{{ access_token }}` is
# the short-lived token of one user, which a server may hand its page (OAuth impersonation).
_FILLED = re.compile(
    r"\{\{-?\s*([\w.\[\]'\"]+)[^}]*\}\}|<%[=-]\s*([\w.\[\]'\"]+)\s*%>|<\?(?:=|php\s+echo)\s*\$([\w>\[\]'\"-]+)[\s;]*\?>"
    r"|@(?:Model\.|ViewBag\.|ViewData\[)([\w\]\"]+)"
)
_KEY_NAME = re.compile(r"(?i)api_?key|apikey|secret|password")
# A value that says it is no real secret: "test-secret-not-for-production", "dummy_api_key_for_tests",
# "insecure-dev-password". Someone wrote it to be read, for a test or a local run; nothing leaks.
_DECLARED_DUMMY = re.compile(
    r"(?i)not[-_ ]?for[-_ ]?prod|do[-_ ]?not[-_ ]?use|(?<![a-z])insecure(?![a-z])"
    r"|(?<![a-z])(?:test|dummy|fake|example|sample)[-_ ]?(?:secret|key|token|password|api[-_ ]?key)(?![a-z])"
)


def declared_dummy(value: str) -> bool:
    """True for a secret's value that declares itself a stand-in (``test-secret-not-for-production``)."""
    return bool(_DECLARED_DUMMY.search(value))


FILLED_KEY = "a key the server fills in"  # the kind of such a secret: shown whole, it is a name

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts
    from mashup_gen.checker.scan import SourceFile


def secrets(facts: Facts) -> list[Secret]:
    """API keys and bearer tokens written into code the browser loads."""
    from mashup_gen.checker.facts.placeholders import is_placeholder

    found: list[Secret] = []
    seen: set[tuple[int, int]] = set()

    def add(place: Place, kind: str, value: str) -> None:
        key = (id(place.file), place.start)
        if key not in seen:
            seen.add(key)
            # A read of the environment is a name, not the secret: shown whole (the bundle gets the value).
            # So is a template's expression that fills one in.
            named = value.startswith(("process.env.", "import.meta.env.")) or kind == FILLED_KEY
            shown = value if named else value[:8] + "..."
            found.append(Secret(place, kind, shown))

    server_only = server_exports(facts.project.manifest)
    for unit, index, value in facts.strings:
        if not unit.in_browser:
            continue  # a server's key stays on the server (a secret in a config file is secret-in-file's)
        if "Bearer" in value and (filled := _filled_key(value[value.index("Bearer") + 6 :])) is not None:
            place = string_place(unit, index)
            add(place, FILLED_KEY, filled)
        # Each expression's literal first (a string without it has no match): asked of every string.
        jwts = list(JWT.finditer(value)) if "eyJ" in value else []
        bearers = list(BEARER.finditer(value)) if "Bearer" in value else []
        if not jwts and not bearers:
            continue  # nearly every string: no place to make
        if in_server_export(unit.script, index, server_only):
            continue  # getServerSideProps and the like run on the server only: the bundler drops them
        place = string_place(unit, index)
        for m in jwts:
            add(Place(place.file, place.start + m.start(), place.start + m.end()), "jwt", m.group())
        for m in bearers:
            add(Place(place.file, place.start + m.start(1), place.start + m.end(1)), "bearer", m.group(1))
    for unit in facts.project.units:
        if not unit.in_browser:
            continue
        script = unit.script
        tokens = script.tokens
        for i, _, _ in script.assigned_literals((":", "=")):
            name = script.text(i) if tokens[i].kind == IDENT else (script.string_value(i) or "")
            if not SECRET_NAME.match(name):
                continue
            value = script.string_value(i + 2) or ""
            if in_server_export(script, i, server_only):
                continue
            if (filled := _filled_key(value)) is not None:
                add(string_place(unit, i + 2), FILLED_KEY, filled)
                continue
            if _secret_value(name, value) and not is_placeholder(value):
                # A placeholder ("eyJhbGciOiJFU......", a key cut short to show its shape) is the placeholder rule's.
                add(string_place(unit, i + 2), name, value)
    for place, name, value in _shipped_env_secrets(facts):
        add(place, name, value)
    for place in _browser_signing(facts):
        add(place, "signing", "")
    for page in facts.project.pages:
        text = _without_frontmatter(page.file.text) if page.file.path.suffix.lower() == ".astro" else page.file.text
        for m in _SECRET_ATTRIBUTE.finditer(text) if "data-" in text else ():
            value = m.group("a") if m.group("a") is not None else m.group("b")
            if _secret_value(m.group("name").replace("-", "_"), value) and not is_placeholder(value):
                start = m.start("a") if m.group("a") is not None else m.start("b")
                add(Place(page.file, start, start + len(value)), m.group("attribute"), value)
        if "eyJ" not in text:
            continue
        for m in JWT.finditer(text):
            add(Place(page.file, m.start(), m.end()), "jwt", m.group())
    return found


# An Astro component's frontmatter (between its leading --- fences): code the server runs to render the page.
_FRONTMATTER = re.compile(r"\A\s*---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.S)


def _without_frontmatter(text: str) -> str:
    """``text`` with an Astro frontmatter blanked (offsets kept): it never reaches the browser."""
    m = _FRONTMATTER.match(text)
    return " " * m.end() + text[m.end() :] if m else text


# A data attribute holding a secret: qlik-embed's loader and elements read their settings from data-NAME and
# data-qlik-embed-NAME (data-client-secret is no setting of theirs: the secret is only shipped), and pages keep
# values for their scripts there. data-get-access-token names a function, not a token.
_SECRET_ATTRIBUTE = Quick(
    re.compile(
        r"""\s(?P<attribute>data-(?:qlik-embed-)?(?P<name>(?!get-access-token\b)[a-z-]*?"""
        r"""(?:client-secret|secret|api-key|apikey|access-token|password)))\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)')""",
        re.I,
    )
)


def _secret_value(name: str, value: str) -> bool:
    """True when ``value``, under a name saying secret, key or token, looks like a real secret: long, one word,
    written out (not a template's expression), not a token made to be public nor a value declaring itself a
    stand-in, not another service's hex key."""
    if len(value) < 16 or " " in value or is_dynamic(value) or _PUBLIC_TOKEN.match(value) or declared_dummy(value):
        return False
    return not (_NOT_QLIK_SECRET.match(value) and "key" in name.lower())


def _filled_key(value: str) -> str | None:
    """The template expression at the start of ``value`` when it fills in a key or secret (``{{ api_key }}``)."""
    m = _FILLED.match(value.lstrip())
    if m is None or not _KEY_NAME.search(next(g for g in m.groups() if g)):
        return None
    return m.group()


# Functions a page module exports for the server alone, by the framework that runs them on the server and leaves
# them out of the browser bundle: Next.js's data functions (pages router; getInitialProps is not one, it runs in
# the browser too) and Remix's (or React Router's framework mode) loader and action.
_SERVER_EXPORTS = {
    '"next"': frozenset({"getServerSideProps", "getStaticProps", "getStaticPaths"}),
    '"@remix-run/': frozenset({"loader", "action"}),
    '"@react-router/': frozenset({"loader", "action"}),
}


def server_exports(manifest: str) -> frozenset[str]:
    """The server-only exports of the frameworks the project's package.json depends on."""
    return frozenset().union(*(names for package, names in _SERVER_EXPORTS.items() if package in manifest))


def in_server_export(script: Script, index: int, names: frozenset[str]) -> bool:
    """True when token ``index`` lies in the body of a function a module exports for the server alone, one of
    ``names`` (``export async function getServerSideProps() {...}``, ``export const loader = async () => {...}``)."""
    if not names:
        return False
    brace = script.parent(index)
    while brace != -1:
        if script.is_punct(brace, "{") and _server_export_body(script, brace, names):
            return True
        brace = script.parent(brace)
    return False


def _server_export_body(script: Script, brace: int, names: frozenset[str]) -> bool:
    """True when the ``{`` at ``brace`` opens the body of an exported server-only function."""
    i = brace - 1
    arrow = i >= 0 and script.is_punct(i, "=>")
    if arrow:
        i -= 1
    if i < 0 or not script.is_punct(i, ")"):
        return False
    i = script.partner(i) - 1  # the token before the parameters' "("
    if i < 0:
        return False
    if arrow:  # export const NAME = [async] (...) => {
        if script.is_ident(i, "async"):
            i -= 1
        if not script.is_punct(i, "=") or not script.is_ident(i - 2, "const", "let", "var"):
            return False
        name, export = i - 1, i - 3
    else:  # export [async] function NAME(...) {
        name, export = i, i - 2
        if not script.is_ident(name) or not script.is_ident(name - 1, "function"):
            return False
        if script.is_ident(export, "async"):
            export -= 1
    return export >= 0 and script.is_ident(export, "export") and script.text(name) in names


# Signing a JSON Web Token: jsonwebtoken's jwt.sign, jsrsasign's KJUR.jws.JWS.sign, jose's new SignJWT(...).sign.
_SIGN_CALLEES = frozenset({"jwt.sign", "jsonwebtoken.sign", "jws.sign", "KJUR.jws.JWS.sign", "JWS.sign"})


def _browser_signing(facts: Facts) -> list[Place]:
    """Calls that sign a JSON Web Token in code the browser runs, in code about Qlik (its JWT sign-in): the
    private key that signs it ships with the page, and whoever has it signs in to the tenant as anyone."""
    found = []
    for unit in facts.project.units:
        code = unit.script.code
        if not unit.in_browser or ".sign" not in code or "qlik" not in code.lower():
            continue
        for call in unit.syntax.calls if unit.syntax is not None else ():
            if call.callee in _SIGN_CALLEES or (call.callee.endswith(".sign") and "SignJWT" in call.callee):
                found.append(Place(unit.file, call.start, call.end))
    return found


def _shipped_env_secrets(facts: Facts) -> list[tuple[Place, str, str]]:
    """Secrets the framework copies into the browser bundle: a ``.env`` value, or a read in code, of a
    variable whose name is public (``NEXT_PUBLIC_``, ``VITE_``, ``REACT_APP_``...) and says it is a secret
    (``VITE_QLIK_API_KEY``). Server code may read a secret from the environment; a public name ships it."""
    from mashup_gen.source.bundlers import inlines_process_env
    from mashup_gen.source.envfiles import entries, is_template
    from mashup_gen.source.roles import is_public_env

    found = []
    for source in facts.project.env_files:
        if is_template(source.path.name):
            continue
        for entry in entries(source.text):
            if is_public_env(entry.key) and SECRET_NAME.match(entry.key) and len(entry.value.strip()) >= 8:
                found.append((Place(source, entry.start, entry.end), entry.key, entry.value))
    for unit in facts.project.units:
        if ".env." not in unit.script.code:
            continue
        for read in unit.syntax.env if unit.syntax is not None else ():
            if is_public_env(read.name) and SECRET_NAME.match(read.name):
                found.append((Place(unit.file, read.start, read.end), read.name, read.via + "." + read.name))
    found.extend(_config_shipped(facts))
    project = facts.project
    if _dotenv_webpack(facts):
        # dotenv-webpack replaces each process.env read of the bundled code by the .env file's (or, with
        # systemvars, the shell's) value: whatever the name, the value is in the shipped bundle.
        for unit in facts.project.units:
            if not unit.in_browser or unit.role == "config" or "process.env" not in unit.script.code:
                continue
            for read in unit.syntax.env if unit.syntax is not None else ():
                if read.via == "process.env" and ENV_SECRET_NAME.match(read.name) and not is_public_env(read.name):
                    found.append((Place(unit.file, read.start, read.end), read.name, read.via + "." + read.name))
    elif project.may_exist(project.root / "package.json") and inlines_process_env(project.root, project.manifest):
        # Parcel inlines every process.env read of the code a page runs, its imported modules included.
        for unit in facts.project.page_reach():
            for read in unit.syntax.env if unit.syntax is not None and "process.env" in unit.script.code else ():
                if read.via == "process.env" and ENV_SECRET_NAME.match(read.name) and not is_public_env(read.name):
                    found.append((Place(unit.file, read.start, read.end), read.name, read.via + "." + read.name))
    return found


# webpack's dotenv-webpack plugin: require("dotenv-webpack") or an import of it, used in a webpack config.
_DOTENV_WEBPACK = re.compile(r"""["']dotenv-webpack["']""")


def _dotenv_webpack(facts: Facts) -> bool:
    """True when a webpack config of the project loads dotenv-webpack, which inlines process.env reads of the
    bundled browser code."""
    return any(
        unit.script.offset == 0
        and unit.file.path.name.startswith("webpack.")
        and _DOTENV_WEBPACK.search(unit.script.code) is not None
        for unit in facts.project.units
    )


# Build configs that copy values into the browser bundle: Next.js's env, Vite's define, webpack's DefinePlugin and
# EnvironmentPlugin.
_BUILD_CONFIG = re.compile(
    r"^(?:vite|next|webpack|vue|craco|nuxt|astro|svelte)\.config\.[cm]?[jt]s$|^config-overrides\.js$"
)
_SHIPPING_BLOCK = re.compile(r"\b(?:define|env)\s*:\s*\{|\bDefinePlugin\s*\(\s*\{|\bEnvironmentPlugin\s*\(\s*[\[{]")
# One entry of such a block: a key (quoted or not) and its value's first part.
_SHIPPED_ENTRY = re.compile(r"""(?:^|[,{\[])\s*(?:["'`]([\w.$]+)["'`]|([A-Za-z_$][\w$]*))\s*(?::\s*([^,}\n]*))?""")
_ENV_IN_VALUE = re.compile(r"""\b(?:process\.)?env\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*["'`]([A-Za-z_]\w*)["'`]\s*\])""")


def _config_shipped(facts: Facts) -> list[tuple[Place, str, str]]:
    """Secrets a build config copies into the browser bundle, found at the config's entry (the line to change):
    Next.js's ``env: { QLIK_API_KEY: ... }``, Vite's ``define`` or webpack's ``DefinePlugin`` giving browser code
    a secret (``__QLIK_API_KEY__: JSON.stringify(env.QLIK_API_KEY)``, ``"process.env.QLIK_API_KEY": ...``) or the
    whole environment (``"process.env": env``), webpack's ``EnvironmentPlugin(["QLIK_API_KEY"])``. Only an entry
    whose value browser code reads (or, for the whole environment, a secret an env file holds) ships anything."""
    from mashup_gen.source.envfiles import entries, is_template

    configs = [u for u in facts.project.units if u.script.offset == 0 and _BUILD_CONFIG.match(u.file.path.name)]
    if not configs or not any(_SHIPPING_BLOCK.search(u.script.code) for u in configs):
        return []
    browser = [u for u in facts.project.units if u.in_browser and u.role != "config" and u.syntax is not None]
    read = {r.name for u in browser for r in u.syntax.env}  # type: ignore[union-attr]
    env_secrets = [
        entry.key
        for source in facts.project.env_files
        if not is_template(source.path.name)
        for entry in entries(source.text)
        if ENV_SECRET_NAME.match(entry.key) and len(entry.value.strip()) >= 8
    ]
    found: list[tuple[Place, str, str]] = []
    for unit in configs:
        code = unit.script.code
        for block in _SHIPPING_BLOCK.finditer(code):
            if block.group(0).startswith("env") and not unit.file.path.name.startswith("next."):
                continue  # env: ships only in Next.js (Vitest's test.env is the tests' own)
            opener = block.end() - 1
            closer = _closing(code, opener)
            body = code[opener:closer]
            for m in _SHIPPED_ENTRY.finditer(body):
                key = m.group(1) or m.group(2)
                value = (m.group(3) or "").strip()
                at = opener + m.start(1 if m.group(1) else 2)
                shipped: str | None = None
                if key == "process.env" and value and not value.startswith(("{", '"', "'")):
                    # the whole environment: every secret the build sees (an env file's, once the config loads
                    # the files: Vite's loadEnv, dotenv)
                    loads = "loadEnv" in code or "dotenv" in code
                    if (env_secrets and loads) or any(ENV_SECRET_NAME.match(name) for name in read):
                        shipped = "the whole environment (process.env)"
                elif key.startswith(("process.env.", "import.meta.env.")):
                    name = key.rsplit(".", 1)[1]
                    if ENV_SECRET_NAME.match(name) and name in read:
                        shipped = name
                else:
                    env = _ENV_IN_VALUE.search(value) if value else None
                    name = (env.group(1) or env.group(2)) if env else key if not value else None
                    if name is None or not ENV_SECRET_NAME.match(name):
                        continue
                    # Next's env and webpack's EnvironmentPlugin ship process.env.KEY; define ships its own key.
                    is_define = block.group(0).lstrip().startswith(("define", "DefinePlugin"))
                    if (
                        is_define and any(re.search(rf"(?<![\w$.]){re.escape(key)}\b", u.script.code) for u in browser)
                    ) or (not is_define and key in read):
                        shipped = name
                if shipped is not None:
                    found.append((Place(unit.file, at, at + len(key)), key, f"process.env.{shipped}"))
    return found


def _closing(code: str, opener: int) -> int:
    """The offset just past the bracket that closes the one at ``opener`` (the code's end when unbalanced)."""
    depth = 0
    for i in range(opener, len(code)):
        if code[i] in "{[(":
            depth += 1
        elif code[i] in "}])":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(code)


# "clientSecret": "…" in JSON, client_secret: … in YAML.
_FILE_ENTRY = re.compile(r"""(?m)["']?([A-Za-z_][\w-]*)["']?[ \t]*:[ \t]*["']?([^\s"',}{]+)["']?""")


def _entries(name: str, text: str) -> Iterator[tuple[str, bool, str, int, int]]:
    """``(name, inside ${...}, value, value's start, value's end)`` of each entry: Java's ``.properties`` by its
    own syntax (``qlik.oauth.client-secret=...``, named by the key's last part), JSON and YAML by
    ``name: value``."""
    if name.lower().endswith(".properties"):
        from mashup_gen.source.configfiles import settings

        for setting in settings(name, text):
            last = setting.key.rsplit(".", 1)[-1]
            if "password" in last.lower() and "qlik" not in setting.key.lower():
                continue  # spring.datasource.password and the like: the app's own services, not Qlik's
            yield last, False, setting.value, setting.start, setting.end
        return
    for m in _FILE_ENTRY.finditer(text):
        # ${POSTGRES_PASSWORD:-dev_default} (Compose): the environment's variable, not an entry
        variable = text[max(0, m.start(1) - 2) : m.start(1)] == "${"
        yield m.group(1), variable, m.group(2), m.start(2), m.end(2)


def file_secrets(facts: Facts) -> list[Secret]:
    """OAuth client secrets, API keys and passwords written in a JSON, YAML or Java ``.properties`` file of the
    project: anyone who gets the project (or a static server that serves its folder) gets the secret. It belongs
    in the server's environment."""
    from mashup_gen.checker.facts.placeholders import is_placeholder
    from mashup_gen.source.configfiles import is_template

    found = []
    for source in facts.project.data_files:
        text = source.text
        if not _SECRET_WORD.search(text):
            continue
        # An example or template file (settings-example.json, config.sample.yml) holds sample values: only a
        # real token's shape (an API key is a JSON Web Token) is still a secret there.
        template = is_template(source.path.name)
        for name, variable, value, start, end in _entries(source.path.name, text):
            if variable:
                continue
            if not SECRET_NAME.match(name.replace("-", "_")) or len(value) < 16 or is_placeholder(value):
                continue
            if declared_dummy(value):
                continue  # JWT_SECRET: "test-secret-not-for-production" in a test service's environment
            if value.startswith(("$", "%", "{")) or value.lower() in ("true", "false", "null"):
                continue  # ${ENV_VAR}, %ENV%, a template: read from the environment
            if template and not JWT.search(value):
                continue
            found.append(Secret(Place(source, start, end), name, value[:8] + "..."))
    found.extend(_served_private_keys(facts))
    return found


PRIVATE_KEY = re.compile(r"-----BEGIN (?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY-----")
# Folders a site serves as they are: a server's or a build's public folder, Angular's and Vue CLI's copied assets.
_SERVED_FOLDERS = ("public/", "static/", "www/", "wwwroot/", "htdocs/", "src/assets/", "src/static/")


def _served_private_keys(facts: Facts) -> list[Secret]:
    """Private keys (``-----BEGIN PRIVATE KEY-----``, a JWT's signing key) in a folder the site serves: any visitor
    downloads it, and signs tokens the tenant trusts (a JWT sign-in as any user). A key beside the server's
    code, which it reads from disk, is where a server keeps it."""
    from mashup_gen.checker.facts.references import static_folders

    project = facts.project
    served = (*_SERVED_FOLDERS, *(folder + "/" for folder in static_folders(facts)))
    static_site = not any(unit.role == "server" for unit in project.units)
    page_folders = {page.file.path.parent for page in project.pages}
    found = []
    for source in project.key_files:
        m = PRIVATE_KEY.search(source.text)
        if m is None:
            continue
        relative = project.relative(source.path)
        if relative.startswith(served) or (static_site and source.path.parent in page_folders):
            found.append(Secret(Place(source, m.start(), m.end()), "a private key", "-----BEGIN..."))
    return found


# A server's reply to a request: Express/Fastify ``res.json(...)``, ``res.send(...)``, ``reply.send(...)``,
# Next.js ``NextResponse.json(...)``, the Fetch API's ``Response.json(...)``.
_REPLY_METHODS = frozenset({"json", "send", "jsonp", "render"})  # render: the values go into the page sent
_REPLY_OWNERS = frozenset({"res", "response", "reply", "resp"})


def served_secrets(facts: Facts) -> list[tuple[Place, str]]:
    """``(place, variable)`` for each secret read from the server's environment inside its reply to a request
    (``res.json({ token: process.env.TOKEN })``, ``res.status(200).json(...)``, SvelteKit's or Remix's
    ``json(...)``), or inside what a framework's server-only data function returns to the page (Next.js's
    ``getServerSideProps`` props, a Remix ``loader``, a SvelteKit ``+page.server`` ``load``): the server holds
    the secret rightly, then hands it to every browser that calls the route or opens the page."""
    found = []
    data_functions = server_exports(facts.project.manifest)
    for unit in facts.project.units:
        code = unit.script.code
        if not (any(m in code for m in _REPLY_METHODS) or "return" in code or ".body" in code):
            continue
        # A page module runs in the browser too, but its server-only data functions do not (and what they return
        # is sent to the page).
        replies = data_returns(unit, data_functions, facts.project.manifest)
        if unit.in_browser and not replies:
            continue
        syntax = unit.syntax
        if syntax is None:
            continue
        plain_json = _PLAIN_JSON.search(code) is not None
        if not unit.in_browser:
            replies.extend((call.start, call.end) for call in syntax.calls if _is_reply(call.callee, plain_json))
            if ".body" in code:
                replies.extend(_koa_bodies(unit))
        private = _private_env_reads(unit) if "$env/" in code else []
        if "useRuntimeConfig" in code and _NUXT_HANDLER.match(facts.project.relative(unit.file.path)):
            replies.extend(_returns(unit))
            private.extend(_runtime_config_reads(unit))
        # A value handed to a call inside the reply (fetch(url, { headers }) whose answer is returned) is not sent.
        inner = [
            (c.start, c.end)
            for c in syntax.calls
            if c.callee != "JSON.stringify" and not _is_reply(c.callee, plain_json)  # stringify sends it all
        ]
        text = unit.file.text
        for read in syntax.env:
            secret = read.via == "process.env" and ENV_SECRET_NAME.match(read.name)
            if secret and _sent(read.start, replies, inner, text):
                found.append((Place(unit.file, read.start, read.end), f"process.env.{read.name}"))
        found.extend(
            (Place(unit.file, start, end), name) for start, end, name in private if _sent(start, replies, inner, text)
        )
        if replies:
            found.extend(_served_through_names(facts, unit, replies))
            found.extend(_served_through_helpers(facts, unit, replies))
            found.extend(_secret_keys_sent(unit, replies))
    for source in facts.project.other_code:
        if source.path.suffix.lower() == ".py" and ("os." in source.text or _PY_SECRET_KEY.search(source.text)):
            found.extend(_python_served(source))
    found.extend(_props_to_the_client(facts))
    return found


_IMPORT_NAMES = re.compile(r"""\bimport\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\}\s*)?from\s*["']([^"']+)["']""")


def _props_to_the_client(facts: Facts) -> list[tuple[Place, str]]:
    """A Next.js server component handing a secret from its environment to a client component as a prop
    (``<Chart apiKey={process.env.QLIK_API_KEY} />``, Chart marked "use client") or writing it into an element:
    Next.js serializes a client component's props into the page, so the browser gets the secret."""
    project = facts.project
    if '"next"' not in project.manifest:
        return []
    client = {id(u) for u in project.client_reach()}
    found: list[tuple[Place, str]] = []
    for unit in project.units:
        syntax = unit.syntax
        if unit.in_browser or syntax is None or "process.env" not in unit.script.code or not syntax.has_jsx:
            continue
        sent = [a for a in syntax.attributes if a.value is not None and not a.literal and "process.env" in a.value]
        if not sent:
            continue
        components: dict[str, bool] = {}  # element name -> it is a client component
        for m in _IMPORT_NAMES.finditer(unit.script.code):
            target = project.local_module(unit, m.group(3))
            names = [m.group(1)] if m.group(1) else []
            names += [part.split(" as ")[-1].strip() for part in (m.group(2) or "").split(",") if part.strip()]
            for name in names:
                components[name] = target is not None and id(target) in client
        for attribute in sent:
            element = attribute.element.split(".", 1)[0]
            if not (element[:1].islower() or components.get(element, False)):
                continue  # a server component's prop stays on the server
            inner = [(c.start, c.end) for c in syntax.calls if c.callee != "JSON.stringify"]
            span = [(attribute.start, attribute.end)]
            for read in syntax.env:
                if (
                    read.via == "process.env"
                    and ENV_SECRET_NAME.match(read.name)
                    and _sent(read.start, span, inner, unit.file.text)
                ):
                    found.append((Place(unit.file, read.start, read.end), f"process.env.{read.name}"))
    return found


# Koa's reply: the value assigned to the context's body (ctx.body = {...}, ctx.response.body, Koa 1's this.body).
_KOA_CONTEXTS = frozenset({"ctx", "context", "this", "response"})


def _koa_bodies(unit: Unit) -> list[tuple[int, int]]:
    """File spans of the values a Koa handler assigns to ``ctx.body`` (``ctx.body = { apiKey: ... }``): what
    the server sends in its reply."""
    script = unit.script
    spans = []
    for i, token in enumerate(script.tokens):
        if (
            token.kind == IDENT
            and script.text(i) == "body"
            and script.is_punct(i - 1, ".")
            and script.text(i - 2) in _KOA_CONTEXTS
            and script.is_punct(i + 1, "=")
        ):
            _start, end = script.statement(i)
            if end > i + 2:
                spans.append(unit.file_span(i + 2, end))
    return spans


def _sent(at: int, replies: list[tuple[int, int]], inner: list[tuple[int, int]], text: str) -> bool:
    """True when the value at offset ``at`` is sent by one of ``replies`` itself: not handed to one of the
    ``inner`` calls inside it, nor only tested for being set."""
    return (
        any(start <= at < end for start, end in replies)
        and not any(start < at < end and any(s <= start < e for s, e in replies) for start, end in inner)
        and not _only_tested(text, at)
    )


# Calls a reply chain passes through before it sends (``res.status(200).json(...)``, Fastify's
# ``reply.code(200).send(...)``, ``res.set(...).send(...)``).
_REPLY_CHAIN = frozenset({"status", "code", "header", "headers", "set", "type", "setHeader", "append", "cookie"})
# The frameworks' reply helpers called by their plain name: SvelteKit's json(...) in a +server route, Remix's (and
# React Router's) json(...) in a loader or action.
_PLAIN_JSON = re.compile(
    r"""import\s*\{[^}]*\bjson\b[^}]*\}\s*from\s*["'](?:@sveltejs/kit|@remix-run/[\w-]+|react-router[\w-]*)["']"""
)
_CALL_ARGUMENTS = re.compile(r"\([^()]*\)")


def _is_reply(callee: str, plain_json: bool) -> bool:
    """True when a call of ``callee`` sends a server's reply: ``res.json``, ``res.status(200).json``,
    ``reply.code(201).send``, ``NextResponse.json``, ``Response.json``, or (``plain_json``) an imported
    ``json``."""
    if plain_json and callee == "json":
        return True
    while "(" in callee:  # drop the arguments of the chain's calls: res.status(200).json -> res.status.json
        shorter = _CALL_ARGUMENTS.sub("", callee)
        if shorter == callee:
            return False
        callee = shorter
    parts = callee.split(".")
    if len(parts) < 2 or parts[-1] not in _REPLY_METHODS:
        return False
    if parts[-2].lower() in _REPLY_OWNERS or parts[-2].endswith("Response"):
        return True
    # res.status(200).json: the owner, then only the chain's own methods
    chain = parts[1:-1]
    return parts[0].lower() in _REPLY_OWNERS and bool(chain) and all(part in _REPLY_CHAIN for part in chain)


# The files whose exported ``load`` SvelteKit runs on the server alone and whose result it sends to the page.
_SVELTEKIT_SERVER_LOAD = re.compile(r"^\+(?:page|layout)\.server\.[jt]s$")


def data_returns(unit: Unit, names: frozenset[str], manifest: str) -> list[tuple[int, int]]:
    """Offsets of the ``return`` statements of the module's server-only data functions (``getServerSideProps``,
    a Remix ``loader``, SvelteKit's ``load`` in ``+page.server.ts``): what they return is sent to the page."""
    script = unit.script
    if _SVELTEKIT_SERVER_LOAD.match(unit.file.path.name) and '"@sveltejs/kit"' in manifest:
        names = names | {"load"}
    if not names or not any(name in script.code for name in names):
        return []
    spans = []
    for i in range(len(script.tokens)):
        if script.is_ident(i, "return") and in_server_export(script, i, names):
            first, last = script.statement(i)
            start = script.offset + script.tokens[first].start
            end = script.offset + script.tokens[min(last, len(script.tokens) - 1)].end
            spans.append((start, end))
    return spans


# A Nuxt server route's file (server/api/, server/routes/): what its event handler returns is the reply.
_NUXT_HANDLER = re.compile(r"^(?:src/)?server/(?:api|routes)/")
_RUNTIME_CONFIG = re.compile(r"\b(?:const|let|var)\s+(\w+)\s*=\s*useRuntimeConfig\s*\(")


def _returns(unit: Unit) -> list[tuple[int, int]]:
    """Offsets of every ``return`` statement of ``unit``."""
    script = unit.script
    spans = []
    for i in range(len(script.tokens)):
        if script.is_ident(i, "return"):
            first, last = script.statement(i)
            start = script.offset + script.tokens[first].start
            spans.append((start, script.offset + script.tokens[min(last, len(script.tokens) - 1)].end))
    return spans


def _runtime_config_reads(unit: Unit) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of each read of a secret from Nuxt's runtime config (``useRuntimeConfig().apiKey``,
    or ``config.qlikApiKey`` of ``const config = useRuntimeConfig(event)``): its private keys are the server's
    secrets (a camelCase name read as the NUXT_ variable that sets it)."""
    code, offset = unit.script.code, unit.script.offset
    owners = [re.escape(m.group(1)) for m in _RUNTIME_CONFIG.finditer(code)]
    pattern = r"(?:useRuntimeConfig\s*\([^()]*\)" + "".join(f"|(?<![\\w.$]){o}" for o in owners) + r")\.(\w+)"
    found = []
    for m in re.finditer(pattern, code):
        snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", m.group(1))
        if m.group(1) != "public" and ENV_SECRET_NAME.match(snake):
            found.append((offset + m.start(), offset + m.end(), f"runtimeConfig.{m.group(1)}"))
    return found


# A SvelteKit server module's secrets: names imported from $env/static/private, members of $env/dynamic/private.
_STATIC_PRIVATE = re.compile(r"""import\s*\{([^}]*)\}\s*from\s*["']\$env/static/private["']""")
_DYNAMIC_PRIVATE = re.compile(
    r"""import\s*\{[^}]*\benv(?:\s+as\s+(\w+))?[^}]*\}\s*from\s*["']\$env/dynamic/private["']"""
)


def _private_env_reads(unit: Unit) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of each read of a secret from SvelteKit's private environment modules in ``unit``."""
    code, offset = unit.script.code, unit.script.offset
    found: list[tuple[int, int, str]] = []
    names = {
        part.split(" as ")[-1].strip(): part.split(" as ")[0].strip()
        for m in _STATIC_PRIVATE.finditer(code)
        for part in m.group(1).split(",")
        if part.strip()
    }
    secret = {alias for alias, name in names.items() if ENV_SECRET_NAME.match(name)}
    imports = [(m.start(), m.end()) for m in (*_STATIC_PRIVATE.finditer(code), *_DYNAMIC_PRIVATE.finditer(code))]
    if secret:
        for m in re.finditer(r"(?<![\w.$])(" + "|".join(map(re.escape, sorted(secret))) + r")\b", code):
            if not any(s <= m.start() < e for s, e in imports):
                found.append((offset + m.start(), offset + m.end(), f"$env/static/private {names[m.group(1)]}"))
    for m in _DYNAMIC_PRIVATE.finditer(code):
        alias = m.group(1) or "env"
        for read in re.finditer(rf"(?<![\w.$]){re.escape(alias)}\.([A-Za-z_]\w*)", code):
            if ENV_SECRET_NAME.match(read.group(1)):
                found.append((offset + read.start(), offset + read.end(), f"$env/dynamic/private {read.group(1)}"))
    return found


# A value only tested (``!!process.env.KEY``, ``Boolean(KEY)``) sends true or false, not the secret.
_TESTED_BEFORE = re.compile(r"(?:!|\bBoolean\s*\(\s*)$")


def _only_tested(text: str, start: int) -> bool:
    """True when the read at ``start`` (an offset in the file's ``text``) is only tested for being set."""
    return _TESTED_BEFORE.search(text[max(0, start - 12) : start].rstrip()) is not None


# A route of a Python web app (FastAPI's @app.get, Flask's @app.route, a router or blueprint's): what its
# function returns is the reply (FastAPI and Flask send a returned dict as JSON).
_PY_ROUTE = re.compile(r"(?m)^([ \t]*)@\w+(?:\.\w+)*\.(?:get|post|put|patch|delete|route|api_route)\s*\(")
_PY_RETURN = re.compile(r"(?m)^[ \t]+return\b")


def _route_returns(text: str) -> list[tuple[int, int]]:
    """Offsets of the ``return`` statements of the functions a route decorator marks (to the end of the
    statement: brackets balanced)."""
    spans = []
    for route in _PY_ROUTE.finditer(text):
        indent = len(route.group(1).expandtabs())
        header = re.compile(r"(?m)^[ \t]*(?:async\s+)?def\s").search(text, route.end())
        if header is None:
            continue
        body = text.find("\n", header.end())
        end = len(text)
        for line in re.finditer(r"(?m)^([ \t]*)\S", text[body + 1 :] if body >= 0 else ""):
            if len(line.group(1).expandtabs()) <= indent:
                end = body + 1 + line.start()
                break
        for ret in _PY_RETURN.finditer(text, header.end(), end):
            close, depth = ret.end(), 0
            while close < end and (depth or text[close] != "\n"):
                depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(text[close], 0)
                close += 1
            spans.append((ret.end(), close))
    return spans


# A Python web app's reply: a rendered template (Flask's render_template, Django's render), or JSON (jsonify,
# JsonResponse). What their arguments hold reaches the browser.
_PY_REPLY = re.compile(r"\b(?:render_template|render|jsonify|JsonResponse|TemplateResponse)\s*\(")
_PY_ENV_READ = re.compile(
    r"""\bos\.(?:environ\s*\[\s*["'](\w+)["']\s*\]|environ\.get\(\s*["'](\w+)["']|getenv\(\s*["'](\w+)["'])"""
)
_PY_ASSIGNED = re.compile(r"(?m)^([A-Za-z_]\w*)\s*=\s*(os\.(?:environ|getenv)[^\n]*)$")


def _python_served(source: SourceFile) -> list[tuple[Place, str]]:
    """Secrets from the environment (``os.environ["QLIK_API_KEY"]``, or a module-level name holding one) in the
    arguments of a Python web app's reply (``render_template(...)``, ``jsonify(...)``)."""
    text = source.text
    held: dict[str, str] = {}  # API_KEY = os.environ["QLIK_API_KEY"]: name -> variable
    for m in _PY_ASSIGNED.finditer(text):
        read = _PY_ENV_READ.search(m.group(2))
        if read is not None:
            held[m.group(1)] = next(g for g in read.groups() if g)
    found: list[tuple[Place, str]] = []
    spans = []
    for call in _PY_REPLY.finditer(text):
        start, depth, end = call.end(), 1, call.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        spans.append((start, end))
    spans.extend(_route_returns(text))
    seen: set[int] = set()
    for start, end in spans:
        for read in _PY_ENV_READ.finditer(text, start, end):
            name = next(g for g in read.groups() if g)
            if ENV_SECRET_NAME.match(name) and read.start() not in seen and _py_sent(text, start, read.start()):
                seen.add(read.start())
                found.append((Place(source, read.start(), read.end()), f"os.environ[{name!r}]"))
        for word in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)(?![\w(])", text[start:end]):
            name = held.get(word.group(1))
            at = start + word.start()
            if (
                name is not None
                and ENV_SECRET_NAME.match(name)
                and not text[start + word.end() :].lstrip().startswith("=")
                and at not in seen
                and _py_sent(text, start, at)
            ):
                seen.add(at)
                found.append((Place(source, at, at + len(word.group(1))), f"os.environ[{name!r}]"))

        # A reply's key naming a secret given a value the server holds (settings.qlik_client_secret,
        # config["QLIK_API_KEY"]), not a literal: the server's secret, sent to whoever calls the route.
        for m in _PY_SECRET_KEY.finditer(text, start, end):
            at = m.start("value")
            if at not in seen and _py_sent(text, start, at):
                seen.add(at)
                found.append((Place(source, at, m.end("value")), m.group("value")))

    return found


_PY_SECRET_KEY = re.compile(
    r"""["'](?:client[_-]?secret|clientSecret|api[_-]?key|apiKey|private[_-]?key|privateKey)["']\s*:\s*"""
    r"""(?P<value>[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?)(?=\s*[,}\n])"""
)


# Calls a reply passes its values through into what it sends (the rest, requests.get(...) or bool(...), take them
# for something else).
_PY_SENDING = frozenset(
    {"jsonify", "JSONResponse", "JsonResponse", "dict", "render_template", "render", "TemplateResponse"}
)


def _py_sent(text: str, start: int, at: int) -> bool:
    """True when the value at ``at`` is sent by the reply starting at ``start``: no call between them takes it,
    other than those that put it into the reply."""
    stack: list[str] = []
    for m in re.finditer(r"([A-Za-z_][\w.]*)?\s*([([{])|[)\]}]", text[start:at]):
        if m.group(2) is None:
            if stack:
                stack.pop()
        else:
            stack.append((m.group(1) or "").rsplit(".", 1)[-1] if m.group(2) == "(" else "")
    return all(not name or name in _PY_SENDING for name in stack)


_ENV_READ = re.compile(
    r"\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)|\bprocess\.env\[\s*[\"'`]([A-Za-z_][A-Za-z0-9_]*)[\"'`]\s*\]"
)


def _served_through_names(facts: Facts, unit: Unit, replies: list[tuple[int, int]]) -> list[tuple[Place, str]]:
    """Secrets a reply sends through a name that holds them: ``const KEY = process.env.QLIK_API_KEY`` then
    ``res.json({ key: KEY })``, or a config module's ``apiKey: process.env.QLIK_API_KEY`` then
    ``NextResponse.json({ token: config.apiKey })``. Only a value the reply sends itself counts, not one handed
    to a call inside it (``res.json(await fetch(url, { headers }))`` sends the answer, not the headers)."""
    script = unit.script
    found: list[tuple[Place, str]] = []
    for i, token in enumerate(script.tokens):
        offset = script.offset + token.start
        if not script.is_ident(i) or not any(start <= offset < end for start, end in replies):
            continue
        if script.is_punct(i - 1, ".") or (script.is_punct(i + 1, ":") and script.is_punct(script.parent(i), "{")):
            continue  # a property of something else, or an object's key
        call = script.enclosing_call(i)
        if call is None or script.text(call[0]) not in _REPLY_METHODS or script.parent(i) == -1:
            continue
        member = script.text(i + 2) if script.is_punct(i + 1, ".") and script.is_ident(i + 2) else None
        name = script.text(i)
        entry = facts.declaration_of(unit, name)
        if entry is None:
            continue
        owner, declared = entry
        if declared[1] - declared[0] > 400:
            continue  # a whole function or class
        text = owner.script.span_text(*declared)
        if member is not None:
            held = re.search(rf"\b{re.escape(member)}\s*:\s*([^,}}\n]+)", text)
            text = held.group(1) if held else ""
        elif text.lstrip().startswith("{"):
            continue  # an object of several values: judged by the member the reply reads
        read = _ENV_READ.match(text.strip())
        if read is not None and not re.match(r"\s*(?:\|\||\?\?|;|$)", text.strip()[read.end() :]):
            read = None  # the secret goes into something else (jwt.sign(user, process.env.JWT_SECRET)): not it
        variable = read.group(1) or read.group(2) if read else None
        if variable and ENV_SECRET_NAME.match(variable) and not _only_tested(unit.file.text, offset):
            last = i + 2 if member is not None else i
            found.append((Place(unit.file, *unit.file_span(i, last + 1)), f"process.env.{variable}"))
    return found


def _served_through_helpers(facts: Facts, unit: Unit, replies: list[tuple[int, int]]) -> list[tuple[Place, str]]:
    """Secrets a reply sends through a helper of the project that returns them: ``json({ qlik:
    getQlikSettings() })`` where ``getQlikSettings`` returns ``{ clientSecret: process.env.QLIK_CLIENT_SECRET }``.
    Only a call the reply sends itself counts (not one handed to another call inside it), and only a secret the
    helper returns (not one it hands to a request of its own and whose answer it returns). Reported at the call."""
    syntax = unit.syntax
    if syntax is None:
        return []
    plain_json = _PLAIN_JSON.search(unit.script.code) is not None
    inner = [c for c in syntax.calls if c.callee != "JSON.stringify" and not _is_reply(c.callee, plain_json)]
    found: list[tuple[Place, str]] = []
    for call in inner:
        name = call.callee
        if not name.isidentifier() or not any(start <= call.start < end for start, end in replies):
            continue
        if any(
            c.start < call.start and call.end <= c.end and any(s <= c.start < e for s, e in replies)
            for c in inner
            if c is not call
        ):
            continue  # handed to another call (fetch(url, build())): that call's answer is what is sent
        entry = facts.declaration_of(unit, name)
        if entry is None:
            continue
        owner, declared = entry
        secret = _returned_secret(owner, declared)
        if secret is not None:
            found.append((Place(unit.file, call.start, call.end), f"process.env.{secret} (returned by {name}())"))
    return found


def _returned_secret(owner: Unit, declared: tuple[int, int]) -> str | None:
    """The name of a secret from the environment that the function declared at token range ``declared`` of
    ``owner`` returns as it is (in a ``return`` statement, or an arrow function's expression body), not handed
    to a call there; None when it returns none (or is no function)."""
    script, syntax = owner.script, owner.syntax
    if syntax is None or owner.in_browser or "process.env" not in script.span_text(*declared):
        return None
    first, last = declared
    spans: list[tuple[int, int]] = []
    for i in range(first, min(last, len(script.tokens))):
        if script.is_ident(i, "return"):
            start, end = script.statement(i)
            spans.append(owner.file_span(start, min(end, len(script.tokens) - 1) + 1))
        elif script.is_punct(i, "=>") and i + 1 < len(script.tokens) and not script.is_punct(i + 1, "{"):
            spans.append(owner.file_span(i + 1, min(last, len(script.tokens) - 1) + 1))
    if not spans:
        return None
    inner = [(c.start, c.end) for c in syntax.calls if c.callee != "JSON.stringify"]
    for read in syntax.env:
        if read.via == "process.env" and ENV_SECRET_NAME.match(read.name):
            if _sent(read.start, spans, inner, owner.file.text):
                return read.name
    return None


# The keys an OAuth client's secret or a signing key is sent under (clientSecret, client_secret, privateKey).
# Keys naming an OAuth client's secret or a private key; the unanchored form is the cheap test of a whole script.
_SECRET_KEY_WORDS = r"client_?secret|private_?key"
_SECRET_KEY = re.compile(rf"(?i)^(?:{_SECRET_KEY_WORDS})$")
_SECRET_KEY_HINT = re.compile(rf"(?i){_SECRET_KEY_WORDS}")


def _secret_keys_sent(unit: Unit, replies: list[tuple[int, int]]) -> list[tuple[Place, str]]:
    """A reply (or a framework's page data) that sends a value under a key naming an OAuth client's secret or a
    private key (``json({ hostConfig: { clientSecret: qlik.clientSecret } })``), computed rather than written
    (a literal is judged as written code): the browser gets what the server holds under that name."""
    script = unit.script
    if not _SECRET_KEY_HINT.search(script.code):
        return []
    plain_json = _PLAIN_JSON.search(script.code) is not None
    syntax = unit.syntax
    inner = [
        (c.start, c.end)
        for c in (syntax.calls if syntax is not None else ())
        if c.callee != "JSON.stringify" and not _is_reply(c.callee, plain_json)
    ]
    found: list[tuple[Place, str]] = []
    for i in script.punct_indexes(":"):
        key = i - 1
        if key < 0 or not (script.is_ident(key) or script.tokens[key].kind == STRING):
            continue
        name = script.text(key) if script.is_ident(key) else (script.string_value(key) or "")
        if not _SECRET_KEY.match(name) or not script.is_punct(script.parent(key), "{"):
            continue
        at = script.offset + script.tokens[key].start
        if not _sent(at, replies, inner, unit.file.text):
            continue
        end = i + 1
        while end < len(script.tokens) and not (
            script.parent(end) == script.parent(key) and (script.is_punct(end, ",") or script.is_punct(end, "}"))
        ):
            end += 1
        if end == i + 1:
            continue
        value = script.span_text(i + 1, end).strip()
        if script.literal(i + 1, end) is not None or value in ("undefined", "null", "''", '""'):
            continue  # a literal is judged where it is written; no value sends nothing
        found.append((Place(unit.file, *unit.file_span(key, end)), f"{name} ({value[:40]})"))
    return found
