"""Generated qlik-embed projects in headless Chromium, with the real @qlik/embed-web-components from npm.

The page's CDN URL is answered from tests/node_modules (so the integrity hash in the page must match the npm
file, or Chromium refuses it); the stand-in tenant serves <tenant>/qlik-embed/main.js, a runtime stand-in
that records the host config the real package derives from the page and each element's props.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import APP_ID, TIMEOUT_MS, closed_port, fresh_context, launched_chromium, mutate
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from standin import StaticSite, Tenant, new_web_integration_id

from tests.cli_support import new_project
from tests.embed_browser_support import embed_network
from tests.embed_support import CLIENT_ID, PACKAGE

pytestmark = pytest.mark.browser

SHEET = "nunQpgh"
OBJECTS = ("kpi=QVwQm", "CurrentSelections")
# (element, ui, objectId, sheetId) of every <qlik-embed> of a project made with OBJECTS and SHEET.
ELEMENTS = [
    ("kpi", "analytics/chart", "QVwQm", None),
    ("CurrentSelections", "analytics/selections", None, None),
    (f"sheet-{SHEET}", "classic/app", None, SHEET),
]
# The waits of a test expected to fail are short: the page has settled long before.
SHORT_MS = 3_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module."""
    if not (PACKAGE / "dist" / "index.js").is_file():
        pytest.skip("npm install --prefix tests has not been run")
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test, its network limited to the package and loopback servers."""
    with fresh_context(browser, route=embed_network) as ctx:
        yield ctx


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    with Tenant() as t:
        yield t


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticSite]:
    """The project's folder served on its own origin (it is generated into the folder once the port is known)."""
    root = tmp_path / "portal"
    root.mkdir()
    with StaticSite(root) as s:
        yield s


def generate(site: StaticSite, tenant: Tenant, *auth: str) -> Path:
    """A qlik-embed project in the site's folder, on the tenant, allowlisting the site's origin."""
    options = ["--template", "qlik-embed", "--tenant", tenant.url, "--app-id", APP_ID]
    options += ["--origin", site.origin, "--sheet", SHEET, *auth, "--no-input"]
    for obj in OBJECTS:
        options += ["--object", obj]
    return new_project(site.root, *options)


def oauth2(site: StaticSite, tenant: Tenant) -> Path:
    return generate(site, tenant, "--client-id", CLIENT_ID)


def embedded(page: Page, url: str, count: int, timeout_ms: int = TIMEOUT_MS) -> dict[str, Any]:
    """Open the page and wait until the runtime stand-in saw ``count`` elements; return what it recorded."""
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function(
            "n => { const r = window.__standinQlikEmbed; return !!r && r.mounted.length + r.refused.length >= n }",
            arg=count,
            timeout=timeout_ms,
        )
    except PlaywrightTimeout:
        seen = page.evaluate("window.__standinQlikEmbed || null")
        raise AssertionError(f"the tenant's runtime did not see {count} elements of {url}: {seen}") from None
    return page.evaluate("window.__standinQlikEmbed")


def verify(page: Page, url: str, tenant: Tenant, host_config: dict[str, Any], timeout_ms: int = TIMEOUT_MS) -> None:
    """Every element mounted by the tenant's runtime with ``host_config`` and its own ui, app and object."""
    seen = embedded(page, url, len(ELEMENTS), timeout_ms)
    assert seen["refused"] == [], seen["refused"]
    assert seen["runtimeOrigin"] == tenant.url
    mounted = sorted(seen["mounted"], key=lambda e: e["element"])
    assert [(e["element"], e["ui"], e["objectId"], e["sheetId"]) for e in mounted] == sorted(ELEMENTS)
    for entry in mounted:
        assert entry["appId"] == APP_ID
        assert entry["hostConfig"] == host_config, entry
    assert page.locator("[data-standin-mounted='true'] .standin-embed").count() == len(ELEMENTS)
    assert tenant.requested("/qlik-embed/main.js") >= 1


def oauth_host_config(site: StaticSite, tenant: Tenant) -> dict[str, Any]:
    return {
        "authType": "Oauth2",
        "clientId": CLIENT_ID,
        "redirectUri": f"{site.origin}/oauth-callback.html",
        "accessTokenStorage": "session",
        "host": tenant.url,
        "autoRedirect": True,
    }


