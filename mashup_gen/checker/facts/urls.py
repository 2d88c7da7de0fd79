"""Qlik resource URLs: what a page loads from ``<tenant>/resources`` (or RequireJS's ``baseUrl``), and
where each should point instead."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.model import DoubleSlash, Place, ResourceRef
from mashup_gen.checker.facts.patterns import BASE_URL, RESOURCE, URL
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.js import STRING, TEMPLATE, Script
from mashup_gen.checker.project import Page, Tag, Unit
from mashup_gen.tenant import QLIK_STYLES_PATH, Tenant

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

TENANT_URL = "https://<tenant>"


def resources(facts: Facts) -> list[ResourceRef]:
    """Every Qlik resource URL written out in full, in pages (src/href) and in scripts (strings). A relative
    path naming one of the project's own files (a ``resources/js/app.js`` of its own) is not Qlik's."""
    refs: list[ResourceRef] = []
    for page in facts.project.pages:
        for tag in page.tags:
            for name in ("src", "href", "data-main"):
                attribute = tag.attributes.get(name)
                if attribute is not None and (tag.name in ("script", "link") or name == "src"):
                    if is_dynamic(attribute.value):
                        continue
                    ref = resource_ref(Place(page.file, attribute.start, attribute.end), attribute.value, True)
                    if ref and not _own_file(facts, ref):
                        refs.append(ref)
    base_urls = {
        (id(config.unit), prop.value_start)
        for config in facts.require_configs
        if (prop := config.obj.get("baseUrl")) is not None and prop.value_end - prop.value_start == 1
    }
    for unit, index, value in facts.strings:
        if "resources" in value and not is_dynamic(value):
            if index > 0 and unit.script.is_punct(index - 1, "+") and "://" not in value:
                continue  # the end of a URL built from something before it: not a relative path
            if unit.role == "server" and is_route_path(unit.script, index):
                continue  # app.use('/resources', express.static(...)): the server's own route, nothing loaded
            if unit.role == "config":
                continue  # a tool's configuration (eslint.config.js's ignores, a build's paths): no page loads it
            ref = resource_ref(string_place(unit, index), value, False, (id(unit), index) in base_urls)
            if ref and not _own_file(facts, ref):
                refs.append(ref)
    return refs


# The methods a Node server (Express, Koa's router, Fastify) registers a route with: app.use(path, handler).
_ROUTE_METHODS = ("use", "get", "post", "put", "patch", "delete", "all", "head", "options", "route")


def is_route_path(script: Script, index: int) -> bool:
    """True when the string at ``index`` is the path a server routes (``app.use('/resources', handler)``,
    ``router.get('/resources/:file', ...)``): the first of several arguments of a route method."""
    return (
        script.is_punct(index - 1, "(")
        and script.is_ident(index - 2, *_ROUTE_METHODS)
        and script.is_punct(index - 3, ".")
        and script.is_punct(index + 1, ",")
    )


def dynamic_resources(facts: Facts) -> list[ResourceRef]:
    """Qlik resource URLs whose start is computed: ``${base}/resources/...`` and ``base + '/resources/...'`` in
    scripts (a loader that injects RequireJS), ``{{ base }}/resources/...`` in a server template. Where they
    point is unknown; that they load the file is not."""
    refs: list[ResourceRef] = []
    for page in facts.project.pages:
        for tag in page.tags:
            for name in ("src", "href", "data-main"):
                attribute = tag.attributes.get(name)
                if attribute is not None and is_dynamic(attribute.value):
                    ref = _dynamic_ref(Place(page.file, attribute.start, attribute.end), attribute.value, True)
                    if ref:
                        refs.append(ref)
    for unit, index, value in facts.strings:
        if "resources" not in value:
            continue
        follows_plus = index > 0 and unit.script.is_punct(index - 1, "+") and "://" not in value
        if is_dynamic(value) or follows_plus:
            ref = _dynamic_ref(string_place(unit, index), value, False)
            if ref:
                refs.append(ref)
    return refs


def _dynamic_ref(place: Place, value: str, in_html: bool) -> ResourceRef | None:
    url = value.strip()
    m = RESOURCE.search(url)
    if m is None:
        return None
    cut = m.start() + (1 if url[m.start()] == "/" else 0)
    return ResourceRef(place, url, url[:cut], url[cut:], in_html, dynamic=True)


def _own_file(facts: Facts, ref: ResourceRef) -> bool:
    if ref.scheme is not None or ref.url.startswith("//"):
        return False
    path = ref.url.split("?", 1)[0].split("#", 1)[0]
    if not path or path.endswith("/"):
        return False
    folder = ref.place.file.path.parent
    candidates = [facts.project.root / path.lstrip("/")] if path.startswith("/") else [folder / path]
    return any(candidate.is_file() for candidate in candidates)


def resource_ref(place: Place, value: str, in_html: bool, base_url: bool = False) -> ResourceRef | None:
    """``value`` as a reference to a Qlik resource, or None when it is not one. ``base_url``: the value is
    RequireJS's ``baseUrl``, which names Qlik's ``/resources`` folder itself, behind a virtual proxy or not."""
    url = value.strip()
    if not url or any(c.isspace() for c in url) or "*" in url:
        return None  # prose (a message naming a path) or a glob (resources/js/**/*.ts), not a URL
    m = RESOURCE.search(url)
    if m is None:
        m = BASE_URL.match(url) and re.search(r"(?:^|/)resources/?$", url, re.I)
        if not m:
            return None
    cut = m.start() + (1 if url[m.start()] == "/" else 0)
    prefix, rest = url[:cut], url[cut:]
    if re.match(r"^[a-z]+://", prefix, re.I) and not URL.match(url):
        return None
    match = URL.match(url)
    if match is not None:
        path = match.group(4) or ""
        # /resources/... on any host; /<virtual proxy>/resources/<Qlik's folders>/... on a client-managed server.
        if not re.match(r"^/resources(?:/|$)", path, re.I) and not RESOURCE.search(path):
            if not (base_url and re.match(r"^(?:/[\w.-]+)+/resources/?$", path, re.I)):
                return None
    return ResourceRef(place, url, prefix, rest, in_html)


def page_resources(facts: Facts, page: Page) -> list[ResourceRef]:
    """The Qlik resources ``page`` loads: from its own tags, and from the scripts it runs (inline, or local files
    it references), whose loaders may inject RequireJS or the stylesheet with a computed URL."""
    script_files = {id(unit.file) for unit in page.units}
    return [
        ref
        for ref in (*facts.resources, *facts.dynamic_resources)
        if ref.place.file is page.file or (not ref.in_html and id(ref.place.file) in script_files)
    ]


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


_TEMPLATE_JOIN = re.compile(r"\$\{\s*([A-Za-z_$][\w$]*)\s*\}(/[^\s`]*)")
# Paths on a tenant: a join that doubles their slash is a broken Qlik URL.
_QLIK_JOINED_PATH = re.compile(r"^/(?:api/|resources\b|login\b|app/|qlik-embed/|sense/)", re.I)


def double_slashes(facts: Facts) -> list[DoubleSlash]:
    """Joins of a tenant URL ending in '/' with a Qlik path starting with '/' (``//api/v1/...``), by ``+`` of
    strings or variables, or in a template literal (``${tenantUrl}/api/v1/...``)."""
    found: list[DoubleSlash] = []
    for unit, i, path in facts.strings:
        script = unit.script
        if path.startswith("/") and i >= 2 and script.is_punct(i - 1, "+"):
            base = _string_of(facts, unit, i - 2)
            if base is not None and _tenant_base(facts, base, path):
                found.append(DoubleSlash(string_place(unit, i), base, path))
        if "}/" in path and script.tokens[i].kind == TEMPLATE:
            for m in _TEMPLATE_JOIN.finditer(path):
                base = _variable_string(facts, unit, m.group(1))
                if base is not None and _tenant_base(facts, base, m.group(2)):
                    found.append(DoubleSlash(string_place(unit, i), base, m.group(2)))
    # A base defined elsewhere (a config module, an env file, a caller's argument): the finding is at its
    # definition, once, naming the first join.
    written = list(found)
    defined: set[tuple[int, int]] = set()
    for join in facts.travelled_joins:
        marker = (id(join.defined.file), join.defined.start)
        if marker in defined or not _tenant_base(facts, join.value, join.path):
            continue
        used = join.used
        if any(j.place.file is used.file and j.place.start <= used.start <= j.place.end for j in written):
            continue  # the join is already reported where it is written
        defined.add(marker)
        where = f"{used.display}:{used.position()[0]}"
        found.append(DoubleSlash(join.defined, join.value, join.path.split("?", 1)[0], where))
    return found


def _string_of(facts: Facts, unit: Unit, index: int) -> str | None:
    """The string value of token ``index``: a string literal, or a variable declared as one."""
    script = unit.script
    if script.tokens[index].kind in (STRING, TEMPLATE):
        if script.is_punct(index - 1, "+"):
            return None  # the end of a longer join: its start is unknown here
        value = script.string_value(index)
        return None if value is None or "${" in value else value
    if script.is_ident(index) and not script.is_punct(index - 1, "."):
        return _variable_string(facts, unit, script.text(index))
    return None


def _variable_string(facts: Facts, unit: Unit, name: str) -> str | None:
    entry = facts.declaration_of(unit, name)
    if entry is None:
        return None
    owner, span = entry
    start, end = span
    if end - start != 1 or owner.script.tokens[start].kind not in (STRING, TEMPLATE):
        return None
    value = owner.script.string_value(start)
    return None if value is None or "${" in value else value


def _tenant_base(facts: Facts, base: str, path: str) -> bool:
    if not base.endswith("/"):
        return False
    m = URL.match(base)
    if m is None:
        return False
    host = m.group(2).lower()
    tenant = facts.tenant
    qlik_host = host.endswith(".qlikcloud.com") or (tenant is not None and host == tenant.host)
    return qlik_host or bool(_QLIK_JOINED_PATH.match(path))
