"""Example pages in a project's documentation folder (docs/examples/cookie.html) show the reader what to fill in:
``data-host="https://<TENANT>.<REGION>.qlikcloud.com"``, ``data-web-integration-id="<WEB_INTEGRATION_ID>"``,
``app-id="your-app-id"``. Where the app outside docs/ names its tenant, they are documentation, not the app left
unconfigured: no placeholder, no web-integration-id-invalid. Where docs/ is the site itself (GitHub Pages serves
it) and nothing else names a tenant, its placeholders are still the app's."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, embed_page, write

TEMPLATE = (
    '<!doctype html><html><head>\n<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/'
    '@qlik/embed-web-components@1.6.0/dist/index.js" data-host="https://<TENANT>.<REGION>.qlikcloud.com" '
    'data-web-integration-id="<WEB_INTEGRATION_ID>" data-auth-type="cookie"></script>\n</head><body>\n'
    '<qlik-embed ui="analytics/chart" app-id="your-app-id" object-id="your-object-id"></qlik-embed>\n</body></html>\n'
)
APP_PAGE = embed_page(f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="hRZaKk"></qlik-embed>')
RULES = ("placeholder", "web-integration-id-invalid")


def findings(root: Path) -> list[str]:
    return sorted({f"{Path(f.path or '').name}:{f.rule}" for f in check_paths([str(root)]).findings if f.rule in RULES})


def test_an_example_page_in_docs_beside_a_configured_app(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": APP_PAGE, "docs/examples/cookie.html": TEMPLATE})
    assert findings(tmp_path) == []


def test_docs_that_are_the_site_itself(tmp_path: Path) -> None:
    write(tmp_path, {"docs/index.html": TEMPLATE, "README.md": "# site\n"})
    assert findings(tmp_path) == ["index.html:placeholder", "index.html:web-integration-id-invalid"]


def test_the_same_page_outside_docs_is_the_apps(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": APP_PAGE, "examples/cookie.html": TEMPLATE})
    assert findings(tmp_path) == ["cookie.html:placeholder", "cookie.html:web-integration-id-invalid"]