def verify_callback(page: Page, site: StaticSite, tenant: Tenant, timeout_ms: int = TIMEOUT_MS) -> None:
    """The callback page runs Qlik's callback with the tenant's runtime and the same host."""
    page.goto(f"{site.origin}/oauth-callback.html?code=abc&state=xyz", wait_until="commit")
    try:
        page.wait_for_selector("html[data-standin-oauth-callback]", state="attached", timeout=timeout_ms)
    except PlaywrightTimeout:
        raise AssertionError("the callback page did not run Qlik's callback with the tenant's runtime") from None
    seen = page.evaluate("window.__standinQlikEmbed")
    assert seen["runtimeOrigin"] == tenant.url
    assert len(seen["callbacks"]) == 1 and seen["callbacks"][0]["search"] == "?code=abc&state=xyz"
    assert seen["callbacks"][0]["hostConfig"]["host"] == tenant.url


def test_oauth2_page_and_callback(page: Page, site: StaticSite, tenant: Tenant) -> None:
    oauth2(site, tenant)
    verify(page, site.url + "index.html", tenant, oauth_host_config(site, tenant))
    verify_callback(page, site, tenant)


def test_cookie_page(page: Page, site: StaticSite, tenant: Tenant) -> None:
    wid = new_web_integration_id()
    generate(site, tenant, "--auth", "cookie", "--web-integration-id", wid)
    config = {"authType": "cookie", "webIntegrationId": wid, "host": tenant.url, "autoRedirect": True}
    verify(page, site.url + "index.html", tenant, config)


def test_classic_ui(page: Page, site: StaticSite, tenant: Tenant) -> None:
    generate(site, tenant, "--client-id", CLIENT_ID, "--ui", "classic")
    seen = embedded(page, site.url + "index.html", len(ELEMENTS))
    assert sorted(e["ui"] for e in seen["mounted"]) == ["analytics/selections", "classic/app", "classic/chart"]


# -- mutations: each breaks the generated project in one way; the checks above must notice -----------------


def test_wrong_data_host_is_detected(page: Page, site: StaticSite, tenant: Tenant) -> None:
    project = oauth2(site, tenant)
    mutate(
        project, r'data-host="[^"]*"', f'data-host="http://127.0.0.1:{closed_port()}"', files=[project / "index.html"]
    )
    with pytest.raises(AssertionError):
        verify(page, site.url + "index.html", tenant, oauth_host_config(site, tenant), SHORT_MS)
    assert tenant.requested("/qlik-embed/main.js") == 0


def test_missing_client_id_is_detected(page: Page, site: StaticSite, tenant: Tenant) -> None:
    project = oauth2(site, tenant)
    mutate(project, r"^\s*data-client-id=.*\n", "", files=[project / "index.html"])
    with pytest.raises(AssertionError):
        verify(page, site.url + "index.html", tenant, oauth_host_config(site, tenant), SHORT_MS)
    refused = page.evaluate("window.__standinQlikEmbed.refused")
    assert {entry["problem"] for entry in refused} == {"OAuth2 without a client id"}


def test_missing_web_integration_id_is_detected(page: Page, site: StaticSite, tenant: Tenant) -> None:
    wid = new_web_integration_id()
    project = generate(site, tenant, "--auth", "cookie", "--web-integration-id", wid)
    mutate(project, r"^\s*data-web-integration-id=.*\n", "", files=[project / "index.html"])
    config = {"authType": "cookie", "webIntegrationId": wid, "host": tenant.url, "autoRedirect": True}
    with pytest.raises(AssertionError):
        verify(page, site.url + "index.html", tenant, config, SHORT_MS)


def test_wrong_integrity_hash_is_detected(page: Page, site: StaticSite, tenant: Tenant) -> None:
    project = oauth2(site, tenant)
    mutate(project, r'integrity="sha384-[^"]*"', f'integrity="sha384-{"A" * 64}"', files=[project / "index.html"])
    with pytest.raises(AssertionError):
        verify(page, site.url + "index.html", tenant, oauth_host_config(site, tenant), SHORT_MS)
    assert tenant.requested("/qlik-embed/main.js") == 0


def test_wrong_callback_host_is_detected(page: Page, site: StaticSite, tenant: Tenant) -> None:
    project = oauth2(site, tenant)
    callback = project / "oauth-callback.html"
    mutate(project, r'data-host="[^"]*"', f'data-host="http://127.0.0.1:{closed_port()}"', files=[callback])
    with pytest.raises(AssertionError):
        verify_callback(page, site, tenant, SHORT_MS)
