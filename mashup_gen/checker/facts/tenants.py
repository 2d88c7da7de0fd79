"""The tenant: every host the code names in a Qlik URL, and the one tenant the project talks to."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.model import Place, TenantMention
from mashup_gen.checker.facts.patterns import QLIK_PATH, QLIKCLOUD_HOST, URL
from mashup_gen.checker.facts.placeholders import is_placeholder_host
from mashup_gen.checker.facts.strings import in_hint_attribute, string_place
from mashup_gen.checker.js import STRING, TEMPLATE
from mashup_gen.checker.project import Unit
from mashup_gen.checker.scan import SourceFile
from mashup_gen.errors import InvalidValue
from mashup_gen.tenant import Tenant, default_port, is_loopback

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts


def _host_port(scheme: str | None, host: str, port: str | None) -> tuple[str, int | None]:
    if port:
        return host.lower(), int(port)
    if scheme:
        return host.lower(), default_port(scheme)
    return host.lower(), None


# Qlik's own hosts under qlikcloud.com that are nobody's tenant: the CDN qlik-embed loads its parts from, and
# Qlik Cloud's product web site (a link in a page's footer).
NOT_TENANTS = frozenset({"cdn.qlikcloud.com", "www.qlikcloud.com"})
# A region's own domain written as a bare host (eu.qlikcloud.com, us.qlikcloud.com): a tenant is
# <name>.<region>.qlikcloud.com, so a region label alone names where tenants live (a table of client ids by
# region, a tenant URL check's suffix), never one tenant. (Given as a URL or a config's host, it is still read:
# a host that lacks its tenant's name is a mistake other rules report.)
_REGION_DOMAIN = re.compile(r"^[a-z]{2}\.qlikcloud\.com$", re.I)


def is_not_tenant(host: str) -> bool:
    """True for a host under qlikcloud.com that is nobody's tenant: Qlik's CDN and web site, a region's domain."""
    return host.lower() in NOT_TENANTS or bool(_REGION_DOMAIN.match(host))


def tenant_mentions(facts: Facts) -> list[TenantMention]:
    """Every tenant host written in a Qlik URL, as a qlikcloud.com host, or as the config's ``host``."""
    mentions: list[TenantMention] = []
    seen: set[tuple[int, int, int]] = set()

    def add(file: SourceFile, base: int, value: str, whole_host: bool) -> None:
        # Asked of every string: a URL has "://" and a qlikcloud.com host "cloud.com" in any case (none of its
        # letters matches anything but itself and its capital under re.I), so most strings skip both searches.
        for m in URL.finditer(value) if "://" in value else ():
            if in_hint_attribute(value, m.start()):
                continue  # <input placeholder="https://your-tenant.qlikcloud.com"> in markup written in a string
            host = m.group(2)
            path = m.group(4) or ""
            if not (host.lower().endswith(".qlikcloud.com") or QLIK_PATH.match(path)):
                continue
            if host.lower() in NOT_TENANTS:
                continue
            start, end = base + m.start(2), base + (m.end(3) if m.group(3) else m.end(2))
            key = (id(file), start, end)
            if key not in seen:
                seen.add(key)
                h, p = _host_port(m.group(1), host, m.group(3))
                mentions.append(TenantMention(Place(file, start, end), h, p, "url"))
        for m in QLIKCLOUD_HOST.finditer(value) if "cloud.com" in value.lower() else ():
            if is_not_tenant(m.group(1)) or in_hint_attribute(value, m.start()):
                continue
            start, end = base + m.start(1), base + m.end(1)
            if any(s == id(file) and a <= start < b for s, a, b in seen):
                continue
            seen.add((id(file), start, end))
            mentions.append(TenantMention(Place(file, start, end), m.group(1).lower(), None, "host"))
        if whole_host and re.fullmatch(r"[A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\]", value) and "." in value:
            key = (id(file), base, base + len(value))
            if not any(s == id(file) and a <= base < b for s, a, b in seen):
                seen.add(key)
                mentions.append(TenantMention(Place(file, base, base + len(value)), value.lower(), None, "host"))

    for page, tag, name in facts.attributes:
        attribute = tag.attributes[name]
        value = page.file.text[attribute.start : attribute.end]
        if "://" in value or "qlikcloud" in value or name == "data-host":
            add(page.file, attribute.start, value, name == "data-host")
    config_hosts = _config_host_tokens(facts)
    for unit, index, _value in facts.strings:
        token, code = unit.script.tokens[index], unit.script.code
        # The string's contents lie inside its token: neither word in the token, neither in the contents.
        if (
            code.find("://", token.start, token.end) == -1
            and code.find("qlikcloud", token.start, token.end) == -1
            and (unit, index) not in config_hosts
        ) or _is_jwt_issuer(unit, index):
            continue
        place = string_place(unit, index)
        raw = unit.file.text[place.start : place.end]
        if "://" in raw or "qlikcloud" in raw or (unit, index) in config_hosts:
            add(unit.file, place.start, raw, (unit, index) in config_hosts)
    return mentions


# The JWT ``iss`` claim names the identity provider the tenant trusts: any string its admin chose, and the
# console offers one that looks like a host (``18mv0zej529uq0x.us.qlikcloud.com``). It is not a tenant.
_ISSUER_KEYS = frozenset({"iss", "issuer", "jwtissuer", "qlikissuer"})


def _is_jwt_issuer(unit: Unit, index: int) -> bool:
    """True when the string at ``index`` is the value of ``issuer: '...'`` / ``iss = '...'``."""
    script = unit.script
    if index < 2 or not (script.is_punct(index - 1, ":") or script.is_punct(index - 1, "=")):
        return False
    key = script.text(index - 2) if script.is_ident(index - 2) else (script.string_value(index - 2) or "")
    return key.replace("-", "").replace("_", "").lower() in _ISSUER_KEYS


def _config_host_tokens(facts: Facts) -> set[tuple[Unit, int]]:
    found = set()
    for config in facts.configs:
        prop = config.obj.get("host")
        if prop and prop.value_end - prop.value_start == 1:
            if config.unit.script.tokens[prop.value_start].kind in (STRING, TEMPLATE):
                found.add((config.unit, prop.value_start))
    return found


def tenant(facts: Facts) -> Tenant | None:
    """The project's tenant: the record's, else the one its code uses most (resources first)."""
    record = facts.project.record
    if record is not None:
        value = record.answers.get("tenant")
        if isinstance(value, str):
            try:
                return Tenant.parse(value)
            except InvalidValue:
                pass
    votes: Counter[tuple[str, str, int]] = Counter()
    for ref in facts.resources:
        host, port, scheme = ref.host, ref.port, ref.scheme
        # A client-managed server's virtual proxy (/mashup/resources) is never the Qlik Cloud tenant.
        if host and port and scheme and not is_loopback(host) and ref.virtual_proxy is None:
            if is_placeholder_host(host):
                continue
            votes[(scheme, host, port)] += 3
    for mention in facts.tenant_mentions:
        if is_placeholder_host(mention.host):
            continue  # your-tenant.eu.qlikcloud.com is nobody's tenant
        # A bare host elsewhere says little (an on-premise server, say); a qlikcloud.com host is a tenant.
        if mention.host.endswith(".qlikcloud.com") or (mention.how == "url" and not is_loopback(mention.host)):
            votes[("https", mention.host, 443)] += 1
    if not votes:
        return None
    (scheme, host, port), _ = max(votes.items(), key=lambda item: (item[1], item[0][1]))
    try:
        return Tenant.parse(f"{scheme}://{host}:{port}")
    except InvalidValue:
        return None
