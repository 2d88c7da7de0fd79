"""OAuth user impersonation hands a browser an access token for one user of the tenant; the backend route that
asks for it must know who is asking (Qlik's guiding principles for impersonation: the backend authenticates
the user with the application's own sign-in, then impersonates that user). A route that impersonates a fixed
user, or whichever user the request names, gives any caller that user's Qlik access."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place
from mashup_gen.source.facts import CallFact
from mashup_gen.source.roles import is_test_code

ANY_CALLER = Rule(
    "impersonation-any-caller",
    Severity.WARNING,
    "A server route hands out an OAuth impersonation token without finding out who asks: it impersonates a "
    "fixed user, or the user the request names, for any caller.",
    "Take the user's subject from your application's own sign-in (its session or a verified token) inside the "
    "route, and refuse the request when nobody is signed in; never from a constant or the request's query or body.",
)
RULES = (ANY_CALLER,)

# How server code asks Qlik Cloud for an impersonation token: the grant itself (POST <tenant>/oauth/token), or
# @qlik/api's auth.getAccessToken with a host config that names a user (userId).
_GRANT = "urn:qlik:oauth:user-impersonation"
_API_TOKEN = re.compile(r"\bgetAccessToken\s*\(")
# An Express / Fastify / Koa router registering a route: app.get('/token', handler), router.post(...).
_ROUTE_CALL = re.compile(r"^(?:[A-Za-z_$][\w$]*\.)*(?:get|post|put|all|route)$")
# What a route reads to know who is asking: the application's session or a verified token.
_WHO_ASKS = re.compile(
    r"\b(?:req|request|ctx|event)\.(?:user|session|auth|isAuthenticated|oidc|kauth|locals\.user|cookies)\b"
    r"|\b(?:getServerSession|getSession|getAuth|currentUser|getCurrentUser|getUser|auth)\s*\("
    r"|\bjwt\.verify\b|\bverify(?:Token|Jwt|IdToken|Session)?\s*\(|\bjwtVerify\b|\bpassport\b"
    r"|\bcookies\s*\(\s*\)|\bheaders\.(?:get\(\s*[\"']authorization|authorization)\b|\[\s*[\"']authorization[\"']\s*\]"
    r"|\b(?:requireAuth|ensureAuth\w*|isLoggedIn|withAuth|authenticate\w*|checkAuth\w*|protect\w*)\b",
    re.I,
)
# The request naming the user: req.query.user, req.body.userId, searchParams.get("user").
_FROM_REQUEST = re.compile(r"\b(?:req|request)\.(?:query|body|params)\b|\bsearchParams\.get\s*\(")
# A Next.js route handler or API route: the file is the route.
_NEXT_ROUTE = re.compile(r"(?:^|/)(?:app/(?:.*/)?route\.[jt]sx?|pages/api/.*\.[jt]sx?)$")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """A warning at each route that asks for an impersonation token with no reading of who the caller is."""
    for unit in project.units:
        code = unit.script.code
        if unit.in_browser or not (_GRANT in code or _API_TOKEN.search(code)):
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
        spans = _token_requests(unit, syntax.calls)
        if not spans:
            continue
        if _NEXT_ROUTE.search(relative):
            start = unit.script.offset
            if not _WHO_ASKS.search(code):
                yield _finding(unit, start, start + len(code), code)
            continue
        for route in syntax.calls:
            if not _ROUTE_CALL.match(route.callee) or len(route.arguments) != 2:
                continue  # a middleware between the path and the handler may be the sign-in check
            if route.arguments[0][:1] not in "'\"`" or not any(route.start <= s < route.end for s in spans):
                continue
            body = text[route.start : route.end]
            if not _WHO_ASKS.search(body):
                yield _finding(unit, route.start, route.end, body)


def _finding(unit: Unit, start: int, end: int, body: str) -> Finding:
    if _FROM_REQUEST.search(body):
        how = "impersonates the user the request names: anyone can ask for anyone's token"
    else:
        how = "never reads who is asking (no session, no verified token): any caller gets the user's token"
    message = f"this route asks Qlik for an impersonation token and {how}"
    return at_place(ANY_CALLER, Place(unit.file, start, end), message)


def _token_requests(unit: Unit, calls: list[CallFact]) -> list[int]:
    """File offsets where the impersonation token is asked for, and the calls of functions of this file that
    ask for it (a route's handler that calls ``getQlikToken()`` asks too)."""
    script = unit.script
    found = [m.start() + script.offset for m in re.finditer(re.escape(_GRANT), script.code)]
    found += [call.start for call in calls if call.callee.rsplit(".", 1)[-1] == "getAccessToken"]
    if not found:
        return []
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
