"""The page's own Content-Security-Policy (a ``<meta http-equiv>`` tag) must let the tenant in: scripts,
styles, requests and the engine WebSocket, images and fonts; and a tenant page shown in an iframe needs the
tenant's own policy to let this site frame it (frame-ancestors)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, blocked, needs
from mashup_gen.checker.facts.csp import tenant_frames
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
    if tenant is None:
        return
    yield from _helmet_defaults(project, facts)
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
    if not loads_qlik:
        return
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
_CAPABILITY_NEEDS = (
    ("script-src", "https"),
    ("style-src", "https"),
    ("connect-src", "https"),
    ("connect-src", "wss"),
    ("img-src", "https"),
    ("font-src", "https"),
)


def _project_needs(project: Project, facts: Facts) -> tuple[tuple[str, str], ...]:
    """What the project's pages load from the tenant, for a policy sent with every response: the capability
    API's files and socket; qlik-embed's (or @qlik/api's) runtime from <tenant>/qlik-embed/main.js and its
    requests; a web app's requests."""
    if facts.capability_pages:
        return _CAPABILITY_NEEDS
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
