"""Links to a page of a client-managed Qlik Sense server: an "open in Qlik Sense" button or link to the hub, an
app or a single object (``window.open("https://qsserver/sense/app/" + id)``, ``<a href="http://bi/hub">``).
Moved to Qlik Cloud that server is gone; the tenant shows the same app at ``https://<tenant>/sense/app/<id>``.
A frame of such a page is ``frame-client-managed``'s."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.csp import server_page
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

LINK = Rule(
    "link-client-managed",
    Severity.ERROR,
    "A link or window.open goes to a page of a client-managed Qlik Sense server (the hub, an app, a single "
    "object, the QMC on a machine's own name, over http, or through a virtual proxy): moved to Qlik Cloud that "
    "server is gone, so the link leads nowhere.",
    "Link to the tenant's page: https://<tenant>.qlikcloud.com/sense/app/<app id> (the hub: "
    "https://<tenant>.qlikcloud.com/hub).",
)
# Not sure: an https host by name with Qlik Cloud's own paths could be a custom tenant domain (undocumented).
LINK_UNSURE = Rule(
    "link-not-cloud",
    Severity.WARNING,
    "A link or window.open goes to a Qlik page (the hub, an app, a single object) on a host that is not Qlik "
    "Cloud (*.qlikcloud.com): a client-managed Qlik Sense server, or a custom tenant domain, which Qlik does not "
    "document.",
    "Link to the tenant's page: https://<tenant>.qlikcloud.com/sense/app/<app id>.",
)
RULES = (LINK, LINK_UNSURE)
_LINK_TAGS = frozenset({"a", "area", "form"})


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per link to a client-managed Qlik page: an ``<a href>`` of a page, or a string of browser code
    that handles no iframe (frames are frame-client-managed's)."""
    # The project's own tenant (its record's, a loopback stand-in in tests) is where its links belong.
    own = facts.tenant.host if facts.tenant is not None else None
    for page in project.pages:
        for tag in page.tags:
            if tag.name not in _LINK_TAGS:
                continue
            attribute = tag.attributes.get("href") or tag.attributes.get("action")
            if attribute is not None:
                sure = _client_managed_page(attribute.value, own)
                if sure is not None:
                    yield _finding(Place(page.file, attribute.start, attribute.end), attribute.value, sure)
    for unit, index, value in facts.strings:
        if not unit.in_browser or "iframe" in unit.script.code:
            continue
        sure = _client_managed_page(value, own)
        if sure is not None:
            yield _finding(string_place(unit, index), value, sure)


def _finding(place: Place, url: str, sure: bool) -> Finding:
    shown = url.strip()[:80]
    if sure:
        return at_place(LINK, place, f"{shown} is a page of a client-managed Qlik Sense server")
    return at_place(LINK_UNSURE, place, f"{shown} is a Qlik page on a host that is not Qlik Cloud")


# A host that names a machine of a private network, not a site: a single label (qsserver), or an address.
_MACHINE = re.compile(r"^(?:[A-Za-z0-9-]+|\d+(?:\.\d+){3})$")


def _client_managed_page(url: str, own: str | None) -> bool | None:
    """True when ``url`` is surely a Qlik page of a client-managed server, False when it may be a custom tenant
    domain, None when it is no Qlik page off Qlik Cloud (or on ``own``, the project's tenant host)."""
    page = server_page(url)
    if page is None or page.page is None:
        return None
    if page.host == own or page.host.endswith(".qlik.com") or page.host == "qlik.com":
        return None  # the project's tenant; or Qlik's own sites (the public demo server a tutorial links to)
    return page.surely_client_managed or bool(_MACHINE.match(page.host))
