"""Generated web apps signing in with OAuth2 (`new --template webapp --auth oauth2`) in headless Chromium.

Qlik's real @qlik/api, which the page loads from jsDelivr pinned by an import map's integrity list, is served
from tests/node_modules in its place (no network: a route answers the CDN's URLs with the package's bytes); it
signs in against the stand-in tenant's OAuth server: PKCE, the callback
page, a Bearer token on REST, an exchanged token on the engine. Every failure is named on the page within
three loads of the project's pages, and the mutations the issue names fail these checks.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import TIMEOUT_MS, fresh_context, launched_chromium
from playwright.sync_api import Browser, Page, Route
from standin import StaticSite, Tenant
from standin.runtime import API_PACKAGE

from tests.cli_support import new_project

pytestmark = pytest.mark.browser

APP_ID = "0c9f3a4e-6f0b-4d3c-9f3e-2a7d5b8e1c44"
SALES_BY_REGION = [["North", "150"], ["South", "125"], ["East", "60"], ["West", "65"]]
STATUS = "#webapp-status"
PROJECT = "proj"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    if not (API_PACKAGE / "auth.js").is_file():
        pytest.skip("npm ci --prefix tests has not been run")
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    """A stand-in tenant holding the app; always stopped."""
    with Tenant(apps={APP_ID: []}) as t:
        yield t


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticSite]:
    """The page's own site, on another origin than the tenant (localhost vs 127.0.0.1); the project is
    generated into it once its port, and so the redirect URI, is known."""
    with StaticSite(tmp_path, host="localhost") as served:
        yield served


def redirect_uri(site: StaticSite) -> str:
    return f"{site.url}{PROJECT}/oauth-callback.html"


def page_url(site: StaticSite) -> str:
    return f"{site.url}{PROJECT}/index.html"


def generate(site: StaticSite, tenant: Tenant, client_id: str, *, app_id: str = APP_ID, redirect: str = "") -> Path:
    """`mashup-gen new --template webapp --auth oauth2` into the site, for the site's origin."""
    dest = site.root / PROJECT
    options = ["--template", "webapp", "--auth", "oauth2", "--client-id", client_id]
    options += ["--tenant", tenant.url, "--app-id", app_id, "--origin", site.origin, "--no-input"]
    options += ["--set", f"redirect_uri={redirect or redirect_uri(site)}"]
    new_project(dest, *options)
    assert (dest / "oauth-callback.html").is_file()
    return dest


CDN = "https://cdn.jsdelivr.net/npm/@qlik/api@2.19.0/"


def _cdn_from_node_modules(route: Route, tamper: str | None = None) -> bool:
    """Answer a jsDelivr URL of @qlik/api with the npm package's file, as jsDelivr does (CORS, JavaScript);
    with ``tamper``, that file gets one more comment line, as a changed CDN copy would. True when handled."""
    url = route.request.url
    if not url.startswith(CDN):
        return False
    path = API_PACKAGE / url[len(CDN) :].split("?", 1)[0]
    if not path.is_file() or API_PACKAGE.resolve() not in path.resolve().parents:  # node_modules may be a link
        route.fulfill(status=404, body="not found")
        return True
    body = path.read_bytes()
    if tamper is not None and path.name.startswith(tamper):
        body += b"\n// changed\n"
    route.fulfill(
        status=200,
        body=body,
        headers={"content-type": "application/javascript; charset=utf-8", "access-control-allow-origin": "*"},
    )
    return True


def _loopback_only(route: Route) -> None:
    if _cdn_from_node_modules(route):
        return
    if route.request.url.startswith(("http://127.0.0.1:", "http://localhost:")):
        route.continue_()
    else:
        route.abort()


class Visit:
    """A page in a fresh profile, counting loads of the project's own documents."""

    def __init__(self, page: Page, site: StaticSite) -> None:
        self.page = page
        self.loads: list[str] = []
        prefix = f"{site.url}{PROJECT}/"
        # "load" fires once per document, not for the same-document history entry the page pushes.
        page.on("load", lambda loaded: self.loads.append(loaded.url) if loaded.url.startswith(prefix) else None)

    def rows(self) -> list[list[str]]:
        try:
            self.page.wait_for_function(
                "(n) => document.querySelectorAll('#webapp-table tbody tr').length === n",
                arg=len(SALES_BY_REGION),
                timeout=TIMEOUT_MS,
            )
        except Exception as exc:
            raise AssertionError(f"no rows; the page says {self.status()!r}") from exc
        return self.page.evaluate(  # type: ignore[no-any-return]
            "Array.from(document.querySelectorAll('#webapp-table tbody tr'))"
            ".map((tr) => Array.from(tr.cells).map((td) => td.textContent))"
        )

    def problem(self) -> str:
        self.page.wait_for_selector(f"{STATUS}[data-state='error']", state="attached", timeout=TIMEOUT_MS)
        return self.status()

    def status(self) -> str:
        return self.page.locator(STATUS).text_content(timeout=2_000) or ""


