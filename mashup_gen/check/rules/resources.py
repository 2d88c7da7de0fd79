"""Qlik's JavaScript and CSS must come from the tenant over HTTPS (QLIK.md, "Resource paths")."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.check.facts import Facts, ResourceRef
from mashup_gen.check.findings import Finding, Rule, Severity
from mashup_gen.check.project import Project, Tag, is_javascript
from mashup_gen.check.rules.base import at_place, at_tag
from mashup_gen.tenant import QLIK_STYLES_PATH, REQUIRE_JS_PATH, Tenant, is_loopback

TENANT_URL = "https://<tenant>"

RELATIVE = Rule(
    "resource-relative",
    Severity.ERROR,
    "A Qlik resource is loaded by a relative path, which only works on a client-managed Qlik Sense server.",
    "Load it from the tenant's absolute URL (https://<tenant>/resources/...); `mashup-gen adopt` does this.",
)
LOCAL_SERVER = Rule(
    "resource-local-server",
    Severity.ERROR,
    "A Qlik resource is loaded from this machine (Qlik Sense Desktop on localhost:4848, or a local server).",
    "Load it from the tenant: https://<tenant>/resources/...",
)
INSECURE = Rule(
    "resource-insecure",
    Severity.ERROR,
    "A Qlik resource is loaded over plain http; Qlik Cloud is served over HTTPS only.",
    "Use https://<tenant>/resources/...",
)
LEGACY_CSS = Rule(
    "resource-legacy-css",
    Severity.ERROR,
    "The page loads a Qlik Sense 2.x stylesheet (qlikui.css or client.css) that Qlik Cloud does not serve.",
    f"Load {TENANT_URL}{QLIK_STYLES_PATH} instead.",
)
MISSING_REQUIRE = Rule(
    "resource-missing-require",
    Severity.ERROR,
    "The page uses the capability API but does not load RequireJS from the tenant.",
    f'Add <script src="{TENANT_URL}{REQUIRE_JS_PATH}"></script> before the page\'s own scripts.',
)
MISSING_STYLES = Rule(
    "resource-missing-styles",
    Severity.WARNING,
    "The page uses the capability API but does not load Qlik's stylesheet: visualizations render unstyled.",
    f'Add <link rel="stylesheet" href="{TENANT_URL}{QLIK_STYLES_PATH}"> to the <head>.',
)
RULES = (RELATIVE, LOCAL_SERVER, INSECURE, LEGACY_CSS, MISSING_REQUIRE, MISSING_STYLES)


def tenant_url(tenant: Tenant | None, path: str) -> str:
    """``path`` on the tenant, or on a placeholder when the tenant is unknown."""
    return (tenant.base_url if tenant else TENANT_URL) + path


def suggested_url(ref: ResourceRef, tenant: Tenant | None) -> str:
    """Where ``ref`` should point: the same file under the tenant's ``/resources``."""
    if ref.is_legacy_css:
        return tenant_url(tenant, QLIK_STYLES_PATH)
    return tenant_url(tenant, "/" + ref.rest)


def is_record_tenant(ref: ResourceRef, project: Project, tenant: Tenant | None) -> bool:
    """True when ``ref`` points at the tenant the project record names (a loopback test tenant)."""
    return project.record is not None and tenant is not None and ref.host == tenant.host and ref.port == tenant.port


def other_require_js(tag: Tag) -> bool:
    """A ``<script>`` loading some RequireJS that is not the tenant's (a local copy, a CDN)."""
    src = (tag.get("src") or "").split("?", 1)[0].lower()
    return src.endswith(("/require.js", "/require.min.js")) or src in ("require.js", "require.min.js")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about where the Qlik resources come from."""
    tenant = facts.tenant
    for ref in facts.resources:
        fix_url = suggested_url(ref, tenant)
        if ref.is_legacy_css:
            yield at_place(
                LEGACY_CSS,
                ref.place,
                f"{ref.url} is a Qlik Sense 2.x stylesheet; Qlik Cloud serves qlik-styles.css instead",
                f"Load {fix_url} instead.",
            )
            continue
        scheme, host = ref.scheme, ref.host
        if scheme is None:
            yield at_place(
                RELATIVE,
                ref.place,
                f"{ref.url} is a relative path: it resolves against this page's own server, which is not Qlik Cloud",
                f"Use the tenant's absolute URL: {fix_url}",
            )
        elif host is not None and is_loopback(host):
            if is_record_tenant(ref, project, tenant):
                continue
            where = "Qlik Sense Desktop (localhost:4848)" if ref.port == 4848 else "a server on this machine"
            yield at_place(
                LOCAL_SERVER,
                ref.place,
                f"{ref.url} loads Qlik's files from {where}, which the page's users cannot reach",
                f"Use the tenant's URL: {fix_url}",
            )
        elif scheme == "http":
            yield at_place(
                INSECURE, ref.place, f"{ref.url} uses plain http; Qlik Cloud is HTTPS only", f"Use {fix_url}"
            )

    for page in facts.capability_pages:
        html_refs = [r for r in facts.resources if r.in_html and r.place.file is page.file]
        scripts = [t for t in page.scripts() if is_javascript(t)]
        if not any(r.is_require_js for r in html_refs):
            other = next((t for t in scripts if other_require_js(t)), None)
            where = f"it loads {other.get('src')} instead" if other else "no <script> loads it"
            yield at_tag(
                MISSING_REQUIRE,
                page,
                other or (scripts[0] if scripts else None),
                f"the page uses the capability API (js/qlik) but {where}; the capability API needs the "
                "RequireJS that the tenant ships",
                f'Add <script src="{tenant_url(tenant, REQUIRE_JS_PATH)}"></script> before the page\'s own scripts.',
            )
        if not any(r.is_styles or r.is_legacy_css for r in html_refs):
            head_tag = next((t for t in page.tags if t.name == "link"), scripts[0] if scripts else None)
            yield at_tag(
                MISSING_STYLES,
                page,
                head_tag,
                "the page uses the capability API but does not load qlik-styles.css",
                f'Add <link rel="stylesheet" href="{tenant_url(tenant, QLIK_STYLES_PATH)}"> to the <head>.',
            )
