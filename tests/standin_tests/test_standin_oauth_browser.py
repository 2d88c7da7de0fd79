"""Qlik's real @qlik/api (npm, tests/node_modules) signs in against the stand-in's OAuth2 server in Chromium.

The page is written here, not by a template: it imports @qlik/api's ES modules from its own origin, which
load the tenant's runtime (`<tenant>/qlik-embed/main.js`) and through it @qlik/api's own auth, invoke-fetch
and qix modules. One authorize trip, then REST with the Bearer token and the engine with the exchanged token.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import APP_ID, TIMEOUT_MS, fresh_context, launched_chromium
from playwright.sync_api import Browser, Page, Route
from standin import GRANT_IMPERSONATION, StaticSite, Tenant
from standin.runtime import API_PACKAGE, NODE_MODULES

from tests.oauth_support import impersonate

pytestmark = pytest.mark.browser

PAGE_SOURCE = """<!doctype html>
<html><head><meta charset="utf-8"><title>@qlik/api against the stand-in</title></head>
<body><pre id="out">working</pre>
<script type="module">
import auth from "./node_modules/@qlik/api/auth.js";
import qix from "./node_modules/@qlik/api/qix.js";
import { getMyUser } from "./node_modules/@qlik/api/users.js";

// An impersonating backend hands the page its user's token (here a file standing in for its token route).
window.getQlikToken = async () => (await (await fetch("token.json", { cache: "no-store" })).json()).access_token;
const hostConfig = {
  authType: "oauth2",
  host: HOST,
  clientId: CLIENT_ID,
  redirectUri: REDIRECT_URI,
  accessTokenStorage: "session",
  /*EXTRA*/
};
auth.setDefaultHostConfig(hostConfig);
const out = document.getElementById("out");
try {
  const me = await getMyUser({ hostConfig });
  const doc = await qix.openAppSession({ appId: APP_ID, hostConfig }).getDoc();
  const layout = await doc.getAppLayout();
  const cube = await doc.createSessionObject({
    qInfo: { qType: "standin-test" },
    qHyperCubeDef: {
      qDimensions: [{ qDef: { qFieldDefs: ["Region"] } }],
      qMeasures: [{ qDef: { qDef: "Sum(Sales)" } }],
      qInitialDataFetch: [{ qWidth: 2, qHeight: 50 }],
    },
  });
  const rows = (await cube.getLayout()).qHyperCube.qDataPages[0].qMatrix;
  window.__result = { user: me.data.name, title: layout.qTitle, rows: rows.map((r) => r.map((c) => c.qText)) };
} catch (error) {
  window.__result = { error: String(error && (error.message || error)) };
}
out.textContent = JSON.stringify(window.__result);
</script></body></html>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    if not (API_PACKAGE / "auth.js").is_file():
        pytest.skip("npm install --prefix tests has not been run")
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    """A tenant holding the test app; always stopped."""
    with Tenant(apps={APP_ID: []}) as t:
        yield t


@pytest.fixture
def site(tmp_path: Path, tenant: Tenant) -> Iterator[StaticSite]:
    """The test page on another origin than the tenant, with Qlik's packages from tests/node_modules beside it.

    Hard links, not a symlink: `mashup-gen serve` never follows a link out of the project it serves.
    """
    for package in ("api", "embed-web-components"):
        source = NODE_MODULES / "@qlik" / package
        shutil.copytree(source, tmp_path / "node_modules" / "@qlik" / package, copy_function=os.link)
    with StaticSite(tmp_path, host="localhost") as served:
        yield served


CALLBACK_SOURCE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Signing in</title></head><body>
<script crossorigin="anonymous" type="application/javascript" data-host=HOST
  src="./node_modules/@qlik/api/oauth-callback.iife.js"></script>