@pytest.fixture
def visit(browser: Browser, site: StaticSite) -> Iterator[Visit]:
    with fresh_context(browser, _loopback_only) as context:
        yield Visit(context.new_page(), site)


def assert_signed_in_with_oauth(tenant: Tenant, client_id: str) -> None:
    """What the wire must show for one good sign-in: one authorize trip, PKCE code grant, Bearer on REST, the
    exchanged token on the engine, and nothing of the cookie flow."""
    # One trip: the stand-in's /oauth/authorize sends an unsigned user through its identity provider once and
    # resumes the same request, and one code is exchanged.
    assert tenant.requested("/idp/authorize") == 1
    grants = [(r.grant_type, r.status) for r in tenant.token_requests]
    assert grants.count(("authorization_code", 200)) == 1
    assert ("urn:ietf:params:oauth:grant-type:token-exchange", 200) in grants
    users_me = [r for r in tenant.requests if r.path == "/api/v1/users/me"]
    assert users_me and all(r.headers.get("authorization", "").startswith("Bearer ") for r in users_me)
    sockets = [r for r in tenant.requests if r.path == f"/app/{APP_ID}"]
    assert sockets and all("accessToken=" in r.query for r in sockets)
    (ws_token,) = tenant.tokens_issued("websocket")
    assert ws_token.client_id == client_id
    for request in tenant.requests:
        assert request.path not in ("/login", "/api/v1/csrf-token"), request.path
        assert "qlik-web-integration-id" not in request.headers and "qlik-web-integration-id" not in request.query


def test_pkce_round_trip_then_rows_after_one_authorize_trip(tenant: Tenant, site: StaticSite, visit: Visit) -> None:
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=[site.origin])
    project = generate(site, tenant, client.client_id)
    from_cdn: list[str] = []
    visit.page.on("request", lambda request: from_cdn.append(request.url) if request.url.startswith(CDN) else None)
    visit.page.goto(page_url(site))
    assert visit.rows() == SALES_BY_REGION
    assert_signed_in_with_oauth(tenant, client.client_id)
    # Every module the browser took from the CDN is pinned by the page's import map (the callback script by SRI).
    page = (project / "index.html").read_text(encoding="utf-8")
    pinned = set(json.loads(page.split('<script type="importmap">', 1)[1].split("</script>", 1)[0])["integrity"])
    modules = {url for url in from_cdn if not url.endswith("/oauth-callback.iife.js")}
    assert modules and modules <= pinned, modules - pinned
    assert CDN + "oauth-callback.iife.js" in from_cdn
    assert visit.page.locator("#webapp-user").text_content() == "Signed in as Stand-in User"
    # page, callback (with the code), page again: three loads, the last one the page itself.
    assert len(visit.loads) <= 3 and visit.loads[-1] == page_url(site)
    assert any(u.startswith(redirect_uri(site) + "?code=") for u in visit.loads)
    # A reload uses the token the tab holds: no second trip.
    trips = tenant.requested("/oauth/authorize")
    visit.page.reload()
    assert visit.rows() == SALES_BY_REGION
    assert tenant.requested("/oauth/authorize") == trips


def _back_from_qliks_error_page(visit: Visit, tenant: Tenant, site: StaticSite) -> str:
    """Open the page; Qlik stops on its OAUTH-1 page; Back returns to the page, which names the problem."""
    visit.page.goto(page_url(site))
    visit.page.wait_for_url(f"{tenant.url}/oauth/authorize?**", timeout=TIMEOUT_MS)
    visit.page.wait_for_selector("#error-code", timeout=TIMEOUT_MS)
    assert visit.page.text_content("#error-code") == "OAUTH-1"
    visit.page.go_back()
    assert visit.page.url == page_url(site)
    text = visit.problem()
    assert len(visit.loads) <= 3
    assert tenant.tokens_issued() == []
    return text


def test_an_unregistered_redirect_uri_is_named_after_back_from_qliks_page(
    tenant: Tenant, site: StaticSite, visit: Visit
) -> None:
    # The mutation "redirect URI off by one char": the client holds the project's URI but for one character.
    registered = redirect_uri(site)[:-1] + "m"
    client = tenant.add_oauth_client(redirect_uris=[registered], allowed_origins=[site.origin])
    generate(site, tenant, client.client_id)
    text = _back_from_qliks_error_page(visit, tenant, site)
    assert redirect_uri(site) in text and "OAUTH-1" in text and client.client_id in text
    # A reload shows the same message: it does not start another trip on its own (no loop).
    trips = tenant.requested("/oauth/authorize")
    visit.page.reload()
    assert redirect_uri(site) in visit.problem()
    assert tenant.requested("/oauth/authorize") == trips
    assert visit.page.locator("#webapp-sign-in").is_visible()


