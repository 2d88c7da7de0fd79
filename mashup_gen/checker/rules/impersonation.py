"""OAuth user impersonation hands a browser an access token for one user of the tenant; the backend route that
asks for it must know who is asking (Qlik's guiding principles for impersonation: the backend authenticates
the user with the application's own sign-in, then impersonates that user). A route that impersonates a fixed
user, or whichever user the request names, gives any caller that user's Qlik access. A machine-to-machine
token (the client-credentials grant) is the OAuth client's own bot user: a route that hands it to the browser
gives every visitor the bot's access, whoever they are."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.serverauth import Brackets, qlik_jwt_signings, top_level_pieces
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place
from mashup_gen.source.facts import CallFact
from mashup_gen.source.roles import is_other_language_test, is_test_code

ANY_CALLER = Rule(
    "impersonation-any-caller",
    Severity.WARNING,
    "A server route (or a function the browser calls directly: a server action, a Meteor method) hands out an "
    "OAuth impersonation token, or a JWT for Qlik's JWT sign-in, without finding out who asks: it signs in a "
    "fixed user, or the user the request names, for any caller.",
    "Take the user's subject from your application's own sign-in (its session or a verified token) inside the "
    "route, and refuse the request when nobody is signed in; never from a constant or the request's query or body.",
)
M2M_SERVED = Rule(
    "m2m-token-served",
    Severity.WARNING,
    "A server route sends the browser an access token it gets with the client-credentials grant (machine to "
    "machine): that token acts as the OAuth client's bot user with all its scopes, for every visitor who calls "
    "the route, and is not the visitor's own access.",
    "Keep machine-to-machine tokens on the server (call Qlik's APIs there and send the page only the data), or "
    "impersonate the signed-in user (grant urn:qlik:oauth:user-impersonation) to give the page a token of its own.",
)
RULES = (ANY_CALLER, M2M_SERVED)

# How server code asks Qlik Cloud for an impersonation token: the grant itself (POST <tenant>/oauth/token), or
# @qlik/api's auth.getAccessToken with a host config that names a user (userId).
_GRANT = "urn:qlik:oauth:user-impersonation"
_M2M_GRANT = "client_credentials"
# A reply to the browser: res.json(...), res.send(...), reply.send(...), NextResponse.json(...), Response.json(...).
_REPLY = re.compile(r"^(?:res|resp|response|reply|NextResponse|Response)(?:\.status\(.*\))?\.(?:json|send|end)$", re.S)
# A value read from the token endpoint's answer: `await r.json()`, `response.data` (axios).
_TOKEN_ANSWER = r"=\s*(?:await\s+)?[\w$.]+\s*\.\s*(?:json\s*\(\s*\)|data\b)"
_API_TOKEN = re.compile(r"\bgetAccessToken\s*\(")
# An Express / Fastify / Koa router registering a route: app.get('/token', handler), router.post(...).
_ROUTE_CALL = re.compile(r"^(?:[A-Za-z_$][\w$]*\.)*(?:get|post|put|all|route)$")
# What a route reads to know who is asking: the application's session or a verified token.
_WHO_ASKS = re.compile(
    r"\b(?:req|request|ctx|event)\.(?:user|session|auth|isAuthenticated|oidc|kauth|locals\.user|cookies)\b"
    r"|\b(?:getServerSession|getSession|getAuth|currentUser|getCurrentUser|getUser|auth)\s*\("
    r"|\bjwt\.verify\b|\bverify(?:Token|Jwt|IdToken|Session)?\s*\(|\bjwtVerify\b|\bpassport\b"
    r"|\bcookies\s*\(\s*\)|\bheaders\.(?:get\(\s*[\"']authorization|authorization)\b|\[\s*[\"']authorization[\"']\s*\]"
    r"|\b(?:requireAuth|ensureAuth\w*|isLoggedIn|withAuth|authenticate\w*|checkAuth\w*|protect\w*)\b"
    # a sign-in route itself: it checks the password it is given before it signs the user in
    r"|\bpassword\b",
    re.I,
)
# The request naming the user: req.query.user, req.body.userId, searchParams.get("user").
_FROM_REQUEST = re.compile(r"\b(?:req|request)\.(?:query|body|params)\b|\bsearchParams\.get\s*\(")
# A Next.js route handler or API route: the file is the route.
_NEXT_ROUTE = re.compile(r"(?:^|/)(?:app/(?:.*/)?route\.[jt]sx?|pages/api/.*\.[jt]sx?)$")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each route that asks for an impersonation token with no reading of who the caller is, and at
    each route that sends the browser a machine-to-machine token."""
    yield from _impersonation(project)
    yield from _python_routes(project)
    yield from _m2m_served(project)


