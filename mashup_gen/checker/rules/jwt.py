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
from mashup_gen.checker.project import Project
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
RULES = (JWT_RANDOM_SUBJECT, JWT_SESSION_COOKIE)

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
