"""The page's own Content-Security-Policy (a ``<meta http-equiv>`` tag) must let the tenant in: scripts,
styles, requests and the engine WebSocket, images and fonts; and a tenant page shown in an iframe needs the
tenant's own policy to let this site frame it (frame-ancestors)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, blocked, needs
from mashup_gen.checker.facts.csp import MASHUP_NEEDS, OLD_HELMET, allows, helmet_policies, tenant_frames
from mashup_gen.checker.facts.model import Place, short
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import STRING, TEMPLATE
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place, at_tag

BLOCKS_TENANT = Rule(
    "csp-blocks-tenant",
    Severity.ERROR,
    "The page's Content-Security-Policy does not allow the tenant, so the browser blocks Qlik's files or requests.",
    "Add the tenant origin to script-src, style-src, connect-src (with wss://<tenant> too), img-src and font-src.",
)
FRAME_ANCESTORS = Rule(
    "tenant-frame",
    Severity.WARNING,
    "A page of the Qlik Cloud tenant is shown in an iframe: the tenant refuses to be framed unless its Content "
    "Security Policy lists this site's origin in frame-ancestors, and the frame needs the tenant's own session "
    "cookie (an OAuth token of the page does not sign the frame in; browsers that block third-party cookies "
    "leave it at the login page).",
    "Add the site's origin in Management Console > Content Security Policy with the frame-ancestors directive, "
    "or show the sheet or chart with qlik-embed (no frame-ancestors entry needed).",
)
RULES = (BLOCKS_TENANT, FRAME_ANCESTORS)

# adopt reads the policy with the same function; it is re-exported here until adopt imports it from facts.
__all__ = ["RULES", "check"]


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per CSP meta tag that blocks the tenant somewhere the page needs it, and per iframe of a
    tenant page (the tenant's own policy must let this site frame it)."""
    for place, src in tenant_frames(facts):
        yield at_place(
            FRAME_ANCESTORS, place, f"the iframe shows {short(src)}: a page of the tenant, framed by this site"
        )
    tenant = facts.tenant
    # Helmet mounted with its defaults is reported once: by _helmet_defaults (helmet() in a project whose pages
    # load Qlik) or, for the rest (directives without the tenant, options without a policy), by _helmet.
    reported: set[tuple[str, int]] = set()
    for finding in _helmet_defaults(project, facts) if tenant is not None else ():
        reported.add((finding.path, finding.line))
        yield finding
    for finding in _helmet(facts):
        if (finding.path, finding.line) not in reported:
            yield finding
    if tenant is None:
        return
    yield from _header_policies(project, facts)
    for page in project.pages:
        metas = [
            t
            for t in page.tags
            if t.name == "meta" and (t.get("http-equiv") or "").lower() == "content-security-policy"
        ]
        if not metas:
            continue
        page_needs = needs(facts, page)
        frames = [t for t in page.tags if t.name == "iframe" and tenant.host in (t.get("src") or "").lower()]
        if frames:
            page_needs += (("frame-src", "https"),)
        for meta in metas:
            missing = blocked(meta.get("content") or "", tenant, page_needs)
            if missing:
                yield at_tag(
                    BLOCKS_TENANT,
                    page,
                    meta,
                    f"the Content-Security-Policy blocks {tenant.base_url} in {', '.join(missing)}",
                    f"Add {tenant.base_url} to {', '.join(sorted({m.split(' ')[0] for m in missing}))}"
                    + (f" (and wss://{tenant.host} to connect-src)" if any("wss" in m for m in missing) else "")
                    + ".",
                )


def _helmet(facts: Facts) -> Iterator[Finding]:
    """helmet's Content-Security-Policy header (its default, or the directives it is given) when the browser
    code talks to the tenant itself (its engine socket, REST calls or session check, not through the project's
    own server) and the policy's connect-src (else default-src) lets no Qlik Cloud tenant through."""
    policies = helmet_policies(facts)
    if not policies or facts.proxied or not _browser_reaches_tenant(facts):
        return
    tenant = facts.tenant
    for place, sources in policies:
        if tenant is not None and tenant.host.endswith(".qlikcloud.com"):
            host, port = tenant.host, tenant.port
            if allows(sources, "https", host, port) and allows(sources, "wss", host, port):
                continue
        elif any("qlikcloud.com" in s.lower() for s in sources) or allows(sources, "https", "t.qlikcloud.com", 443):
            continue  # a tenant named in the policy, another than the one this could find: not judged
        shown = " ".join(sources)
        yield at_place(
            BLOCKS_TENANT,
            place,
            f"helmet's Content-Security-Policy lets requests go to {shown} only (connect-src): the browser "
            "blocks the page's requests and engine socket to the Qlik Cloud tenant",
            "Give helmet's contentSecurityPolicy directives a connectSrc with the tenant: "
            "[\"'self'\", 'https://<tenant>', 'wss://<tenant>'].",
        )


def _browser_reaches_tenant(facts: Facts) -> bool:
    """True when code that runs in the browser opens the engine socket or calls the REST API (the session check
    too): requests a Content-Security-Policy's connect-src must let through."""
    browser = {id(u.file) for u in facts.project.units if u.in_browser}
    browser |= {id(p.file) for p in facts.project.pages}
    return (
        any(id(e.place.file) in browser and "://" in e.url for e in facts.engine_urls)
        or any(c.unit is not None and c.unit.in_browser for c in facts.rest_calls)
        or any(id(place.file) in browser for place in facts.session_checks)
    )