def _m2m_served(project: Project) -> Iterator[Finding]:
    for unit in project.units:
        code = unit.script.code
        api_m2m = _api_m2m(code)
        if unit.in_browser or not (_M2M_GRANT in code or api_m2m) or _GRANT in code or unit.syntax is None:
            continue
        relative = project.relative(unit.file.path)
        if is_test_code(relative):
            continue
        found = [m.start() + unit.script.offset for m in re.finditer(_M2M_GRANT, code)]
        if api_m2m:
            found += [c.start for c in unit.syntax.calls if c.callee.rsplit(".", 1)[-1] == "getAccessToken"]
        spans = _asking(unit, found, unit.syntax.calls)
        text = unit.file.text
        routes = [(route.start, route.end) for route in _routes_asking(unit.syntax.calls, spans)]
        if _NEXT_ROUTE.search(relative):
            routes.append((unit.script.offset, unit.script.offset + len(code)))
        for start, end in routes:
            body = text[start:end]
            for reply in unit.syntax.calls:
                if start <= reply.start < end and _REPLY.match(reply.callee) and _sends_token(reply, body):
                    yield at_place(
                        M2M_SERVED,
                        Place(unit.file, reply.start, reply.end),
                        "this route gets a machine-to-machine token (grant client_credentials) and sends it to the "
                        "browser: every visitor acts as the OAuth client's bot user",
                    )
                    break


# The token itself as the reply (`token`, `data.access_token`) or under a key of the reply's object
# (`{ accessToken: t }`, `{ access_token }`): not a word inside an error's text nor a test of it (`ok: !!token`).
_TOKEN_SENT = re.compile(
    r"^(?:await\s+)?[\w$.]*token[\w$]*(?:\(\s*\))?$|[{,]\s*[\"']?[\w$]*token[\w$]*[\"']?\s*[:,}]", re.I
)


def _sends_token(reply: CallFact, body: str) -> bool:
    """True when the reply's argument is the token or the token endpoint's whole answer."""
    if not reply.arguments:
        return False
    argument = reply.arguments[0].strip()
    if _TOKEN_SENT.search(argument):
        return True
    # The token endpoint's whole answer, sent as it is or through a name, only when the route itself asks for the
    # token and reads no other answer (a route that then fetches data with the token and sends that data is fine).
    if not _only_the_token_answer(body):
        return False
    if re.fullmatch(r"await\s+[\w$.]+\s*\.\s*json\s*\(\s*\)|[\w$.]+\.data", argument):
        return True
    name = re.fullmatch(r"[A-Za-z_$][\w$]*", argument)
    return bool(name and re.search(r"\b" + re.escape(argument) + r"\s*" + _TOKEN_ANSWER, body))


_ANSWER_READ = re.compile(r"\.json\s*\(\s*\)|\.data\b")


def _api_m2m(code: str) -> bool:
    """True when @qlik/api on this server signs in with a client secret and never names a user (subject, userId):
    its getAccessToken asks for the client's own machine-to-machine token."""
    return (
        "clientSecret" in code
        and "@qlik/api" in code
        and bool(_API_TOKEN.search(code))
        and not re.search(r"\b(?:subject|userId)\b", code)
    )


def _only_the_token_answer(body: str) -> bool:
    """True when the route asks for the client-credentials token itself and reads one answer: the token's."""
    return _M2M_GRANT in body and len(_ANSWER_READ.findall(body)) == 1


