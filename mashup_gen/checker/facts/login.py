"""The login flow: the session check (``/api/v1/users/me``) and the ``<tenant>/login`` redirects."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.model import LoginUrl, Place
from mashup_gen.checker.facts.patterns import HEADER, LOGIN_IN_STRING, SESSION_PATH, URL
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
        if not re.search(r"/login(?:[?#]|$)", value):
            continue
        start, end = script.enclosing_block(index)
        region = script.span_text(start, end) if end - start < 4000 else script.span_text(*script.statement(index))
        region += facts.resolved_text(unit, start, end, depth=1) if end - start < 4000 else ""
        found.append(LoginUrl(string_place(unit, index), "returnto" in region, HEADER in region))
    for page, tag, name in facts.attributes:
        attribute = tag.attributes[name]
        if name in ("href", "action") and re.search(r"/login(?:[?#]|$)", attribute.value):
            m = URL.match(attribute.value.strip())
            if m and (m.group(2).lower().endswith(".qlikcloud.com")):
                place = Place(page.file, attribute.start, attribute.end)
                found.append(LoginUrl(place, "returnto=" in attribute.value, f"{HEADER}=" in attribute.value))
    return found
