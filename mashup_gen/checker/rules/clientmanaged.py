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


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per client-managed endpoint written in the code, and per ticket request."""
    seen: set[tuple[int, int]] = set()
    for unit, index, value in facts.strings:
        m = _ENDPOINT.search(value)
        if m is None:
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
