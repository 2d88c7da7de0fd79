"""APIs only client-managed Qlik Sense has: the Repository Service (``/qrs/...`` with an ``xrfkey``), the Proxy
Service's ticket API (``/qps/...``, ports 4242/4243, ``qlik-auth``'s ``requestTicket``). Qlik Cloud has none
of them: such code signs nobody in and reads nothing there."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import Script
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

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
_TICKET_CALL = re.compile(r"\b(?:requestTicket|getTicket)\s*\(")
# A source file's name (lib/apis/qrs/qrs.sdk.app.js in a build's file list, ./qps/ticket.ts in an import): a
# folder of the project named after the API, not a request to it. Qlik's endpoints end in no such suffix.
_SOURCE_FILE = re.compile(r"\.(?:[cm]?[jt]sx?|json|css|s[ac]ss|less|html?|md|map)$", re.I)
_CLOUD_API = re.compile(r"(?:^|/)api/v1/")
# A string a URL is tested against, not a URL requested: url.pathname.endsWith('/qps/csrftoken'), path === '/qrs'.
_TEST_METHODS = frozenset({"endsWith", "startsWith", "includes", "indexOf", "lastIndexOf", "match", "search"})
_COMPARISONS = frozenset({"===", "!==", "==", "!="})


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per client-managed endpoint written in the code, and per ticket request."""
    seen: set[tuple[int, int]] = set()
    for unit, index, value in facts.strings:
        m = _ENDPOINT.search(value)
        if m is None or _SOURCE_FILE.search(value.split("?", 1)[0].split("#", 1)[0].strip()):
            continue
        if _tested_against(unit.script, index) or _beside_cloud_branch(unit.script, index):
            continue
        place = string_place(unit, index)
        line, _ = place.position()
        if (id(place.file), line) in seen:
            continue
        seen.add((id(place.file), line))
        yield at_place(CLIENT_MANAGED_API, place, f"{value.strip()[:80]!r} is a client-managed Qlik Sense API")
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


def _tested_against(script: Script, index: int) -> bool:
    """True when the string at ``index`` is what a URL is compared with (``url.endsWith('/qps/csrftoken')``,
    ``path === '/qrs/about'``): code recognising a client-managed server's answer, which sends nothing."""
    if index > 0 and script.text(index - 1) in _COMPARISONS:
        return True
    if index + 1 < len(script.tokens) and script.text(index + 1) in _COMPARISONS:
        return True
    return (
        script.is_punct(index - 1, "(")
        and script.is_ident(index - 2, *_TEST_METHODS)
        and script.is_punct(index - 3, ".")
    )


def _beside_cloud_branch(script: Script, index: int) -> bool:
    """True when the string at ``index`` is one arm of a choice whose other arm is a Qlik Cloud REST path
    (``if (isWindows) p = '/qps/csrftoken'; else p = '/api/v1/csrf-token'``, or the same as ``?:``): code that
    serves both kinds of Qlik, and takes the Qlik Cloud path on Qlik Cloud."""
    return any(_is_cloud_string(script, i) for arm in _other_arms(script, index) for i in range(*arm))


def _is_cloud_string(script: Script, index: int) -> bool:
    value = script.string_value(index)
    return value is not None and bool(_CLOUD_API.search(value))


def _other_arms(script: Script, index: int) -> list[tuple[int, int]]:
    """Token ranges of the other arm(s) of the ``if``/``else`` or ``?:`` the string at ``index`` is an arm of."""
    count = len(script.tokens)
    arms: list[tuple[int, int]] = []
    # a ternary: cond ? '/qps/...' : '/api/v1/...'  or  cond ? '/api/v1/...' : '/qps/...'
    if script.is_punct(index - 1, "?") and script.is_punct(index + 1, ":"):
        arms.append((index + 2, min(index + 3, count)))
    if script.is_punct(index - 1, ":") and script.is_punct(index - 3, "?"):
        arms.append((index - 2, index - 1))
    start, end = script.statement(index)
    # the arm that follows: ...; else ...  or  ...; } else { ... }
    after = end + 1 if end < count and script.is_punct(end, ";") else end
    if script.is_punct(after, "}"):
        after += 1
    if script.is_ident(after, "else"):
        if script.is_punct(after + 1, "{") and script.partner(after + 1) != -1:
            arms.append((after + 2, script.partner(after + 1)))
        elif after + 1 < count:
            arms.append(script.statement(after + 1))
    # the arm before: the string's statement starts with else, or is the first one of an else { block
    before = start
    if script.is_ident(before, "else"):
        pass
    elif script.is_punct(before - 1, "{") and script.is_ident(before - 2, "else"):
        before -= 2
    else:
        return arms
    if script.is_punct(before - 1, "}") and script.partner(before - 1) != -1:
        arms.append((script.partner(before - 1) + 1, before - 1))
    elif before > 0:
        arms.append(script.statement(before - 1))
    return arms