</body></html>
"""


def _write_page(
    site: StaticSite, tenant: Tenant, client_id: str, redirect_uri: str | None = None, *, token: bool = False
) -> str:
    """index.html signing in with ``redirect_uri`` (the page itself when None), or with ``getAccessToken``
    when ``token``; and callback.html, @qlik/api's own callback script as Qlik's example has it."""
    redirect = json.dumps(redirect_uri) if redirect_uri else "location.origin + location.pathname"
    source = (
        PAGE_SOURCE.replace("HOST,", json.dumps(tenant.url) + ",", 1)
        .replace("/*EXTRA*/", 'getAccessToken: "getQlikToken",' if token else "", 1)
        .replace("CLIENT_ID,", json.dumps(client_id) + ",", 1)
        .replace("REDIRECT_URI,", redirect + ",", 1)
        .replace("appId: APP_ID", f"appId: {json.dumps(APP_ID)}", 1)
    )
    (site.root / "index.html").write_text(source, encoding="utf-8")
    callback = CALLBACK_SOURCE.replace("HOST", json.dumps(tenant.url), 1)
    (site.root / "callback.html").write_text(callback, encoding="utf-8")
    return site.url + "index.html"


def _loopback_only(route: Route) -> None:
    url = route.request.url
    if url.startswith(("http://127.0.0.1:", "http://localhost:")):
        route.continue_()
    else:
        route.abort()


def _result(page: Page) -> dict[str, object]:
    page.wait_for_function("() => window.__result !== undefined", timeout=TIMEOUT_MS)
    return page.evaluate("window.__result")  # type: ignore[no-any-return]


@pytest.mark.parametrize("callback", [None, "callback.html"], ids=["page-is-redirect-uri", "callback-page"])
def test_pkce_round_trip_then_rest_and_engine_with_qliks_own_code(
    browser: Browser, tenant: Tenant, site: StaticSite, callback: str | None
) -> None:
    page_url = site.url + "index.html"
    redirect_uri = site.url + callback if callback else page_url
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri], allowed_origins=[site.origin])
    _write_page(site, tenant, client.client_id, redirect_uri if callback else None)
    with fresh_context(browser, _loopback_only) as context:
        page = context.new_page()
        documents: list[str] = []
        page.on("framenavigated", lambda frame: documents.append(frame.url) if frame == page.main_frame else None)
        page.goto(page_url)
        result = _result(page)
    assert "error" not in result, result
    assert result["user"] == "Stand-in User" and result["title"] == f"App {APP_ID}"
    assert result["rows"], "the hypercube came back empty"
    assert tenant.requested("/idp/authorize") == 1  # one authorize trip
    grants = [(r.grant_type, r.purpose, r.status, r.origin) for r in tenant.token_requests]
    assert grants[0] == ("authorization_code", None, 200, site.origin)
    assert ("urn:ietf:params:oauth:grant-type:token-exchange", "websocket", 200, site.origin) in grants
    users_me = [r for r in tenant.requests if r.path == "/api/v1/users/me" and r.method == "GET"]
    assert users_me and all(r.headers.get("authorization", "").startswith("Bearer ") for r in users_me)
    assert all("cookie" not in r.headers for r in users_me)
    sockets = [r for r in tenant.requests if r.path == f"/app/{APP_ID}"]
    assert sockets and all("accessToken=" in r.query for r in sockets)
    (ws_token,) = tenant.tokens_issued("websocket")
    assert ws_token.client_id == client.client_id and ws_token.subject == "standin|default-user"
    # Qlik's runtime code came from the tenant: the package's chunk files, through main.js.
    assert tenant.requested("/qlik-embed/main.js") >= 1
    assert any(r.path.startswith("/qlik-embed/npm/@qlik/api/chunks/auth-") for r in tenant.requests)
    assert len([u for u in documents if u.startswith(site.url)]) <= 3
    if callback:
        assert any(u.startswith(redirect_uri + "?code=") for u in documents)
        assert documents[-1] == page_url  # the callback went back to the page that started


def test_an_unregistered_redirect_uri_stops_on_qliks_error_page(
    browser: Browser, tenant: Tenant, site: StaticSite
) -> None:
    client = tenant.add_oauth_client(redirect_uris=[site.url + "other.html"], allowed_origins=[site.origin])
    page_url = _write_page(site, tenant, client.client_id, site.url + "callback.html")
    with fresh_context(browser, _loopback_only) as context:
        page = context.new_page()
        page.goto(page_url)
        page.wait_for_url(f"{tenant.url}/oauth/authorize?**", timeout=TIMEOUT_MS)
        page.wait_for_selector("#error-code", timeout=TIMEOUT_MS)
        assert page.text_content("#error-code") == "OAUTH-1"
    assert tenant.token_requests == [] and tenant.tokens_issued() == []


def test_an_origin_the_client_does_not_allow_gets_no_token(browser: Browser, tenant: Tenant, site: StaticSite) -> None:
    page_url = site.url + "index.html"
    client = tenant.add_oauth_client(redirect_uris=[page_url], allowed_origins=["http://localhost:1"])
    _write_page(site, tenant, client.client_id)
    with fresh_context(browser, _loopback_only) as context:
        page = context.new_page()
        page.goto(page_url)
        # @qlik/api logs the failed token request and waits for ever: the page never gets a result.
        page.wait_for_timeout(2_500)
        assert page.evaluate("window.__result === undefined")
    assert [(r.grant_type, r.status) for r in tenant.token_requests] == [("authorization_code", 403)]
    assert tenant.tokens_issued() == []


def test_impersonation_token_from_the_backend_reaches_rest_and_the_engine(
    browser: Browser, tenant: Tenant, site: StaticSite
) -> None:
    """getAccessToken: no sign-in trip; the browser exchanges the backend's token with the web client's id
    and never sees the secret."""
    web = tenant.add_oauth_client(app_type="web", allowed_origins=[site.origin], grants=[GRANT_IMPERSONATION])
    tenant.add_user("auth0|carol", name="Carol")
    reply = impersonate(tenant, web.client_id, str(web.secret), "auth0|carol")  # what the backend does
    assert reply.status == 200
    (site.root / "token.json").write_text(json.dumps({"access_token": reply.json()["access_token"]}))
    page_url = _write_page(site, tenant, web.client_id, token=True)
    with fresh_context(browser, _loopback_only) as context:
        page = context.new_page()
        page.goto(page_url)
        result = _result(page)
    assert "error" not in result, result
    assert result["user"] == "Carol" and result["rows"]
    assert tenant.requested("/oauth/authorize") == 0
    from_browser = [r for r in tenant.token_requests if r.origin == site.origin]
    assert [(r.grant_type, r.purpose, r.status) for r in from_browser] == [
        ("urn:ietf:params:oauth:grant-type:token-exchange", "websocket", 200)
    ]
    (ws_token,) = tenant.tokens_issued("websocket")
    assert ws_token.subject == "auth0|carol" and ws_token.client_id == web.client_id
    for path in site.root.glob("*.*"):
        assert str(web.secret) not in path.read_text(encoding="utf-8"), path


EMBED_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>qlik-embed with an impersonation token</title>
<script>
window.getQlikToken = async () => (await (await fetch("token.json", { cache: "no-store" })).json()).access_token;
</script>
<script crossorigin="anonymous" type="application/javascript"
  src="./node_modules/@qlik/embed-web-components/dist/index.js"
  data-host=HOST data-auth-type="Oauth2" data-client-id=CLIENT_ID data-get-access-token="getQlikToken"></script>
</head><body><div id="kpi"><qlik-embed ui="analytics/chart" app-id=APP_ID object-id="QVwQm"></qlik-embed></div>
</body></html>
"""


