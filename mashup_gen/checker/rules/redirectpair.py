"""The two halves of an OAuth authorization-code sign-in written by hand: the authorize request
(``response_type: 'code'``, ``redirect_uri``) and the token request that trades the code
(``grant_type: 'authorization_code'``, ``redirect_uri``). OAuth requires the token request's redirect URI to be
exactly the one the code was issued for; Qlik Cloud answers any other with 400 (invalid_grant) and no token."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import STRING, TEMPLATE, Script
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place

REDIRECT_MISMATCH = Rule(
    "oauth-redirect-mismatch",
    Severity.ERROR,
    "The token request that trades an authorization code sends another redirect_uri than the authorize request "
    "the code came from (another path, or location.href, which on the callback page carries ?code=...&state=): "
    "Qlik Cloud answers 400 invalid_grant and the user never gets a token.",
    "Send the token request the very redirect_uri the authorize request used: build it once (origin and path, "
    "no query) and use that value in both.",
)
RULES = (REDIRECT_MISMATCH,)

_REDIRECT_KEYS = frozenset({"redirect_uri", "redirectUri"})
# The page's whole address: on the callback it holds the code and state Qlik appended.
_WHOLE_ADDRESS = re.compile(r"^(?:window\.|document\.|self\.)?(?:location(?:\.href)?|URL)(?:\.toString\(\))?$")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per token request whose redirect_uri cannot equal any authorize request's."""
    authorize: list[str] = []
    tokens: list[tuple[Place, str]] = []
    for unit in project.units:
        code = unit.script.code
        if "redirect_uri" not in code and "redirectUri" not in code:
            continue
        if "response_type" not in code and "authorization_code" not in code:
            continue
        for kind, place, value in _requests(unit):
            (authorize.append(value) if kind == "authorize" else tokens.append((place, value)))
    if not authorize or not tokens:
        return
    for place, value in tokens:
        problem = _mismatch(value, authorize)
        if problem is not None:
            yield at_place(REDIRECT_MISMATCH, place, problem)


def _requests(unit: Unit) -> Iterator[tuple[str, Place, str]]:
    """``(kind, place of the redirect URI's value, its text)`` for each object literal that is an authorize
    request (``response_type: 'code'``) or a token request (``grant_type: 'authorization_code'``)."""
    script = unit.script
    for brace in script.punct_indexes("{"):
        obj = script.object_at(brace)
        if obj is None:
            continue
        redirect = next((p for p in obj.properties if p.key in _REDIRECT_KEYS), None)
        if redirect is None or redirect.value_end <= redirect.value_start:
            continue
        kind = None
        for prop in obj.properties:
            value = script.literal(prop.value_start, prop.value_end)
            if prop.key in ("response_type", "responseType") and value == "code":
                kind = "authorize"
            elif prop.key in ("grant_type", "grantType") and value == "authorization_code":
                kind = "token"
        if kind is None:
            continue
        text = script.span_text(redirect.value_start, redirect.value_end).strip()
        place = Place(unit.file, *unit.file_span(redirect.value_start, redirect.value_end))
        yield kind, place, _normal(script, redirect.value_start, redirect.value_end, text)


def _normal(script: Script, start: int, end: int, text: str) -> str:
    """The value's text without spaces, ``window.`` dropped, a lone string literal as its value."""
    if end - start == 1 and script.tokens[start].kind in (STRING, TEMPLATE):
        value = script.string_value(start) or ""
        return "`" + value.replace("window.", "") + "`"
    return re.sub(r"\s+", "", text).replace("window.", "")


def _tail(value: str) -> str | None:
    """The literal path a redirect URI ends in (`${origin}/callback.html` -> /callback.html,
    origin + '/callback' -> /callback), or None when it ends in something computed."""
    if value.startswith("`") and value.endswith("`"):
        inner = value[1:-1]
        rest = inner.rsplit("}", 1)[-1] if "${" in inner else re.sub(r"^[a-z]+://[^/]*", "", inner)
        return rest or None
    m = re.search(r"\+(['\"])([^'\"]*)\1$", value)
    return m.group(2) if m else None


def _head(value: str) -> str:
    """What comes before the literal path (the origin expression)."""
    if value.startswith("`"):
        inner = value[1:-1]
        if "${" in inner:
            return inner.rsplit("}", 1)[0]
        m = re.match(r"^(?:[a-z]+://[^/]*)?", inner)
        return m.group(0) if m else ""
    return re.sub(r"\+(['\"])([^'\"]*)\1$", "", value)


def _mismatch(token: str, authorize: list[str]) -> str | None:
    """Why the token request's redirect URI cannot be the one an authorize request used, else None."""
    if token in authorize:
        return None
    if _WHOLE_ADDRESS.match(token):
        if any(_WHOLE_ADDRESS.match(a) for a in authorize):
            return None
        return (
            f"the token request's redirect_uri is {token}, the callback page's whole address with its "
            "?code=...&state=; the authorize request sent another"
        )
    tail = _tail(token)
    if tail is None:
        return None
    for other in authorize:
        other_tail = _tail(other)
        if other_tail is None or _head(other) != _head(token) or other_tail == tail:
            return None
    return f"the token request's redirect_uri ends in {tail!r}, the authorize request's in {_tail(authorize[0])!r}"