def test_a_wrong_client_id_is_named_after_back_from_qliks_page(tenant: Tenant, site: StaticSite, visit: Visit) -> None:
    tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=[site.origin])
    wrong = secrets.token_hex(16)
    generate(site, tenant, wrong)
    text = _back_from_qliks_error_page(visit, tenant, site)
    assert wrong in text and "--client-id" in text


def test_an_origin_the_client_does_not_allow_is_named(tenant: Tenant, site: StaticSite, visit: Visit) -> None:
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=["http://localhost:1"])
    generate(site, tenant, client.client_id)
    visit.page.goto(page_url(site))
    text = visit.problem()
    assert site.origin in text and client.client_id in text and "allowed origin" in text
    assert len(visit.loads) <= 3
    assert tenant.tokens_issued() == []


def test_an_app_that_is_not_there_is_named(tenant: Tenant, site: StaticSite, visit: Visit) -> None:
    missing = "11111111-2222-3333-4444-555555555555"
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=[site.origin])
    generate(site, tenant, client.client_id, app_id=missing)
    visit.page.goto(page_url(site))
    text = visit.problem()
    assert missing in text and "--app-id" in text
    assert len(visit.loads) <= 3


def test_mutation_a_token_sent_without_bearer_gets_no_rows(tenant: Tenant, site: StaticSite, browser: Browser) -> None:
    """The page's REST call with the token but not as `Bearer <token>`: the tenant refuses it and the page says so
    instead of drawing rows, so the round-trip test above cannot pass with such a sender."""
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=[site.origin])
    generate(site, tenant, client.client_id)

    def strip_bearer(route: Route) -> None:
        request = route.request
        if _cdn_from_node_modules(route):
            return
        if not request.url.startswith(("http://127.0.0.1:", "http://localhost:")):
            route.abort()
            return
        headers = dict(request.headers)
        if "/api/v1/" in request.url and headers.get("authorization", "").startswith("Bearer "):
            headers["authorization"] = headers["authorization"][len("Bearer ") :]
        route.continue_(headers=headers)

    with fresh_context(browser, strip_bearer) as context:
        visit = Visit(context.new_page(), site)
        visit.page.goto(page_url(site))
        text = visit.problem()
        assert visit.page.locator("#webapp-table tbody tr").count() == 0
    assert "/api/v1/users/me" in text


def test_mutation_a_changed_cdn_module_is_refused(tenant: Tenant, site: StaticSite, browser: Browser) -> None:
    """The import map's integrity list is what pins @qlik/api: a module whose bytes differ never runs, so the
    page never signs in; the page names what it could not load."""
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=[site.origin])
    generate(site, tenant, client.client_id)

    def tampered(route: Route) -> None:
        if _cdn_from_node_modules(route, tamper="users"):
            return
        _loopback_only(route)

    with fresh_context(browser, tampered) as context:
        visit = Visit(context.new_page(), site)
        visit.page.goto(page_url(site))
        text = visit.problem()
        assert visit.page.locator("#webapp-table tbody tr").count() == 0
    assert "@qlik/api 2.19.0 did not load from " + CDN in text and "import map" in text
    assert tenant.requested("/oauth/authorize") == 0 and tenant.tokens_issued() == []


def test_sign_in_again_after_the_client_is_fixed_reaches_the_rows(
    tenant: Tenant, site: StaticSite, visit: Visit
) -> None:
    """The page waits for the user after a refusal; once the redirect URI is registered, one click signs in."""
    client = tenant.add_oauth_client(redirect_uris=[site.url + "elsewhere.html"], allowed_origins=[site.origin])
    generate(site, tenant, client.client_id)
    _back_from_qliks_error_page(visit, tenant, site)
    client.redirect_uris.append(redirect_uri(site))  # what the admin does in the Management Console
    visit.page.locator("#webapp-sign-in").click()
    assert visit.rows() == SALES_BY_REGION
    assert visit.page.locator("#webapp-sign-in").is_hidden()
    assert [r.status for r in tenant.token_requests if r.grant_type == "authorization_code"] == [200]


def test_an_engine_socket_closed_later_offers_reconnect(tenant: Tenant, site: StaticSite, visit: Visit) -> None:
    client = tenant.add_oauth_client(redirect_uris=[redirect_uri(site)], allowed_origins=[site.origin])
    generate(site, tenant, client.client_id)
    visit.page.goto(page_url(site))
    assert visit.rows() == SALES_BY_REGION
    assert tenant.drop_engine_sessions() >= 1
    assert "connection to the Qlik engine closed" in visit.problem()
    visit.page.locator("#webapp-reconnect").click()
    assert visit.rows() == SALES_BY_REGION
    assert tenant.requested("/idp/authorize") == 1  # the tab's token serves again: no second sign-in
