"""Qlik Cloud JWT sign-in (a JWT identity provider, ``POST <tenant>/login/jwt-session``): the token's subject is
the user. A subject made new on every sign-in (a random UUID) makes every visit a new user on the tenant, each
one taking a user entitlement; Qlik's anonymous embedding is an OAuth anonymous client, not JWT.

The session the JWT buys is the tenant's cookie, set in answer to the page's cross-site request: a third-party
cookie for the page's site, which browsers that block those (Safari, Firefox, Chrome and Edge in some settings)
do not keep, so every later Qlik request of the page is unauthenticated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import Script
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.roles import is_other_language_test, is_test_code

JWT_RANDOM_SUBJECT = Rule(
    "jwt-random-subject",
    Severity.WARNING,
    "A Qlik Cloud JWT's subject (sub) is a new random value on every sign-in: each visit creates another user "
    "on the tenant (and may assign it a user entitlement).",
    "Use the user's stable id from your own identity provider as sub; for anonymous visitors use Qlik's "
    "anonymous embedding (an OAuth anonymous-access client), not JWT.",
)
JWT_SESSION_COOKIE = Rule(
    "jwt-session-third-party",
    Severity.WARNING,
    "The browser trades a JWT at <tenant>/login/jwt-session for the tenant's session cookie: for the page's site "
    "that is a third-party cookie, which browsers that block them (Safari, Firefox, Chrome and Edge in some "
    "settings) do not keep, so the page's later Qlik requests are not signed in.",
    "Sign users in with OAuth2 instead: an OAuth impersonation client on your backend hands the page a "
    "short-lived access token per user (`mashup-gen new --template qlik-embed --auth impersonation` generates "
    "one), with no cookie to block.",
)
JWT_AS_BEARER = Rule(
    "jwt-as-bearer",
    Severity.WARNING,
    "A REST request to the tenant (/api/v1/...) sends a JWT the project signs as its Bearer token: Qlik Cloud "
    "takes such a JWT only at POST /login/jwt-session, in exchange for a session cookie; as a REST credential "
    "(which takes API keys and OAuth access tokens) it is refused with 401.",
    "Trade the JWT for the session at <tenant>/login/jwt-session first and send later requests with that "
    "session (credentials, web integration id, CSRF token), or use an OAuth access token (impersonation) as "
    "the Bearer token.",
)
JWT_SESSION_CROSS_ORIGIN = Rule(
    "jwt-session-cross-origin",
    Severity.ERROR,
    "The browser posts its JWT to the tenant's /login/jwt-session (another origin) without what that "
    "cross-origin request needs: credentials: 'include' (without it the browser drops the session cookie Qlik "
    "answers with, so the page stays signed out) or the web integration id (header qlik-web-integration-id or "
    "the parameter of that name; without it the tenant does not accept the page's origin).",
    "Post with fetch(`https://<tenant>/login/jwt-session`, { method: 'POST', mode: 'cors', credentials: 'include', "
    "headers: { Authorization: `Bearer ${jwt}`, 'qlik-web-integration-id': <web integration id> } }).",
)
RULES = (JWT_RANDOM_SUBJECT, JWT_SESSION_COOKIE, JWT_AS_BEARER, JWT_SESSION_CROSS_ORIGIN)

# The audience of a Qlik Cloud JWT (and the endpoint it is posted to): a project that has neither signs nobody
# in to Qlik with a JWT, whatever its tokens' subjects are.
_QLIK_JWT = "login/jwt-session"
# Generators of a fresh random value, in JavaScript, C#, Python and Java.
_RANDOM_CALL = re.compile(
    r"\buuid(?:v4|4)?\s*\(|\bv4\s*\(|randomUUID\s*\(|Guid\.NewGuid\s*\(|nanoid\s*\(|Math\.random\s*\(|randomBytes\s*\("
)
# sub: <value>, sub = <value> (a variable named sub), "sub": <value>, { "sub", <value> } (C#), claims.sub = <value>.
_SUBJECT = re.compile(r"""(?m)(?:\bsub\b|["']sub["'])\s*(?::(?!:)|=(?![=>])|,)\s*((?:\$\{[^}\n]*\}|[^,;\n}\]])+)""")
_NAME = re.compile(r"[A-Za-z_$][\w$]*")
_COMMENT = re.compile(r"^\s*(?://|#|\*|/\*)")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each JWT subject made of a random value, in a project that signs in to Qlik with JWTs, and
    at each place browser code posts a JWT to the tenant's session endpoint."""
    yield from _browser_jwt_sessions(project, facts)
    yield from _jwt_bearers(project, facts)
    files = list({id(unit.file): unit.file for unit in project.units}.values()) + list(project.other_code)
    if not any(_QLIK_JWT in source.text for source in files):
        return
    for source in files:
        relative = project.relative(source.path)
        if is_test_code(relative) or is_other_language_test(relative) or "sub" not in source.text:
            continue
        yield from _random_subjects(source)


def _browser_jwt_sessions(project: Project, facts: Facts) -> Iterator[Finding]:
    seen: set[tuple[str, int]] = set()
    for unit, index, value in facts.strings:
        if _QLIK_JWT not in value or not unit.in_browser or is_test_code(project.relative(unit.file.path)):
            continue
        yield from _session_request(unit, index, value)
        place = string_place(unit, index)
        where = (str(unit.file.path), place.start)
        if where in seen:
            continue
        seen.add(where)
        yield at_place(
            JWT_SESSION_COOKIE,
            place,
            "the browser posts a JWT to the tenant's /login/jwt-session for its session cookie: a third-party "
            "cookie for this page's site, dropped by browsers that block them",
        )


_WEB_INTEGRATION = re.compile(r"(?i)qlik-web-integration-id")


def _session_request(unit: Unit, index: int, value: str) -> Iterator[Finding]:
    """An error at a browser ``fetch`` of the tenant's /login/jwt-session (a URL on another origin: a tenant
    base before the path) whose options, written as an object, lack ``credentials: 'include'`` or the web
    integration id (as a header, or as a parameter of the URL)."""
    script = unit.script
    call = script.enclosing_call(index)
    if call is None or script.text(call[0]) != "fetch" or script.is_punct(call[0] - 1, "."):
        return
    args = script.call_arguments(call[1])
    if len(args) < 2 or not args[0][0] <= index < args[0][1]:
        return
    url = script.span_text(*args[0])
    if value.lstrip().startswith("/login") and args[0][0] == index:
        return  # the page's own origin: a proxy of the project's server forwards it
    options = script.object_at(args[1][0])
    if options is None or any(p.value_start == p.value_end for p in options.properties):
        return  # options built elsewhere, or shorthand values: not read here
    if "..." in script.span_text(options.open, options.close):
        return  # a spread may bring credentials or headers
    credentials = options.get("credentials")
    given = script.literal(credentials.value_start, credentials.value_end) if credentials is not None else None
    headers = options.get("headers")
    header_text = script.span_text(headers.value_start, headers.value_end) if headers is not None else ""
    # No credentials at all is jwt-session-request's (jwtsigning): here, only a value that is not 'include'.
    if credentials is not None and isinstance(given, str) and given != "include":
        at = credentials.key_index
        yield at_place(
            JWT_SESSION_CROSS_ORIGIN,
            Place(unit.file, *unit.file_span(at, at + 1)),
            f"this cross-origin POST to /login/jwt-session sends credentials: {given!r}, not 'include': the "
            "browser drops the session cookie Qlik answers with",
        )
    if not _WEB_INTEGRATION.search(url) and not _WEB_INTEGRATION.search(header_text):
        if headers is not None and not script.is_punct(headers.value_start, "{"):
            return  # headers built elsewhere
        at = headers.key_index if headers is not None else options.open
        yield at_place(
            JWT_SESSION_CROSS_ORIGIN,
            Place(unit.file, *unit.file_span(at, at + 1)),
            "this cross-origin POST to /login/jwt-session sends no qlik-web-integration-id (header or parameter): "
            "the tenant does not accept the page's origin",
        )


# The callees of a request whose URL argument is the tenant's REST API: the place to point at.
_REQUESTS = frozenset({"fetch", "post", "ajax", "request", "axios", "open"})


# 'Bearer ' + name, `Bearer ${name}`: the expression the Authorization header is made of.
_BEARER_OF = re.compile(r"""Bearer\s*['"`]?\s*\+\s*([A-Za-z_$][\w$.]*)|Bearer\s+\$\{\s*([A-Za-z_$][\w$.]*)\s*\}""")
# A value signed as a JWT: jsonwebtoken's sign, jose's SignJWT, a variable named after JWTs.
_SIGNED = re.compile(r"(?i)\bjwt\.sign\s*\(|\bjsonwebtoken\b|\bSignJWT\b|\bsign\s*\([^)]*RS256")


def _jwt_bearers(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each REST request to the tenant (``/api/v1/``) whose Bearer token is a JWT the project
    signs: a name that says so (``JWTTOKEN``, ``jwtToken``), or a value made by ``jwt.sign`` (directly or by a
    function of the same file)."""
    seen: set[tuple[int, int]] = set()
    for unit, index, value in facts.strings:
        if "/api/v1/" not in value:
            continue
        script = unit.script
        call = script.enclosing_call(index)
        if call is None or script.text(call[0]) not in _REQUESTS:
            continue
        close = script.partner(call[1])
        if close == -1:
            continue
        text = script.span_text(call[1], close + 1)
        for m in _BEARER_OF.finditer(text):
            name = (m.group(1) or m.group(2) or "").split(".")[-1]
            if not name or not _is_signed_jwt(script, name, call[0]):
                continue
            place = Place(unit.file, *unit.file_span(call[0], call[0] + 1))
            key = (id(place.file), place.position()[0])
            if key not in seen:
                seen.add(key)
                yield at_place(
                    JWT_AS_BEARER,
                    place,
                    f"this request to {value.strip()[:60]} sends the JWT {name} as its Bearer token",
                )
            break


def _is_signed_jwt(script: Script, name: str, before: int) -> bool:
    """True when ``name`` holds a JWT: it says so, or its nearest declaration before token ``before`` signs one
    (``jwt.sign(...)``, a call of a function of the file whose body does)."""
    if "jwt" in name.lower():
        return True
    declared = _declared_before(script, name, before)
    if declared is None:
        return False
    text = script.span_text(*declared)
    if _SIGNED.search(text):
        return True
    called = re.match(r"\s*(?:await\s+)?([A-Za-z_$][\w$]*)\s*\(", text)
    body = script.declarations.get(called.group(1)) if called else None
    return body is not None and bool(_SIGNED.search(script.span_text(*body)))


def _declared_before(script: Script, name: str, before: int) -> tuple[int, int] | None:
    """The value's token range of the last ``const/let/var name = ...`` before token ``before`` (the one a use
    there reads, in straight-line code), or None."""
    for i in range(before - 1, 0, -1):
        if script.is_ident(i, name) and script.is_punct(i + 1, "=") and script.is_ident(i - 1, "const", "let", "var"):
            return i + 2, script.value_end(i + 2, script.parent(i))
    return None


def _random_subjects(source: SourceFile) -> Iterator[Finding]:
    text = source.text
    for m in _SUBJECT.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _COMMENT.match(text[line_start : m.start()] + " "):
            continue  # commented-out code
        value = m.group(1)
        if not _RANDOM_CALL.search(value) and not any(_random_variable(text, name) for name in _NAME.findall(value)):
            continue
        place = Place(source, m.start(1), m.end(1))
        yield at_place(
            JWT_RANDOM_SUBJECT,
            place,
            f"the JWT's subject is {value.strip()[:60]!r}, new on every sign-in: every visit becomes another "
            "user on the tenant",
        )


def _random_variable(text: str, name: str) -> bool:
    """True when ``name`` is declared in ``text`` from a random generator (``const uuid = uuidv4()``)."""
    if len(name) < 2 or name in ("sub", "new", "String", "ToString"):
        return False
    declared = re.search(rf"(?:\b(?:const|let|var)\s+|\b(?:string|var)\s+){re.escape(name)}\s*=\s*([^;\n]+)", text)
    return bool(declared and _RANDOM_CALL.search(declared.group(1)))
