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
from mashup_gen.checker.js import IDENT, Script
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
        jwts, bearers = list(JWT.finditer(value)), list(BEARER.finditer(value))
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
        text = page.file.text
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
    project = facts.project
    if project.may_exist(project.root / "package.json") and inlines_process_env(project.root, project.manifest):
        # Parcel inlines every process.env read of the code a page runs, its imported modules included.
        for unit in facts.project.page_reach():
            for read in unit.syntax.env if unit.syntax is not None and "process.env" in unit.script.code else ():
                if read.via == "process.env" and ENV_SECRET_NAME.match(read.name) and not is_public_env(read.name):
                    found.append((Place(unit.file, read.start, read.end), read.name, read.via + "." + read.name))
    return found


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
    (``res.json({ token: process.env.TOKEN })``): the server holds the secret rightly, then hands it to every
    browser that calls the route."""
    found = []
    for unit in facts.project.units:
        if unit.in_browser or not any(m in unit.script.code for m in _REPLY_METHODS):
            continue
        syntax = unit.syntax
        if syntax is None:
            continue
        replies = [
            (call.start, call.end)
            for call in syntax.calls
            if "." in call.callee
            and call.callee.rsplit(".", 1)[1] in _REPLY_METHODS
            and (
                call.callee.rsplit(".", 1)[0].rsplit(".", 1)[-1].lower() in _REPLY_OWNERS
                or call.callee.rsplit(".", 1)[0].endswith("Response")
            )
        ]
        for read in syntax.env:
            if read.via != "process.env" or not ENV_SECRET_NAME.match(read.name):
                continue
            if any(start <= read.start < end for start, end in replies):
                found.append((Place(unit.file, read.start, read.end), f"process.env.{read.name}"))
        if replies:
            found.extend(_served_through_names(facts, unit, replies))
    for source in facts.project.other_code:
        if source.path.suffix.lower() == ".py" and "os." in source.text:
            found.extend(_python_served(source))
    return found


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
    for call in _PY_REPLY.finditer(text):
        start, depth, end = call.end(), 1, call.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        for read in _PY_ENV_READ.finditer(text, start, end):
            name = next(g for g in read.groups() if g)
            if ENV_SECRET_NAME.match(name):
                found.append((Place(source, read.start(), read.end()), f"os.environ[{name!r}]"))
        for word in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)(?![\w(])", text[start:end]):
            name = held.get(word.group(1))
            if (
                name is not None
                and ENV_SECRET_NAME.match(name)
                and not text[start + word.end() :].lstrip().startswith("=")
            ):
                at = start + word.start()
                found.append((Place(source, at, at + len(word.group(1))), f"os.environ[{name!r}]"))

    return found


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
        if variable and ENV_SECRET_NAME.match(variable):
            last = i + 2 if member is not None else i
            found.append((Place(unit.file, *unit.file_span(i, last + 1)), f"process.env.{variable}"))
    return found
