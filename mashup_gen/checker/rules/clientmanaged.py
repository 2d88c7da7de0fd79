"""APIs only client-managed Qlik Sense has: the Repository Service (``/qrs/...`` with an ``xrfkey``), the Proxy
Service's ticket API (``/qps/...``, ports 4242/4243, ``qlik-auth``'s ``requestTicket``). Qlik Cloud has none
of them: such code signs nobody in and reads nothing there."""

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

CLIENT_MANAGED_API = Rule(
    "client-managed-api",
    Severity.ERROR,
    "The code calls an API only client-managed Qlik Sense has (the QRS under /qrs with an xrfkey, the proxy's "
    "ticket API under /qps or on ports 4242/4243, qlik-auth's requestTicket): Qlik Cloud has none of them.",
    "On Qlik Cloud use the REST API under /api/v1 (GET /api/v1/users/me for the session), and sign users in "
    "with OAuth2 (impersonation from your backend instead of proxy tickets) or the web integration's cookie.",
)
RULES = (CLIENT_MANAGED_API,)

_ENDPOINT = re.compile(r"(?i)(?:^|/)(?:qrs|qps)/|:424[23](?:/|$)|[?&]xrfkey=")
# The proxy's session cookie (X-Qlik-Session, X-Qlik-Session-<virtual proxy>): only client-managed Qlik Sense
# sets it; a server that copies it onto the browser signs the user in through a client-managed proxy.
_SESSION_COOKIE = re.compile(r"(?i)^x-qlik-session(?:-[\w-]+)?$")
# String literals in another language's server code (Python, C#, Java, Ruby, Go): one line, either quote.
_OTHER_STRING = re.compile(r"""(["'])((?:\\.|(?!\1)[^\\\n])*)\1""")
_PER_OTHER_FILE = 2
_LINE_COMMENT = re.compile(r"^\s*(?:#|//)")
_TICKET_CALL = re.compile(r"\b(?:requestTicket|getTicket)\s*\(")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per client-managed endpoint written in the code, and per ticket request."""
    seen: set[tuple[int, int]] = set()
    cookies: set[int] = set()  # the proxy's session cookie is reported once a project: it is one sign-in flow
    for unit, index, value in facts.strings:
        if not _ENDPOINT.search(value) and not _first_cookie(value, id(unit.file), cookies):
            continue
        place = string_place(unit, index)
        line, _ = place.position()
        if (id(place.file), line) in seen:
            continue
        seen.add((id(place.file), line))
        yield at_place(CLIENT_MANAGED_API, place, _what(value))
    for source in project.other_code:
        relative = source.path.relative_to(project.root).as_posix()
        if not is_test_code(relative) and not is_other_language_test(relative):  # a test runner's: signs nobody in
            yield from _other_code(source, seen, cookies)
    for unit in project.units:
        code = unit.script.code
        if "Ticket" not in code:
            continue
        for m in _TICKET_CALL.finditer(code):
            start = unit.script.offset + m.start()
            if (id(unit.file), unit.file.position(start)[0]) in seen:
                continue
            seen.add((id(unit.file), unit.file.position(start)[0]))
            name = m.group(0).rstrip("( ")
            yield at_place(
                CLIENT_MANAGED_API,
                Place(unit.file, start, start + len(name)),
                f"{name}() asks a Qlik Sense proxy for a ticket",
            )


def _first_cookie(value: str, file: int, cookies: set[int]) -> bool:
    """True for the project's first mention of the proxy's session cookie (recorded in ``cookies``)."""
    if cookies or not _SESSION_COOKIE.match(value.strip()):
        return False
    cookies.add(file)
    return True


def _other_code(source: SourceFile, seen: set[tuple[int, int]], cookies: set[int]) -> Iterator[Finding]:
    """Client-managed endpoints and the proxy's session cookie in string literals of server code that is not
    JavaScript (a Flask app requesting a QPS ticket and copying X-Qlik-Session-<proxy> onto the browser). Read
    as text, the file gets its first two findings (the ticket and the session, say), the rest are counted."""
    text = source.text
    if not re.search(r"(?i)qrs|qps|424[23]|xrfkey|x-qlik-session", text):
        return
    found: list[Finding] = []
    pos = 0
    for line_text in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line_text)
        if _LINE_COMMENT.match(line_text):
            continue  # commented-out code runs nowhere
        for m in _OTHER_STRING.finditer(line_text):
            value = m.group(2)
            if not _ENDPOINT.search(value) and not _first_cookie(value, id(source), cookies):
                continue
            place = Place(source, start + m.start(2), start + m.end(2))
            line, _ = place.position()
            if (id(source), line) in seen:
                continue
            seen.add((id(source), line))
            found.append(at_place(CLIENT_MANAGED_API, place, _what(value)))
    if len(found) > _PER_OTHER_FILE:
        last = found[_PER_OTHER_FILE - 1]
        more = len(found) - _PER_OTHER_FILE
        found[_PER_OTHER_FILE - 1] = CLIENT_MANAGED_API.at(
            last.path, last.line, f"{last.message} (and {more} more in this file)", last.column, last.fix
        )
    yield from found[:_PER_OTHER_FILE]


def _what(value: str) -> str:
    if _SESSION_COOKIE.match(value.strip()):
        return f"{value.strip()!r} is the session cookie of a client-managed Qlik Sense proxy"
    return f"{value.strip()[:80]!r} is a client-managed Qlik Sense API"
