"""The helper `adopt` adds (the shared sign-in script plus its glue), run in node as an adopted page runs it."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.adopt import helper_script
from mashup_gen.tenant import Tenant
from tests.conftest import TENANT, WEB_INTEGRATION_ID
from tests.jssupport import run_script

PAGE = "http://localhost:8000/index.html"
# An adopted page's own code: it calls the tenant with a bare fetch() and loads the capability API.
PAGE_SCRIPT = f"""
fetch('https://{TENANT}/api/v1/items?resourceType=app');
fetch('https://elsewhere.example.com/data.json');
require(['js/qlik'], function (qlik) {{ qlik.openApp('app', {{}}); }});
"""


def _scripts(tmp_path: Path, sign_in: bool) -> list[Path]:
    helper = tmp_path / "mashup-gen-qlik.js"
    helper.write_text(helper_script(Tenant.parse(TENANT), WEB_INTEGRATION_ID, sign_in=sign_in), encoding="utf-8")
    page = tmp_path / "main.js"
    page.write_text(PAGE_SCRIPT, encoding="utf-8")
    return [helper, page]


def test_signed_in_page_requests_get_qlik_headers_and_the_capability_api_loads(tmp_path: Path) -> None:
    log = run_script(*_scripts(tmp_path, sign_in=True), href=PAGE, status=200)
    by_url = {fetch["url"]: fetch.get("init") for fetch in log["fetches"]}
    items = by_url[f"https://{TENANT}/api/v1/items?resourceType=app"]
    assert items["headers"] == {"qlik-web-integration-id": WEB_INTEGRATION_ID}
    assert items["credentials"] == "include" and items["mode"] == "cors"
    assert by_url["https://elsewhere.example.com/data.json"] is None  # other sites' requests are left alone
    assert log["required"] == ["js/qlik"] and log["openApp"] is not None


def test_signed_out_page_is_sent_to_login_and_qlik_waits(tmp_path: Path) -> None:
    log = run_script(*_scripts(tmp_path, sign_in=True), href=PAGE, status=401)
    assert len(log["redirects"]) == 1 and log["redirects"][0].startswith(f"https://{TENANT}/login?")
    assert log["required"] is None  # require([...]) held back until a session exists
    assert not any("items" in fetch["url"] for fetch in log["fetches"])


def test_without_sign_in_only_headers_are_added(tmp_path: Path) -> None:
    log = run_script(*_scripts(tmp_path, sign_in=False), href=PAGE, status=401)
    assert log["redirects"] == [] and log["required"] == ["js/qlik"]
    by_url = {fetch["url"]: fetch.get("init") for fetch in log["fetches"]}
    assert f"https://{TENANT}/api/v1/users/me" not in by_url
    assert by_url[f"https://{TENANT}/api/v1/items?resourceType=app"]["headers"] == {
        "qlik-web-integration-id": WEB_INTEGRATION_ID
    }
