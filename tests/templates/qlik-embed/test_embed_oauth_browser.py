"""A generated ``--auth oauth2`` qlik-embed project performs the whole PKCE round trip in headless Chromium
with Qlik's real code: @qlik/embed-web-components from npm derives the host config from the page, the stand-in
tenant's runtime hands @qlik/api's own auth and qix modules, the stand-in's OAuth server checks everything.

One authorize trip: the page goes to the tenant's /oauth/authorize, comes back to the project's
oauth-callback.html (qlik-embed's callback script), which returns to the page; the code is exchanged for a
token (PKCE checked), exchanged again for the engine, and the hypercube's rows come back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import TIMEOUT_MS, fresh_context, launched_chromium, run_cli
from playwright.sync_api import Browser
from standin import StaticSite, Tenant

from tests.embed_browser_support import embed_network, mounted, open_app
from tests.embed_support import PACKAGE
from tests.impersonation_support import APP_ID

pytestmark = pytest.mark.browser

# Starts the sign-in: @qlik/api's auth leaves the page for the tenant, so nothing is awaited here.
START = """(appId) => {
  const entry = window.__standinQlikEmbed.mounted[0];
  window.QlikMain.import("qix@v1").then((qix) => qix.openAppSession({ appId, hostConfig: entry.hostConfig }).getDoc());
  return true;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not (PACKAGE / "dist" / "index.js").is_file():
        pytest.skip("npm install --prefix tests has not been run")
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    with Tenant(apps={APP_ID: []}) as t:
        yield t


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticSite]:
    root = tmp_path / "portal"
    root.mkdir()
    with StaticSite(root) as s:
        yield s


def _project(site: StaticSite, tenant: Tenant, client_id: str) -> str:
    """Generate the oauth2 project into the site's folder; return the page's URL."""
    args = ["new", str(site.root), "--template", "qlik-embed", "--tenant", tenant.url, "--app-id", APP_ID]
    run_cli([*args, "--object", "chart=QVwQm", "--client-id", client_id, "--origin", site.origin, "--no-input"])
    return site.origin + "/index.html"


def test_pkce_round_trip_with_qlik_embed_then_the_engine(browser: Browser, tenant: Tenant, site: StaticSite) -> None:
    callback = site.origin + "/oauth-callback.html"
    client = tenant.add_oauth_client(redirect_uris=[callback], allowed_origins=[site.origin])
    page_url = _project(site, tenant, client.client_id)
    with fresh_context(browser, embed_network) as context:
        page = context.new_page()
        documents: list[str] = []
        page.on("framenavigated", lambda frame: documents.append(frame.url) if frame == page.main_frame else None)
        seen = mounted(page, page_url)
        assert seen["refused"] == []
        assert seen["mounted"][0]["hostConfig"]["redirectUri"] == callback
        page.evaluate(START, APP_ID)
        page.wait_for_url(callback + "?**", timeout=TIMEOUT_MS)
        page.wait_for_url(page_url, timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => { const r = window.__standinQlikEmbed; return !!r && r.mounted.length >= 1 }", timeout=TIMEOUT_MS
        )
        result = open_app(page)
    assert "error" not in result, result
    assert result["rows"] and result["title"] == f"App {APP_ID}" and result["user"] == "Stand-in User"
    users_me = [r for r in tenant.requests if r.path == "/api/v1/users/me"]
    assert users_me and all(r.headers.get("authorization", "").startswith("Bearer ") for r in users_me)
    assert tenant.requested("/idp/authorize") == 1  # one sign-in trip (the stand-in IdP)
    grants = [(r.grant_type, r.purpose, r.status, r.origin) for r in tenant.token_requests]
    assert grants[0] == ("authorization_code", None, 200, site.origin)
    assert ("urn:ietf:params:oauth:grant-type:token-exchange", "websocket", 200, site.origin) in grants
    (ws_token,) = tenant.tokens_issued("websocket")
    assert ws_token.client_id == client.client_id
    sockets = [r for r in tenant.requests if r.path == f"/app/{APP_ID}"]
    assert sockets and all("accessToken=" in r.query for r in sockets)
    assert any(u.startswith(callback + "?code=") for u in documents)
    assert len([u for u in documents if u.startswith(site.origin)]) <= 3


def test_a_wrong_client_id_gets_no_code_and_no_token(browser: Browser, tenant: Tenant, site: StaticSite) -> None:
    """Mutation: the page names a client the tenant does not know: Qlik's error page, no token."""
    tenant.add_oauth_client(redirect_uris=[site.origin + "/oauth-callback.html"], allowed_origins=[site.origin])
    page_url = _project(site, tenant, "ab" * 16)
    with fresh_context(browser, embed_network) as context:
        page = context.new_page()
        mounted(page, page_url)
        page.evaluate(START, APP_ID)
        page.wait_for_url(f"{tenant.url}/oauth/authorize?**", timeout=TIMEOUT_MS)
        page.wait_for_selector("#error-code", timeout=TIMEOUT_MS)
        assert page.text_content("#error-code") == "OAUTH-1"
    assert tenant.token_requests == [] and tenant.tokens_issued() == []
