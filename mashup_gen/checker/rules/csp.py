"""The page's own Content-Security-Policy (a ``<meta http-equiv>`` tag) must let the tenant in: scripts,
styles, requests and the engine WebSocket, images and fonts."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, blocked, needs
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_tag

BLOCKS_TENANT = Rule(
    "csp-blocks-tenant",
    Severity.ERROR,
    "The page's Content-Security-Policy does not allow the tenant, so the browser blocks Qlik's files or requests.",
    "Add the tenant origin to script-src, style-src, connect-src (with wss://<tenant> too), img-src and font-src.",
)
RULES = (BLOCKS_TENANT,)

# adopt reads the policy with the same function; it is re-exported here until adopt imports it from facts.
__all__ = ["RULES", "check"]


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per CSP meta tag that blocks the tenant somewhere the page needs it."""
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