# Helmet's middleware (helmet, @fastify/helmet, koa-helmet) mounted without options: its default policy is
# `default-src 'self'; script-src 'self'; ...` (helmet's documented defaults), which blocks a CDN's qlik-embed
# loader, the tenant's scripts and every request to the tenant.
_HELMET_MODULE = re.compile(r"""["'](?:helmet|@fastify/helmet|koa-helmet|fastify-helmet)["']""")
_HELMET_CALL = re.compile(r"""\b[\w$]*[hH]elmet\s*\(\s*\)|\bregister\(\s*[\w$]*[hH]elmet\s*\)""")


def _helmet_defaults(project: Project, facts: Facts) -> Iterator[Finding]:
    """A server mounting Helmet with its default Content-Security-Policy in a project whose pages load Qlik
    (a qlik-embed loader or callback script, or the capability API)."""
    loads_qlik = (
        bool(facts.capability_pages)
        or any(p.loader or p.callback for p in facts.embed.pages)
        or any(_browser_to_tenant(call.unit, call.url) for call in facts.rest_calls)
        or any(not _server_file(project, e.place.file.path) and "://" in e.url for e in facts.engine_urls)
    )
    if not loads_qlik or OLD_HELMET.search(project.manifest):
        return  # helmet 3 and before sent no Content-Security-Policy unless asked to
    for unit in project.units:
        code = unit.script.code
        if unit.in_browser or "elmet" not in code or "contentSecurityPolicy" in code:
            continue
        if not _HELMET_MODULE.search(code):
            continue
        for match in _HELMET_CALL.finditer(code):
            start = unit.script.offset + match.start()
            yield at_place(
                BLOCKS_TENANT,
                Place(unit.file, start, start),
                "Helmet's default Content-Security-Policy (script-src 'self', default-src 'self') blocks the "
                "pages' requests to the tenant and Qlik's scripts",
                "Give Helmet a contentSecurityPolicy whose directives allow the tenant (script-src, connect-src "
                "with wss://, style-src, img-src, font-src) and the CDN the loader comes from.",
            )


def _browser_to_tenant(unit: Unit | None, url: str) -> bool:
    """True for a REST call made by browser code to another origin (not ``/api/v1/...`` on the page's own server,
    which a proxy forwards)."""
    return unit is not None and unit.in_browser and not url.lstrip("\"'`").startswith("/")


def _server_file(project: Project, path: object) -> bool:
    """True when the file holding an engine URL is server code."""
    return any(u.file.path == path and not u.in_browser for u in project.units)


# A policy's directive as a server or a framework's config writes it in a string: "script-src 'self' ...".
_DIRECTIVE = re.compile(r"^\s*((?:default|script|style|connect|img|font|frame|child)-src)(?:\s|$)", re.I)
_EMBED_NEEDS = (("script-src", "https"), ("connect-src", "https"))


def _project_needs(project: Project, facts: Facts) -> tuple[tuple[str, str], ...]:
    """What the project's pages load from the tenant, for a policy sent with every response: the capability
    API's files and socket; qlik-embed's (or @qlik/api's) runtime from <tenant>/qlik-embed/main.js and its
    requests; a web app's requests."""
    if facts.capability_pages:
        return MASHUP_NEEDS  # the capability API's files, styles and socket
    embed_react = any(u.in_browser and "@qlik/embed-react" in u.script.code for u in project.units)
    if any(p.loader is not None for p in facts.embed.pages) or facts.host_configs or embed_react:
        return _EMBED_NEEDS
    if facts.rest_calls or facts.engine_urls:
        return (("connect-src", "https"),) + ((("connect-src", "wss"),) if facts.engine_urls else ())
    return ()


def _header_policies(project: Project, facts: Facts) -> Iterator[Finding]:
    """A policy that server or config code sends as the Content-Security-Policy header, written as strings there
    (Next.js's ``headers()``, ``res.setHeader("Content-Security-Policy", "...")``, directives in an array joined
    with "; "), that leaves the tenant out of a directive the pages need: one finding per file, at the string of
    the first such directive. A source computed in a template (``${qlikHost}``) may be the tenant: allowed."""
    tenant = facts.tenant
    if tenant is None:
        return
    needs_ = None
    for unit in project.units:
        script = unit.script
        if (unit.in_browser and unit.role != "config") or "content-security-policy" not in script.code.lower():
            continue
        where: dict[str, int] = {}
        parts: list[str] = []
        for index, token in enumerate(script.tokens):
            if token.kind not in (STRING, TEMPLATE):
                continue
            value = script.string_value(index) or ""
            for piece in value.split(";"):
                m = _DIRECTIVE.match(piece)
                if m is None:
                    continue
                name = m.group(1).lower()
                where.setdefault(name, index)
                sources = ["*" if "${" in word else word for word in piece.split()[1:]]
                parts.append(" ".join([name, *sources]))
        if not parts:
            continue
        needs_ = _project_needs(project, facts) if needs_ is None else needs_
        missing = blocked("; ".join(parts), tenant, needs_)
        if not missing:
            continue
        first = missing[0].split(" ")[0]
        index = where.get(first, where.get("default-src"))
        if index is None:
            continue
        yield at_place(
            BLOCKS_TENANT,
            string_place(unit, index),
            f"the Content-Security-Policy this code sends blocks {tenant.base_url} in {', '.join(missing)}",
            f"Add {tenant.base_url} to {', '.join(sorted({m.split(' ')[0] for m in missing}))}"
            + (f" (and wss://{tenant.host} to connect-src)" if any("wss" in m for m in missing) else "")
            + ".",
        )
