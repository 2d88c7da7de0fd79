"""The login flow: the session check (``/api/v1/users/me``) and the ``<tenant>/login`` redirects."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.model import LoginUrl, Place
from mashup_gen.checker.facts.patterns import HEADER, LOGIN_IN_STRING, LOGIN_PATH, SESSION_PATH, URL
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.js import Script
from mashup_gen.checker.project import Unit

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

# How code tells a signed-out answer: the status 401, or a response that is not ok.
_UNAUTHORIZED = re.compile(r"\b401\b|\.ok\b|\bunauthori[sz]ed\b", re.I)


def session_checks(facts: Facts) -> list[Place]:
    """Every session check: a string naming ``/api/v1/users/me``, and any credentialed GET to the tenant's
    ``/api/v1/...`` whose code sends the browser to ``/login`` when it answers 401."""
    found = [string_place(u, i) for u, i, v in facts.strings if SESSION_PATH in v]
    for call in facts.rest_calls:
        if call.non_get or not call.has_credentials or call.unit is None or call.place in found:
            continue
        if _leads_to_login(facts, call.unit, call.callee):
            found.append(call.place)
    return found


def _base_url_before(facts: Facts, unit: Unit, index: int) -> bool:
    """True when the string at ``index`` is joined to a URL ending in '/' (a literal, or a variable holding one)."""
    script = unit.script
    left = index - 2
    if left < 0:
        return False
    if script.is_ident(left):
        text = facts.resolved_text(unit, left, left + 1, depth=1).strip().rstrip(";").strip()
    else:
        text = script.text(left)
    return bool(re.match(r"""^["'`]https?://[^"'`]*/["'`]$""", text))


def _leads_to_login(facts: Facts, unit: Unit, callee: int) -> bool:
    """True when the code around a request handles a 401 (or a failed response) by going to ``/login``."""
    script = unit.script
    start, end = script.statement(callee)
    block_start, block_end = script.enclosing_block(callee)
    if block_end - block_start < 4000:
        start, end = min(start, block_start), max(end, block_end)
    region = script.span_text(start, end)
    if not _UNAUTHORIZED.search(region):
        return False
    return "/login" in region or "/login" in facts.resolved_text(unit, start, end, depth=2)


def _url_with_base(script: Script, index: int) -> bool:
    """True when the string at ``index`` is the first argument of ``new URL(path, base)``: the base (the tenant)
    decides the origin, not the page."""
    if index < 2 or not script.is_punct(index - 1, "(") or not script.is_ident(index - 2, "URL"):
        return False
    return script.is_punct(index + 1, ",")


def _fixed_returnto(facts: Facts, unit: Unit, region: str) -> Place | None:
    """The literal the login URL's returnto is built from when it is an address on the developer's machine
    (``var RETURN_TO = 'http://localhost:8080/index.html'`` ... ``&returnto=' + encodeURIComponent(RETURN_TO)``):
    a deployed page sends every user back there. None when the tenant itself is local (a stand-in)."""
    from mashup_gen.checker.rules.hostconfig import fixed_to_a_machine

    tenant = facts.tenant
    if tenant is not None and fixed_to_a_machine(f"http://{tenant.host}/"):
        return None
    after = region[region.find("returnto") :]
    for other, index, value in facts.strings:
        if other is unit and value in after and fixed_to_a_machine(value) and "/login" not in value:
            return string_place(unit, index)
    return None


def login_urls(facts: Facts) -> list[LoginUrl]:
    """Every ``<tenant>/login`` URL, with whether its surroundings add ``returnto`` and the id."""
    found: list[LoginUrl] = []
    for unit, index, value in facts.strings:
        if not unit.in_browser:
            continue  # a server's redirect to its own /login route is not the tenant's login flow
        script = unit.script
        follows_plus = index > 0 and script.is_punct(index - 1, "+")
        if follows_plus and re.match(r"^login(?:[?#]|$)", value) and _base_url_before(facts, unit, index):
            value = "/" + value  # TENANT_URL + 'login?...' where TENANT_URL ends in '/'
        if "/login" not in value:
            continue
        tenant_host = facts.tenant.host if facts.tenant else None
        absolute = [
            m
            for m in URL.finditer(value)
            if (m.group(4) or "").startswith("/login")
            and (m.group(2).lower().endswith(".qlikcloud.com") or m.group(2).lower() == tenant_host)
        ]
        if not (absolute or (follows_plus and value.startswith("/login")) or LOGIN_IN_STRING.search(value)):
            continue
        if value.startswith("/login") and not follows_plus and not _url_with_base(script, index):
            continue  # router.navigate(["/login"]), location.href = "/login": the page's own route, own origin
        if not LOGIN_PATH.search(value):
            continue
        start, end = script.enclosing_block(index)
        region = script.span_text(start, end) if end - start < 4000 else script.span_text(*script.statement(index))
        region += facts.resolved_text(unit, start, end, depth=1) if end - start < 4000 else ""
        fixed = _fixed_returnto(facts, unit, region) if "returnto" in region else None
        found.append(LoginUrl(string_place(unit, index), "returnto" in region, HEADER in region, fixed))
    for page, tag, name in facts.attributes:
        attribute = tag.attributes[name]
        if name in ("href", "action") and LOGIN_PATH.search(attribute.value):
            m = URL.match(attribute.value.strip())
            if m and (m.group(2).lower().endswith(".qlikcloud.com")):
                place = Place(page.file, attribute.start, attribute.end)
                found.append(LoginUrl(place, "returnto=" in attribute.value, f"{HEADER}=" in attribute.value))
    return found


def unseen_refusals(facts: Facts) -> list[tuple[Place, str]]:
    """Session checks with ``fetch`` whose code cannot see a 401: ``fetch`` resolves with the response
    whatever its status (it rejects only when the network fails), so a ``.then`` that tests the response object
    itself (always truthy), or a chain that redirects only in ``.catch``, never sends a signed-out visitor to
    ``/login``. ``(place of the check, what the code does)``; other request libraries (axios, jQuery) reject on
    a 401 and are not asked about."""
    found: list[tuple[Place, str]] = []
    for unit, index, value in facts.strings:
        if SESSION_PATH not in value or not unit.in_browser:
            continue
        script = unit.script
        call = script.enclosing_call(index)
        if call is None or not script.is_ident(call[0], "fetch") or script.is_punct(call[0] - 1, "."):
            continue
        links = _chain(script, call[1])
        if not links:
            continue
        chained = script.span_text(links[0][1], links[-1][2] + 1)
        if not (
            "/login" in chained
            or "/login" in facts.resolved_text(unit, links[0][1], links[-1][2] + 1, 3)
            or any(login.place.file is unit.file for login in facts.login_urls)
        ):
            continue  # not the login flow's check (a profile read, a health probe)
        name, open_, close = links[0]
        if name == "then" and _tests_only_itself(script, open_ + 1, close) and _redirects(script, open_, close):
            found.append((string_place(unit, index), "its .then tests the response object, which is always truthy"))
        elif name == "catch" and not any(link[0] == "then" for link in links) and _redirects(script, open_, close):
            found.append((string_place(unit, index), "it sends the browser to /login only in .catch"))
    return found


def _chain(script: Script, paren: int) -> list[tuple[str, int, int]]:
    """``(then|catch|finally, its "(" index, its ")" index)`` of the calls chained on the call whose ``(`` is at
    ``paren``: ``fetch(...).then(...).catch(...)``."""
    links: list[tuple[str, int, int]] = []
    close = script.partner(paren)
    while close != -1 and script.is_punct(close + 1, ".") and script.is_ident(close + 2, "then", "catch", "finally"):
        if not script.is_punct(close + 3, "("):
            break
        open_ = close + 3
        close = script.partner(open_)
        if close == -1:
            break
        links.append((script.text(open_ - 1), open_, close))
    return links


def _parameter(script: Script, start: int) -> int | None:
    """Token index of the one plain parameter of the callback starting at token ``start``: ``r =>``,
    ``(r) =>``, ``async (r) =>``, ``function (r)``; None for none, several, or a destructured one."""
    i = start + 1 if script.is_ident(start, "async") else start
    if script.is_ident(i) and script.is_punct(i + 1, "=>"):
        return i
    if script.is_ident(i, "function"):
        i += 2 if script.is_ident(i + 1) else 1  # a named function expression
    if script.is_punct(i, "(") and script.is_ident(i + 1) and script.is_punct(i + 2, ")"):
        if script.is_punct(i + 3, "=>") or script.is_punct(i + 3, "{"):
            return i + 1
    return None


def _tests_only_itself(script: Script, start: int, end: int) -> bool:
    """True when the callback in tokens ``[start, end)`` takes the response and only tests it for truth
    (``if (!r)``, ``if (r)``): never reads its status or body, nor hands it on (a helper may read it)."""
    param = _parameter(script, start)
    if param is None:
        return False
    name = script.text(param)
    uses = [j for j in range(param + 1, end) if script.is_ident(j, name) and not script.is_punct(j - 1, ".")]
    if not uses:
        return False
    for j in uses:
        negated = script.is_punct(j - 1, "!")
        opener = j - 2 if negated else j - 1
        if not (script.is_punct(opener, "(") and script.is_ident(opener - 1, "if") and script.is_punct(j + 1, ")")):
            return False
    return True


def _redirects(script: Script, start: int, end: int) -> bool:
    """True when tokens ``[start, end)`` send the browser elsewhere: ``location = ``, ``location.href = ``,
    ``location.assign(`` / ``location.replace(``."""
    for j in range(start, end):
        if not script.is_ident(j, "location"):
            continue
        if script.is_punct(j + 1, "="):
            return True
        if script.is_punct(j + 1, ".") and script.is_ident(j + 2, "href") and script.is_punct(j + 3, "="):
            return True
        if script.is_punct(j + 1, ".") and script.is_ident(j + 2, "assign", "replace") and script.is_punct(j + 3, "("):
            return True
    return False
