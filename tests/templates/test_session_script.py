"""The one sign-in script (templates/_shared/qlik-session.fragment.js), run in node against every copy that
ships: the qlik-session.js of each built-in template that has one, and the helper `adopt` adds."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from mashup_gen import catalog, generate
from mashup_gen.adopt import helper_script
from mashup_gen.tenant import Tenant
from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID
from tests.jssupport import run_script

PAGE = "http://localhost:8000/index.html?x=1"
TENANT_URL = f"https://{TENANT}"
MARKER = f"mashup-gen:login-started:{TENANT_URL}"
SESSION_FILE = "qlik-session.js"


def _templates_with_session() -> list[str]:
    names = []
    for name in catalog.builtin_names():
        template = catalog.find(name).template
        if (template.project_dir / SESSION_FILE).is_file():
            names.append(name)
    return names


@pytest.fixture(params=[*_templates_with_session(), "adopt-helper"])
def session_script(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A shipped copy of the sign-in script, rendered for TENANT and WEB_INTEGRATION_ID."""
    path = tmp_path / SESSION_FILE
    if request.param == "adopt-helper":
        path.write_text(helper_script(Tenant.parse(TENANT), WEB_INTEGRATION_ID, sign_in=False), encoding="utf-8")
        return path
    template = catalog.find(request.param)
    answers = {"tenant": TENANT, "web_integration_id": WEB_INTEGRATION_ID, "app_id": APP_ID}
    known = {key: value for key, value in answers.items() if key in template.template.questions}
    planned = generate.plan(template, known, tmp_path / "p")
    path.write_bytes(planned.files[SESSION_FILE])
    return path


def test_every_template_that_signs_in_ships_the_shared_script() -> None:
    assert "capability" in _templates_with_session()


def test_signed_in_resolves_with_the_user(session_script: Path) -> None:
    log = run_script(session_script, href=PAGE, status=200, user={"id": "u7", "name": "Ann"}, drive="signIn")
    [request] = log["fetches"]
    assert request["url"] == f"{TENANT_URL}/api/v1/users/me"
    assert request["init"] == {
        "method": "GET",
        "headers": {"qlik-web-integration-id": WEB_INTEGRATION_ID},
        "mode": "cors",
        "credentials": "include",
    }
    assert log["user"] == {"id": "u7", "name": "Ann"} and log["error"] is None and log["redirects"] == []


def test_not_signed_in_goes_to_login_once_with_returnto(session_script: Path) -> None:
    log = run_script(session_script, href=PAGE, status=401, drive="signIn")
    [target] = log["redirects"]
    parts = urlsplit(target)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{TENANT_URL}/login"
    assert parse_qs(parts.query) == {"qlik-web-integration-id": [WEB_INTEGRATION_ID], "returnto": [PAGE]}
    assert MARKER in log["storage"]
    assert log["user"] is None and log["error"] is None  # pending: the browser is leaving
    assert log["statuses"] == ["Signing in to Qlik Cloud\u2026"]


def test_back_from_login_without_a_cookie_explains_instead_of_looping(session_script: Path) -> None:
    just_now = str(int(time.time() * 1000) - 5000)
    log = run_script(session_script, href=PAGE, status=401, storage={MARKER: just_now}, drive="signIn")
    assert log["redirects"] == []
    assert "third-party cookies" in log["error"] and "http://localhost:8000" in log["error"]
    assert MARKER not in log["storage"]


def test_an_old_marker_does_not_block_a_new_sign_in(session_script: Path) -> None:
    long_ago = str(int(time.time() * 1000) - 3600_000)
    log = run_script(session_script, href=PAGE, status=401, storage={MARKER: long_ago}, drive="signIn")
    assert len(log["redirects"]) == 1


def test_cors_refusal_names_the_origin_and_the_web_integration(session_script: Path) -> None:
    log = run_script(session_script, href=PAGE, status="network-error", drive="signIn")
    assert log["redirects"] == []
    assert "http://localhost:8000" in log["error"] and WEB_INTEGRATION_ID in log["error"]
    assert "allowed origins" in log["error"]


def test_other_statuses_are_explained(session_script: Path) -> None:
    log = run_script(session_script, href=PAGE, status=403, drive="signIn")
    assert "403" in log["error"] and log["redirects"] == []


def test_requests_carry_the_id_the_cookie_and_for_changes_the_csrf_token(session_script: Path) -> None:
    requests = [
        ["/api/v1/items?resourceType=app", {}],
        ["/api/v1/things", {"method": "POST", "headers": {"Content-Type": "application/json"}}],
        [f"{TENANT_URL}/api/v1/things/1", {"method": "DELETE"}],
    ]
    log = run_script(session_script, href=PAGE, drive="request", requests=requests)
    assert log["error"] is None and log["responses"] == [200, 200, 200]
    urls = [fetch["url"] for fetch in log["fetches"]]
    # The token is fetched once, before the first request that changes data, and reused.
    assert urls == [
        f"{TENANT_URL}/api/v1/items?resourceType=app",
        f"{TENANT_URL}/api/v1/csrf-token",
        f"{TENANT_URL}/api/v1/things",
        f"{TENANT_URL}/api/v1/things/1",
    ]
    for fetch in log["fetches"]:
        assert fetch["init"]["credentials"] == "include" and fetch["init"]["mode"] == "cors"
        assert fetch["init"]["headers"]["qlik-web-integration-id"] == WEB_INTEGRATION_ID
    assert "qlik-csrf-token" not in log["fetches"][0]["init"]["headers"]
    assert log["fetches"][2]["init"]["headers"] == {
        "content-type": "application/json",
        "qlik-web-integration-id": WEB_INTEGRATION_ID,
        "qlik-csrf-token": "csrf-123",
    }
    assert log["fetches"][3]["init"]["headers"]["qlik-csrf-token"] == "csrf-123"


def test_no_csrf_token_is_an_explained_failure(session_script: Path) -> None:
    responses = {"/api/v1/csrf-token": {"status": 204}}  # the tenant did not expose the header
    log = run_script(
        session_script, href=PAGE, drive="request", requests=[["/api/v1/x", {"method": "PUT"}]], responses=responses
    )
    assert "CSRF token" in log["error"] and log["responses"] == []
