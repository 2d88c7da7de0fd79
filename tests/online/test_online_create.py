"""`new --create-web-integration NAME`: the web integration is created with the project's origins and its id
wired into the project; bad usage writes nothing; the generated page then works against the same tenant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from online_support import APP_ID, KEY, ORIGIN, SECOND_ORIGIN, key_env, run_exe
from standin import Tenant


def create_args(dest: Path, tenant_url: str, name: str = "Sales mashup", *origins: str) -> list[str]:
    args = ["new", str(dest), "--tenant", tenant_url, "--create-web-integration", name, "--app-id", APP_ID]
    args += ["--object", "kpi=QVwQm", "--object", "CurrentSelections", "--no-input"]
    for origin in origins or (ORIGIN,):
        args += ["--origin", origin]
    return args


def test_creates_the_web_integration_and_wires_its_id(tmp_path: Path, tenant: Tenant) -> None:
    dest = tmp_path / "sales"
    result = run_exe(create_args(dest, tenant.url, "Sales mashup", ORIGIN, SECOND_ORIGIN))
    assert result.returncode == 0, result.stderr
    ((wid, origins),) = tenant.web_integrations().items()
    assert origins == [ORIGIN, SECOND_ORIGIN]
    assert f"Created web integration 'Sales mashup' ({wid})" in result.stdout
    record = json.loads((dest / ".mashup-gen.json").read_text())
    assert record["answers"]["web_integration_id"] == wid
    assert wid in (dest / "index.html").read_text() + "".join(p.read_text() for p in dest.glob("*.js"))
    posts = [r for r in tenant.requests if r.method == "POST"]
    assert len(posts) == 1 and posts[0].headers["authorization"] == f"Bearer {KEY}"
    # And the tenant agrees with the project.
    check = run_exe(["check", "--online", str(dest)])
    assert check.returncode == 0, check.stdout + check.stderr
    assert "1 project checked online" in check.stdout


def test_also_given_an_id_is_bad_usage_and_writes_nothing(tmp_path: Path, invoke, tenant: Tenant) -> None:
    dest = tmp_path / "p"
    args = [*create_args(dest, tenant.url), "--web-integration-id", "a" * 32]
    result = invoke(*args, env=key_env())
    assert result.exit_code == 2 and "--web-integration-id" in result.output
    assert not dest.exists() and tenant.requests == []


def test_an_id_from_the_environment_counts_as_given(tmp_path: Path, invoke, tenant: Tenant) -> None:
    dest = tmp_path / "p"
    env = {**key_env(), "MASHUP_GEN_WEB_INTEGRATION_ID": "b" * 32}
    result = invoke(*create_args(dest, tenant.url), env=env)
    assert result.exit_code == 2 and not dest.exists() and tenant.requests == []


def test_without_a_key_it_is_bad_usage_and_writes_nothing(tmp_path: Path, tenant: Tenant) -> None:
    dest = tmp_path / "p"
    result = run_exe(create_args(dest, tenant.url), key=None)
    assert result.returncode == 2 and "QLIK_API_KEY" in result.stderr
    assert not dest.exists() and tenant.requests == []


@pytest.mark.parametrize("name", ["", "   ", "bad\nname", "x" * 300])
def test_a_bad_name_is_bad_usage(tmp_path: Path, invoke, tenant: Tenant, name: str) -> None:
    result = invoke(*create_args(tmp_path / "p", tenant.url, name), env=key_env())
    assert result.exit_code == 2 and "--create-web-integration" in result.output
    assert not (tmp_path / "p").exists() and tenant.requests == []


@pytest.mark.parametrize(("status", "expected"), [(403, "Tenant Admin"), (401, "rejected the API key"), (500, "500")])
def test_a_refusal_writes_nothing(tmp_path: Path, invoke, tenant: Tenant, status: int, expected: str) -> None:
    tenant.management.fail("/api/v1/web-integrations", status, method="POST")
    dest = tmp_path / "p"
    result = invoke(*create_args(dest, tenant.url), env=key_env())
    assert result.exit_code == 1 and expected in result.output and "nothing was written" in result.output
    assert not dest.exists() and tenant.web_integrations() == {}


def test_dry_run_creates_nothing(tmp_path: Path, invoke, tenant: Tenant) -> None:
    result = invoke(*create_args(tmp_path / "p", tenant.url), "--dry-run", env=key_env())
    assert result.exit_code == 0, result.output
    assert "Would create web integration 'Sales mashup'" in result.output and ORIGIN in result.output
    assert tenant.web_integrations() == {} and not (tmp_path / "p").exists()


def test_context_needs_create(tmp_path: Path, invoke) -> None:
    result = invoke("new", str(tmp_path / "p"), "--context", "prod", "--no-input", env=key_env())
    assert result.exit_code == 2 and "--context needs --create-web-integration" in result.output


@pytest.mark.browser
def test_the_created_project_works_in_a_browser(tmp_path: Path, tenant: Tenant) -> None:
    """From nothing to a working page in one command: generate against the stand-in, serve, open."""
    from browser_support import ELEMENTS, LAUNCH_ARGS, TIMEOUT_MS, PageWatch, chromium_path, expect_rendered
    from playwright.sync_api import sync_playwright
    from standin import StaticSite

    dest = tmp_path / "created"
    # The site's port is known once it listens; serve an empty folder first, then generate into it.
    dest.mkdir()
    with StaticSite(dest) as site:
        result = run_exe(create_args(dest, tenant.url, "Browser test", site.origin))
        assert result.returncode == 0, result.stderr
        ((wid, origins),) = tenant.web_integrations().items()
        assert origins == [site.origin]
        assert json.loads((dest / ".mashup-gen.json").read_text())["answers"]["web_integration_id"] == wid
        executable = chromium_path()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
            try:
                context = browser.new_context()
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                watch = PageWatch(page)
                page.goto(site.url + "index.html", wait_until="commit")
                expect_rendered(page, ELEMENTS)
                assert tenant.completed_logins == 1
                assert watch.current_errors == []
            finally:
                browser.close()


def test_on_a_terminal_the_key_is_asked_for_hidden(tmp_path: Path, invoke, tenant: Tenant) -> None:
    args = [a for a in create_args(tmp_path / "p", tenant.url) if a != "--no-input"]
    result = invoke(*args, "--title", "Sales", env=key_env(None), tty=True, input=KEY + "\n")
    assert result.exit_code == 0, result.output
    assert "Qlik Cloud API key" in result.output and KEY not in result.output
    assert len(tenant.web_integrations()) == 1


def test_a_bad_destination_creates_nothing_on_the_tenant(tmp_path: Path, invoke, tenant: Tenant) -> None:
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    result = invoke(*create_args(dest, tenant.url), env=key_env())
    assert result.exit_code == 2 and "DEST" in result.output
    assert tenant.requests == [] and sorted(p.name for p in dest.iterdir()) == ["keep.txt"]