def _impersonation(project: Project) -> Iterator[Finding]:
    signing_modules = _signing_modules(project)
    for unit in project.units:
        code = unit.script.code
        imported = _imported_signers(project, unit, signing_modules)
        if unit.in_browser or not (_GRANT in code or _API_TOKEN.search(code) or imported or qlik_jwt_signings(code)):
            continue
        relative = project.relative(unit.file.path)
        if is_test_code(relative):
            continue
        syntax = unit.syntax
        if syntax is None:
            continue
        text = unit.file.text
        if _app_wide_sign_in(text):
            continue  # app.use(passport.session()), app.use(requireAuth): every route knows its caller
        spans = _token_requests(unit, syntax.calls, imported)
        if not spans:
            continue
        yield from _callables(unit, spans)
        if _NEXT_ROUTE.search(relative):
            start = unit.script.offset
            if not _WHO_ASKS.search(code):
                yield _finding(unit, start, start + len(code), code)
            continue
        for route in _routes_asking(syntax.calls, spans):
            if len(route.arguments) != 2:
                continue  # a middleware between the path and the handler may be the sign-in check
            body = text[route.start : route.end]
            if not _WHO_ASKS.search(body):
                yield _finding(unit, route.start, route.end, body)


def _routes_asking(calls: list[CallFact], spans: list[int]) -> list[CallFact]:
    """The routes registered with a path (``app.get('/token', ...)``) whose call holds one of ``spans`` (a token
    request, or a call of a function of the file that makes one)."""
    return [
        route
        for route in calls
        if _ROUTE_CALL.match(route.callee)
        and route.arguments
        and route.arguments[0][:1] in "'\"`"
        and any(route.start <= at < route.end for at in spans)
    ]


def _finding(unit: Unit, start: int, end: int, body: str) -> Finding:
    if _FROM_REQUEST.search(body):
        how = "impersonates the user the request names: anyone can ask for anyone's token"
    else:
        how = "never reads who is asking (no session, no verified token): any caller gets the user's token"
    what = (
        "signs a JWT for Qlik's sign-in"
        if _GRANT not in body and "getAccessToken" not in body
        else ("asks Qlik for an impersonation token")
    )
    message = f"this route {what} and {how}"
    return at_place(ANY_CALLER, Place(unit.file, start, end), message)


def _token_requests(unit: Unit, calls: list[CallFact], imported: frozenset[str] = frozenset()) -> list[int]:
    """File offsets where the impersonation token (or a Qlik JWT) is asked for, and the calls of functions of
    this file that ask for it (a route's handler that calls ``getQlikToken()`` asks too), or of a local module
    that signs Qlik JWTs (``token.generate(...)``)."""
    script = unit.script
    found = [m.start() + script.offset for m in re.finditer(re.escape(_GRANT), script.code)]
    found += [call.start for call in calls if call.callee.rsplit(".", 1)[-1] == "getAccessToken"]
    found += [at + script.offset for at in qlik_jwt_signings(script.code)]
    found += [call.start for call in calls if call.callee.split(".", 1)[0] in imported]
    return _asking(unit, found, calls)


# A local module a file loads: require('./token'), import token from './token', import { sign } from '../jwt'.
_LOCAL_IMPORT = re.compile(
    r"""(?:\b(?:const|let|var)\s+(?:\{([^}]*)\}|([A-Za-z_$][\w$]*))\s*=\s*require\s*\(\s*|\bimport\s+"""
    r"""(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\}\s*)?(?:\*\s+as\s+([A-Za-z_$][\w$]*)\s*)?from\s*)"""
    r"""(['"])(\.{1,2}/[^'"]+)\6"""
)


def _signing_modules(project: Project) -> set[Path]:
    """The server files of the project that sign JWTs for Qlik's JWT sign-in."""
    return {
        unit.file.path.resolve()
        for unit in project.units
        if not unit.in_browser and unit.script.offset == 0 and qlik_jwt_signings(unit.script.code)
    }


def _imported_signers(project: Project, unit: Unit, modules: set[Path]) -> frozenset[str]:
    """The names under which ``unit`` loads a local module that signs Qlik JWTs."""
    if not modules or unit.in_browser:
        return frozenset()
    names: set[str] = set()
    for m in _LOCAL_IMPORT.finditer(unit.script.code):
        base = (unit.file.path.parent / m.group(7)).resolve()
        candidates = [base, *(base.with_name(base.name + ext) for ext in (".js", ".ts", ".mjs", ".cjs"))]
        candidates += [base / "index.js", base / "index.ts"]
        if not any(c in modules for c in candidates):
            continue
        for group in (m.group(1), m.group(4)):
            names.update(n.split(" as ")[-1].strip() for n in (group or "").split(",") if n.strip())
        names.update(g for g in (m.group(2), m.group(3), m.group(5)) if g)
    return frozenset(names)


