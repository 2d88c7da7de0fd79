"""The generated page's sign-in flow, run in node with stand-in browser APIs (fast; the browser tests
prove the same against the Qlik Cloud stand-in)."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID
from tests.jssupport import run_page

PAGE = "http://localhost:8000/index.html?x=1"
MARKER = f"mashup-gen:login-started:https://{TENANT}"


def test_signed_in_opens_the_app_with_the_configuration(project: Path) -> None:
    elements = [{"id": "kpi", "objectId": "QVwQm"}, {"id": "CurrentSelections", "objectId": "CurrentSelections"}]
    log = run_page(project / "index.html", href=PAGE, status=200, elements=elements)
    [request] = log["fetches"]
    assert request["url"] == f"https://{TENANT}/api/v1/users/me"
    assert request["init"]["credentials"] == "include" and request["init"]["mode"] == "cors"
    assert request["init"]["headers"] == {"qlik-web-integration-id": WEB_INTEGRATION_ID}
    assert log["requireConfig"] == {"baseUrl": f"https://{TENANT}/resources", "webIntegrationId": WEB_INTEGRATION_ID}
    assert log["required"] == ["js/qlik"] and log["onError"]
    assert log["openApp"] == {
        "appId": APP_ID,
        "config": {
            "host": TENANT,
            "prefix": "/",
            "port": 443,
            "isSecure": True,
            "webIntegrationId": WEB_INTEGRATION_ID,
        },
    }
    assert log["objects"] == [["kpi", "QVwQm"], ["CurrentSelections", "CurrentSelections"]]
    assert log["redirects"] == [] and log["state"] == "ready"


def test_not_signed_in_goes_to_login_with_returnto(project: Path) -> None:
    log = run_page(project / "index.html", href=PAGE, status=401)
    [target] = log["redirects"]
    parts = urlsplit(target)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"https://{TENANT}/login"
    assert parse_qs(parts.query) == {"qlik-web-integration-id": [WEB_INTEGRATION_ID], "returnto": [PAGE]}
    assert MARKER in log["storage"] and log["openApp"] is None


def test_still_401_after_login_explains_instead_of_looping(project: Path) -> None:
    just_now = str(int(time.time() * 1000) - 5000)
    log = run_page(project / "index.html", href=PAGE, status=401, storage={MARKER: just_now})
    assert log["redirects"] == []
    assert log["state"] == "error" and "third-party cookies" in log["status"]
    assert MARKER not in log["storage"]  # the next reload tries a fresh sign-in


def test_an_old_marker_does_not_block_a_new_sign_in(project: Path) -> None:
    long_ago = str(int(time.time() * 1000) - 3600_000)
    log = run_page(project / "index.html", href=PAGE, status=401, storage={MARKER: long_ago})
    assert len(log["redirects"]) == 1


def test_cors_refusal_names_the_origin_to_allowlist(project: Path) -> None:
    log = run_page(project / "index.html", href=PAGE, status="network-error")
    assert log["redirects"] == [] and log["state"] == "error"
    assert "http://localhost:8000" in log["status"] and WEB_INTEGRATION_ID in log["status"]
    assert "allowed origins" in log["status"]


def test_other_statuses_and_qlik_errors_are_shown(project: Path) -> None:
    log = run_page(project / "index.html", href=PAGE, status=403)
    assert log["state"] == "error" and "403" in log["status"] and log["redirects"] == []
    log = run_page(project / "index.html", href=PAGE, status=200, qlikErrors=[{"code": 2, "message": "App not found"}])
    assert log["state"] == "error" and "App not found" in log["status"] and APP_ID in log["status"]
    log = run_page(project / "index.html", href=PAGE, status=200, requireFails=True)
    assert log["state"] == "error" and "capability API" in log["status"]


def test_missing_requirejs_is_explained(project: Path) -> None:
    log = run_page(project / "index.html", href=PAGE, status=200, noRequire=True)
    assert log["state"] == "error" and "require.js" in log["status"] and log["openApp"] is None


def test_the_first_qlik_error_is_the_one_shown(project: Path) -> None:
    log = run_page(
        project / "index.html",
        href=PAGE,
        status=200,
        elements=[{"id": "kpi", "objectId": "QVwQm"}],
        qlikErrors=[{"message": "App not found"}, {"message": "later"}],
    )
    assert "App not found" in log["status"] and "later" not in log["status"]