def _write_embed_page(site: StaticSite, tenant: Tenant, client_id: str, token: str) -> None:
    """embed.html, and token.json standing in for the backend's token route."""
    (site.root / "token.json").write_text(json.dumps({"access_token": token}))
    page_source = (
        EMBED_PAGE.replace("HOST", json.dumps(tenant.url))
        .replace("CLIENT_ID", json.dumps(client_id))
        .replace("APP_ID", json.dumps(APP_ID))
    )
    (site.root / "embed.html").write_text(page_source, encoding="utf-8")


def test_qlik_embed_with_data_get_access_token_reaches_the_engine_as_the_user(
    browser: Browser, tenant: Tenant, site: StaticSite
) -> None:
    """The real @qlik/embed-web-components hands the token function's name to the runtime; the stand-in
    runtime then reads the user and opens the app with @qlik/api's own modules."""
    web = tenant.add_oauth_client(app_type="web", allowed_origins=[site.origin], grants=[GRANT_IMPERSONATION])
    tenant.add_user("auth0|dave", name="Dave")
    token = impersonate(tenant, web.client_id, str(web.secret), "auth0|dave").json()["access_token"]
    _write_embed_page(site, tenant, web.client_id, token)
    with fresh_context(browser, _loopback_only) as context:
        page = context.new_page()
        page.goto(site.url + "embed.html")
        page.wait_for_selector("[data-standin-engine=connected], [data-standin-engine=error]", timeout=TIMEOUT_MS)
        (entry,) = page.evaluate("window.__standinQlikEmbed.mounted")
    assert entry["hostConfig"]["getAccessToken"] == "getQlikToken"
    assert entry["engine"] == {"user": "Dave", "title": f"App {APP_ID}"}
    (ws_token,) = tenant.tokens_issued("websocket")
    assert ws_token.subject == "auth0|dave" and ws_token.client_id == web.client_id
    assert tenant.requested("/oauth/authorize") == 0


def test_qlik_embed_with_a_token_for_another_clients_origin_is_refused(
    browser: Browser, tenant: Tenant, site: StaticSite
) -> None:
    web = tenant.add_oauth_client(app_type="web", allowed_origins=["http://localhost:1"], grants=[GRANT_IMPERSONATION])
    token = impersonate(tenant, web.client_id, str(web.secret), "standin|default-user").json()["access_token"]
    _write_embed_page(site, tenant, web.client_id, token)
    with fresh_context(browser, _loopback_only) as context:
        page = context.new_page()
        page.goto(site.url + "embed.html")
        page.wait_for_selector("[data-standin-engine=error]", timeout=TIMEOUT_MS)
    assert tenant.tokens_issued("websocket") == []