# What a Meteor method reads to know its caller: the signed-in user's id.
_METEOR_WHO = re.compile(r"\bthis\.userId\b|\bMeteor\.user(?:Id)?\s*\(")
_USE_SERVER = re.compile(r"""^\s*(?:(?://[^\n]*|/\*.*?\*/)\s*)*['"]use server['"]""", re.S)
_EXPORTED_FUNCTION = re.compile(r"\bexport\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)?\s*\(")


def _hands_out(text: str, start: int, end: int, spans: list[int]) -> bool:
    """True when the function in ``text[start:end]`` asks for a token and returns it to its caller: a returned
    expression that names a token or a JWT, holds the request, or is a name the request was assigned to (a
    function that uses the token to fetch data and returns the data hands out no token)."""
    inside = [at for at in spans if start <= at < end]
    if not inside:
        return False
    body = text[start:end]
    for m in re.finditer(r"\breturn\s+([^;\n]+)", body):
        returned = m.group(1)
        if re.search(r"(?i)token|jwt", returned):
            return True
        if any(start + m.start(1) <= at < start + m.end(1) for at in inside):
            return True
        name = re.fullmatch(r"\s*(?:await\s+)?([A-Za-z_$][\w$]*)\s*", returned)
        if name:
            declared = re.search(rf"\b(?:const|let|var)\s+{re.escape(name.group(1))}\s*=\s*([^;\n]+)", body)
            if declared and any(start + declared.start(1) <= at < start + declared.end(1) for at in inside):
                return True
    return False


def _callables(unit: Unit, spans: list[int]) -> Iterator[Finding]:
    """Functions the browser calls by name, which are routes without a path: each Meteor method and each exported
    function of a Next.js "use server" module, that asks for a token with no reading of who calls."""
    text = unit.file.text
    code = unit.script.code
    brackets = None
    for call in unit.syntax.calls if unit.syntax else []:
        if call.callee != "Meteor.methods" or not any(call.start <= at < call.end for at in spans):
            continue
        brackets = brackets or Brackets(text, hash_comments=False)
        open_at = text.find("{", call.start, call.end)
        if open_at == -1:
            continue
        for start, end in top_level_pieces(text, brackets, open_at):
            body = text[start:end]
            # Meteor signs its callers in itself: a method knows who calls by this.userId (a parameter named
            # passport or session is whatever the browser sent)
            if _hands_out(text, start, end, spans) and not _METEOR_WHO.search(body):
                begin = start + re.match(r"(?:\s|//[^\n]*|/\*.*?\*/)*", body, re.S).end()  # the method, not its comment
                yield _finding(unit, begin, end, body)
    if unit.script.offset == 0 and _USE_SERVER.match(code):
        brackets = brackets or Brackets(text, hash_comments=False)
        for m in _EXPORTED_FUNCTION.finditer(text):
            body_open = text.find("{", brackets.pairs.get(m.end() - 1, m.end()))
            body_end = brackets.pairs.get(body_open)
            if body_open == -1 or body_end is None:
                continue
            body = text[m.start() : body_end]
            if _hands_out(text, m.start(), body_end, spans) and not _WHO_ASKS.search(body):
                yield _finding(unit, m.start(), body_end, body)


def _asking(unit: Unit, found: list[int], calls: list[CallFact]) -> list[int]:
    """``found`` (file offsets where a token is asked for) and the calls of this file's functions that hold one:
    a route's handler that calls ``getQlikToken()`` asks too."""
    if not found:
        return []
    script = unit.script
    asking = set()
    for name, (first, last) in script.declarations.items():  # a function's body, a declared value
        start, end = unit.file_span(first, last)
        if any(start <= at < end for at in found):
            asking.add(name)
    return found + [call.start for call in calls if call.callee in asking]


