"""Qlik resource URLs: what a page loads from ``<tenant>/resources`` (or RequireJS's ``baseUrl``), and
where each should point instead."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.check.facts.model import Place, ResourceRef
from mashup_gen.check.facts.patterns import BASE_URL, RESOURCE, URL
from mashup_gen.check.facts.strings import string_place
from mashup_gen.check.project import Tag
from mashup_gen.tenant import QLIK_STYLES_PATH, Tenant

if TYPE_CHECKING:
    from mashup_gen.check.facts import Facts

TENANT_URL = "https://<tenant>"


def resources(facts: Facts) -> list[ResourceRef]:
    """Every Qlik resource URL, in pages (src/href) and in scripts (strings)."""
    refs: list[ResourceRef] = []
    for page in facts.project.pages:
        for tag in page.tags:
            for name in ("src", "href", "data-main"):
                attribute = tag.attributes.get(name)
                if attribute is not None and (tag.name in ("script", "link") or name == "src"):
                    ref = resource_ref(Place(page.file, attribute.start, attribute.end), attribute.value, True)
                    if ref:
                        refs.append(ref)
    for unit, index, value in facts.strings:
        if "resources" in value and "${" not in value:
            if index > 0 and unit.script.is_punct(index - 1, "+") and "://" not in value:
                continue  # the end of a URL built from something before it: not a relative path
            ref = resource_ref(string_place(unit, index), value, False)
            if ref:
                refs.append(ref)
    return refs


def resource_ref(place: Place, value: str, in_html: bool) -> ResourceRef | None:
    """``value`` as a reference to a Qlik resource, or None when it is not one."""
    url = value.strip()
    if not url or any(c.isspace() for c in url):
        return None  # prose (a message naming a path), not a URL
    m = RESOURCE.search(url)
    if m is None:
        m = BASE_URL.match(url) and re.search(r"(?:^|/)resources/?$", url, re.I)
        if not m:
            return None
    cut = m.start() + (1 if url[m.start()] == "/" else 0)
    prefix, rest = url[:cut], url[cut:]
    if re.match(r"^[a-z]+://", prefix, re.I) and not URL.match(url):
        return None
    if URL.match(url):
        match = URL.match(url)
        assert match is not None
        path = match.group(4) or ""
        if not re.match(r"^/resources(?:/|$)", path, re.I):
            return None  # a client-managed virtual proxy or an unrelated site: not a tenant URL shape
    return ResourceRef(place, url, prefix, rest, in_html)


def tenant_url(tenant: Tenant | None, path: str) -> str:
    """``path`` on the tenant, or on a placeholder when the tenant is unknown."""
    return (tenant.base_url if tenant else TENANT_URL) + path


def suggested_url(ref: ResourceRef, tenant: Tenant | None) -> str:
    """Where ``ref`` should point: the same file under the tenant's ``/resources``."""
    if ref.is_legacy_css:
        return tenant_url(tenant, QLIK_STYLES_PATH)
    return tenant_url(tenant, "/" + ref.rest)


def other_require_js(tag: Tag) -> bool:
    """A ``<script>`` loading some RequireJS that is not the tenant's (a local copy, a CDN)."""
    src = (tag.get("src") or "").split("?", 1)[0].lower()
    return src.endswith(("/require.js", "/require.min.js")) or src in ("require.js", "require.min.js")
