"""Generated web apps (template webapp) in headless Chromium: the real enigma.js against the stand-in's engine."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from browser_support import TIMEOUT_MS, PageWatch, fresh_context, launched_chromium, mutate, run_cli
from playwright.sync_api import Browser, Page
from standin import StaticSite, Tenant

from tests.cli_support import new_project

pytestmark = pytest.mark.browser

APP_ID = "0c9f3a4e-6f0b-4d3c-9f3e-2a7d5b8e1c44"
#: Sum(Sales) by Region in the stand-in engine's table, in load order.
SALES_BY_REGION = [["North", "150"], ["South", "125"], ["East", "60"], ["West", "65"]]
STATUS = "#webapp-status"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module."""
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser profile: no cookies or sessionStorage carried over."""
    with fresh_context(browser) as context:
        yield context.new_page()


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    """A stand-in tenant holding the app; always stopped."""
    with Tenant(apps={APP_ID: []}) as t:
        yield t


@pytest.fixture
def wid(tenant: Tenant) -> str:
    """A web integration; its origins are set once the page's site has a port."""
    return tenant.add_web_integration([])


@pytest.fixture
def sites() -> Iterator[list[StaticSite]]:
    """Static sites started by a test; all stopped at teardown."""
    started: list[StaticSite] = []
    try:
        yield started
    finally:
        for site in started:
            site.stop()


def generate(
    dest: Path,
    tenant: Tenant,
    wid: str,
    *,
    app_id: str = APP_ID,
    dimensions: Sequence[str] = ("Region",),
    measures: Sequence[str] = ("Sum(Sales)",),
) -> Path:
    """`mashup-gen new --template webapp` against the stand-in."""
    options = ["--template", "webapp", "--tenant", tenant.url, "--web-integration-id", wid]
    options += ["--app-id", app_id, "--title", "Stand-in web app", "--no-input"]
    for dimension in dimensions:
        options += ["--dimension", dimension]
    for measure in measures:
        options += ["--measure", measure]
    new_project(dest, *options)
    assert (dest / "app.js").is_file()
    return dest


def serve(project: Path, tenant: Tenant, wid: str | None, sites: list[StaticSite]) -> str:
    """Serve the project, allowlist its origin in `wid` (unless None); return the page's URL."""
    site = StaticSite(project).start()
    sites.append(site)
    if wid is not None:
        tenant.set_origins(wid, [site.origin])
    return site.url + "index.html"


def open_page(page: Page, url: str) -> PageWatch:
    watch = PageWatch(page)
    page.goto(url, wait_until="commit")
    return watch