# app.use(passport.authenticate(...)), app.use(requireAuth): a sign-in before every route. A session store alone
# (app.use(session(...)), express-session) signs nobody in: every visitor gets a session; the route must read it.
_APP_WIDE = re.compile(
    r"\.use\s*\(\s*(?:[\w$.]*\.)?(?:authenticate\w*|requireAuth|ensureAuth\w*|auth\w*|checkJwt|jwt)\b", re.I
)


def _app_wide_sign_in(text: str) -> bool:
    return bool(_APP_WIDE.search(text))


# A route of a Python web app: FastAPI's @app.post(...), Flask's @app.route(...), a router's or blueprint's.
_PY_ROUTE = re.compile(r"(?m)^([ \t]*)@\w+(?:\.\w+)*\.(?:get|post|put|patch|delete|route|api_route)\s*\(")
_PY_DEF = re.compile(r"(?m)^[ \t]*(?:async\s+)?def\s+(\w+)\s*\(")
# What a Python route reads to know who asks: its framework's session or signed-in user, a dependency that
# authenticates (Depends(get_current_user)), a decorator that requires a sign-in, a verified token.
_PY_WHO_ASKS = re.compile(
    r"\bsession\s*(?:\[|\.get\s*\()|\brequest\.(?:session|user|auth)\b|\bcurrent_user\b|\bg\.user\b"
    r"|\bDepends\s*\(\s*\w*(?:user|auth|session|token|verify|login)\w*|\bSecurity\s*\("
    r"|@\w*(?:login_required|requires_auth|jwt_required|auth\w*|permission\w*)\b"
    r"|\bjwt\.decode\s*\(|\bverify\w*\s*\(|\b(?:Authorization|authorization)\b|\bpassword\b",
    re.I,
)
_PY_FROM_REQUEST = re.compile(r"\brequest\.(?:args|form|json|get_json|query_params|body)\b|\b\w+\s*:\s*str\b")


def _python_routes(project: Project) -> Iterator[Finding]:
    """A warning at each Python route that asks for an impersonation token (or signs a Qlik JWT), itself or
    through a function of its file, with no reading of who asks."""
    for source in project.other_code:
        text = source.text
        if source.path.suffix.lower() != ".py" or "@" not in text:
            continue
        if _GRANT not in text and not qlik_jwt_signings(text):
            continue
        if is_other_language_test(project.relative(source.path)):
            continue
        functions = _python_functions(text)
        asking = {name for name, (start, end) in functions.items() if _asks(text[start:end])}
        for route in _PY_ROUTE.finditer(text):
            header = _PY_DEF.search(text, route.end())
            if header is None:
                continue
            span = functions.get(header.group(1))
            if span is None:
                continue
            body = text[route.start() : span[1]]
            calls_asking = any(re.search(rf"\b{re.escape(name)}\s*\(", text[header.end() : span[1]]) for name in asking)
            if not (_asks(body) or calls_asking) or _PY_WHO_ASKS.search(body):
                continue
            how = (
                "impersonates the user the request names: anyone can ask for anyone's token"
                if _PY_FROM_REQUEST.search(body)
                else "never reads who is asking (no session, no verified token): any caller gets the user's token"
            )
            what = "asks Qlik for an impersonation token" if _GRANT in body else "signs a JWT for Qlik's sign-in"
            start = header.start() + len(header.group(0)) - len(header.group(0).lstrip())
            yield at_place(ANY_CALLER, Place(source, start, span[1]), f"this route {what} and {how}")


def _asks(body: str) -> bool:
    return _GRANT in body or bool(re.search(r"\bjwt\s*\.\s*encode\s*\(", body))


def _python_functions(text: str) -> dict[str, tuple[int, int]]:
    """Each function of a Python file: name -> (start of its def, end of its body, by indentation)."""
    found: dict[str, tuple[int, int]] = {}
    for header in _PY_DEF.finditer(text):
        indent = len(header.group(0)) - len(header.group(0).lstrip())
        line_end = text.find("\n", header.end())
        end = len(text)
        if line_end != -1:
            for line in re.finditer(r"(?m)^([ \t]*)(\S)", text[line_end + 1 :]):
                if len(line.group(1).expandtabs()) <= indent and line.group(2) not in ")]}":
                    end = line_end + 1 + line.start()
                    break
        found.setdefault(header.group(1), (header.start(), end))
    return found
