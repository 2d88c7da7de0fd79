"""The page's own Content-Security-Policy (a ``<meta http-equiv>`` tag) must let the tenant in: scripts,
styles, requests and the engine WebSocket, images and fonts; and a tenant page shown in an iframe needs the
tenant's own policy to let this site frame it (frame-ancestors)."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, blocked, needs
from mashup_gen.checker.facts.csp import allows, helmet_policies, tenant_frames
from mashup_gen.checker.facts.model import short
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
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
    yield from _helmet(facts)
    tenant = facts.tenant
    if tenant is None:
        return
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