def table_rows(page: Page) -> list[list[str]]:
    """The table's body, cell texts per row."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('#webapp-table tbody tr'))"
        ".map((tr) => Array.from(tr.cells).map((td) => td.textContent))"
    )


def expect_rows(page: Page, rows: list[list[str]], timeout_ms: int = TIMEOUT_MS, dimensions: int = 1) -> None:
    """Wait until the table shows exactly these rows and the chart one bar per row and measure."""
    try:
        page.wait_for_function(
            "(n) => document.querySelectorAll('#webapp-table tbody tr').length === n", arg=len(rows), timeout=timeout_ms
        )
    except Exception as exc:
        status = page.locator(STATUS).text_content(timeout=1_000)
        raise AssertionError(f"table never had {len(rows)} rows; status: {status!r}") from exc
    assert table_rows(page) == rows
    measures = len(rows[0]) - dimensions if rows else 0
    assert page.locator("#webapp-chart .webapp-bar").count() == len(rows) * measures


def wait_for_problem(page: Page) -> str:
    """Wait until the status shows an error; return its text."""
    page.wait_for_selector(f"{STATUS}[data-state='error']", state="attached", timeout=TIMEOUT_MS)
    return page.locator(STATUS).text_content() or ""


def engine_requests(tenant: Tenant) -> list[str]:
    return [r.query for r in tenant.requests if r.path == f"/app/{APP_ID}"]


def pre_login_401(errors: list[str], tenant: Tenant) -> list[str]:
    """Drop the expected 'Failed to load resource' of the session check made before signing in."""
    return [e for e in errors if not ("401" in e and f"{tenant.url}/api/v1/users/me" in e)]


def test_first_visit_logs_in_once_shows_rows_and_loads_nothing_from_qlik(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    url = serve(generate(tmp_path / "webapp", tenant, wid), tenant, wid, sites)
    watch = open_page(page, url)
    expect_rows(page, SALES_BY_REGION)
    assert page.locator("#webapp-app-title").text_content() == f"App: App {APP_ID}"
    # The user the tenant's REST API names, and where to sign out.
    assert page.locator("#webapp-user").text_content() == "Signed in as Stand-in User \u00b7 Sign out"
    assert page.locator("#webapp-user a").get_attribute("href") == f"{tenant.url}/logout"
    assert page.locator(STATUS).get_attribute("data-state") == "ready"
    assert tenant.login_count == 1 and tenant.completed_logins == 1
    assert page.url == url
    assert not [r.path for r in tenant.requests if r.path.startswith("/resources")]
    # The socket carried the web integration id and the session's CSRF token.
    (query,) = engine_requests(tenant)
    assert f"qlik-web-integration-id={wid}" in query and "qlik-csrf-token=" in query
    assert watch.current_errors == []
    assert pre_login_401(watch.all_errors, tenant) == []
    page.reload(wait_until="commit")
    expect_rows(page, SALES_BY_REGION)
    assert tenant.login_count == 1


def test_click_narrows_every_view_and_clear_restores(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    open_page(page, serve(generate(tmp_path / "webapp", tenant, wid), tenant, wid, sites))
    expect_rows(page, SALES_BY_REGION)
    page.locator("#webapp-table tbody tr[data-value='South']").click()
    expect_rows(page, [["South", "125"]])
    assert page.locator("#webapp-table tbody tr.webapp-selected").count() == 1
    assert page.locator("#webapp-chart .webapp-bar.webapp-selected").count() == 1
    page.locator("#webapp-clear").click()
    expect_rows(page, SALES_BY_REGION)
    # A bar selects too.
    page.locator("#webapp-chart .webapp-bar[data-value='East']").click()
    expect_rows(page, [["East", "60"]])
    page.locator("#webapp-clear").click()
    expect_rows(page, SALES_BY_REGION)


def test_two_dimensions_and_two_measures(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = generate(
        tmp_path / "webapp", tenant, wid, dimensions=["Region", "Product"], measures=["Sum(Sales)", "Count(Product)"]
    )
    open_page(page, serve(project, tenant, wid, sites))
    page.wait_for_function("() => document.querySelectorAll('#webapp-table tbody tr').length === 7")
    assert table_rows(page)[0] == ["North", "Bikes", "120", "1"]
    assert page.locator("#webapp-chart .webapp-bar").count() == 14
    assert page.locator("#webapp-table th").all_text_contents() == ["Region", "Product", "Sum(Sales)", "Count(Product)"]
    page.locator("#webapp-table tbody tr[data-value='West']").first.click()
    page.wait_for_function("() => document.querySelectorAll('#webapp-table tbody tr').length === 2")
    assert [row[:2] for row in table_rows(page)] == [["West", "Helmets"], ["West", "Bikes"]]


def test_origin_not_allowlisted(tmp_path: Path, page: Page, tenant: Tenant, sites: list[StaticSite]) -> None:
    other = tenant.add_web_integration(["http://127.0.0.1:1"])
    url = serve(generate(tmp_path / "webapp", tenant, other), tenant, None, sites)
    open_page(page, url)
    message = wait_for_problem(page)
    assert sites[0].origin in message
    assert tenant.login_count == 0 and engine_requests(tenant) == []
    assert page.locator("#webapp-table tbody tr").count() == 0
    assert page.url == url


def test_unknown_app_id_is_named(tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]) -> None:
    missing = "11111111-2222-4333-8444-555555555555"
    open_page(page, serve(generate(tmp_path / "webapp", tenant, wid, app_id=missing), tenant, wid, sites))
    message = wait_for_problem(page)
    assert missing in message and "not found" in message
    assert page.locator("#webapp-table tbody tr").count() == 0


def test_expression_the_engine_rejects_is_named(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = generate(tmp_path / "webapp", tenant, wid, measures=["Sum(Sales)", "Median(Sales)"])
    open_page(page, serve(project, tenant, wid, sites))
    message = wait_for_problem(page)
    assert '"Median(Sales)"' in message and "Sum(Sales)" not in message
    # What the engine could compute is still shown.
    assert [row[:2] for row in table_rows(page)] == SALES_BY_REGION


def test_socket_closed_later_offers_reconnect(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    open_page(page, serve(generate(tmp_path / "webapp", tenant, wid), tenant, wid, sites))
    expect_rows(page, SALES_BY_REGION)
    assert page.locator("#webapp-reconnect").is_hidden()
    assert tenant.drop_engine_sessions() == 1
    message = wait_for_problem(page)
    assert "closed" in message
    assert page.locator("#webapp-clear").is_disabled()
    page.locator("#webapp-reconnect").click()
    page.wait_for_selector(f"{STATUS}[data-state='ready']", state="attached")
    expect_rows(page, SALES_BY_REGION)
    assert page.locator("#webapp-reconnect").is_hidden()
    assert len(engine_requests(tenant)) == 2 and tenant.login_count == 1


def test_without_the_csrf_token_on_the_socket_the_page_fails(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = generate(tmp_path / "webapp", tenant, wid)
    mutate(project, r"\s*\+\s*'&qlik-csrf-token=' \+ encodeURIComponent\(csrfToken\)", "", files=[project / "app.js"])
    open_page(page, serve(project, tenant, wid, sites))
    # The very check that passes for an intact project must fail for this one.
    with pytest.raises(AssertionError):
        expect_rows(page, SALES_BY_REGION, timeout_ms=3_000)
    message = wait_for_problem(page)
    assert "refused" in message and sites[0].origin in message
    assert engine_requests(tenant) and "qlik-csrf-token" not in engine_requests(tenant)[0]
    assert tenant.login_count == 1


def test_regenerate_points_the_page_at_other_fields(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = generate(tmp_path / "webapp", tenant, wid)
    url = serve(project, tenant, wid, sites)
    open_page(page, url)
    expect_rows(page, SALES_BY_REGION)
    run_cli(["regenerate", str(project), "--dimension", "Product", "--measure", "Count(Region)"])
    page.reload(wait_until="commit")
    expect_rows(page, [["Bikes", "4"], ["Helmets", "3"]])


def test_cross_site_page_explains_third_party_cookies_without_a_loop(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = generate(tmp_path / "webapp", tenant, wid)
    # localhost and 127.0.0.1 are different sites: Chromium does not send the tenant's cookie along.
    site = StaticSite(project, host="localhost").start()
    sites.append(site)
    tenant.set_origins(wid, [site.origin])
    url = site.url + "index.html"
    open_page(page, url)
    message = wait_for_problem(page)
    assert "third-party cookies" in message
    page.wait_for_timeout(500)  # time for a loop to show itself, if there were one
    assert tenant.login_count == 1 and page.url == url
    assert engine_requests(tenant) == []


def test_regenerate_moves_the_web_app_to_another_tenant(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = generate(tmp_path / "webapp", tenant, wid)
    url = serve(project, tenant, wid, sites)
    open_page(page, url)
    expect_rows(page, SALES_BY_REGION)
    with Tenant(apps={APP_ID: []}) as second:
        wid2 = second.add_web_integration([sites[0].origin])
        run_cli(["regenerate", str(project), "--tenant", second.url, "--web-integration-id", wid2])
        for path in [project / "index.html", project / "app.js", project / "qlik-session.js"]:
            text = path.read_text(encoding="utf-8")
            assert tenant.url not in text and wid not in text, path
        before = len(tenant.requests)
        page.goto(url, wait_until="commit")
        expect_rows(page, SALES_BY_REGION)
        assert second.login_count == 1 and len(engine_requests(second)) == 1
        assert len(tenant.requests) == before, "the page still talks to the first tenant"


def test_measures_without_dimensions_make_one_row(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    project = tmp_path / "webapp"
    args = ["new", str(project), "--template", "webapp", "--tenant", tenant.url, "--web-integration-id", wid]
    run_cli([*args, "--app-id", APP_ID, "--set", "dimensions=", "--measure", "Sum(Sales)", "--no-input"])
    open_page(page, serve(project, tenant, wid, sites))
    expect_rows(page, [["400"]], dimensions=0)
    assert page.locator(STATUS).get_attribute("data-state") == "ready"


def test_a_policy_without_the_engine_makes_the_page_fail(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    """The page's own Content-Security-Policy is in force: without the engine's ws:// origin, no socket."""
    project = generate(tmp_path / "webapp", tenant, wid)
    engine = tenant.url.replace("http://", "ws://")
    mutate(project, rf" {re.escape(engine)};", ";", files=[project / "index.html"])
    open_page(page, serve(project, tenant, wid, sites))
    with pytest.raises(AssertionError):
        expect_rows(page, SALES_BY_REGION, timeout_ms=3_000)
    assert "refused" in wait_for_problem(page)
    assert engine_requests(tenant) == []


def test_reconnect_after_the_session_expired_signs_in_again_once(
    tmp_path: Path, page: Page, tenant: Tenant, wid: str, sites: list[StaticSite]
) -> None:
    url = serve(generate(tmp_path / "webapp", tenant, wid), tenant, wid, sites)
    open_page(page, url)
    expect_rows(page, SALES_BY_REGION)
    tenant.clear_sessions()  # the tenant's session timed out ...
    assert tenant.drop_engine_sessions() == 1  # ... and with it the engine's socket
    assert "closed" in wait_for_problem(page)
    # The session check now answers 401: one more trip through /login, back to this page, and live again.
    with page.expect_navigation(url=url, wait_until="commit"):
        page.locator("#webapp-reconnect").click()
    page.wait_for_selector(f"{STATUS}[data-state='ready']", state="attached")
    expect_rows(page, SALES_BY_REGION)
    assert tenant.login_count == 2 and tenant.completed_logins == 2
    assert page.url == url
