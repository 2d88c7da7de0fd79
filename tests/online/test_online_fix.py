"""`check --online --fix-origins`: missing origins added, nothing dropped, other web integrations untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from online_support import KEY, ORIGIN, SECOND_ORIGIN, findings, generate, key_env, rules_of, run_exe
from standin import Tenant

KEPT = "https://kept.example.com"


@pytest.fixture
def setup(tmp_path: Path, invoke, tenant: Tenant) -> tuple[Path, str, str]:
    """A project on `wid` (allowing only KEPT) and a bystander web integration that must not change."""
    wid = tenant.add_web_integration([KEPT], name="mashups")
    bystander = tenant.add_web_integration(["https://other.example.com"], name="bystander")
    project = generate(invoke, tmp_path / "p", tenant.url, wid, origins=(ORIGIN, SECOND_ORIGIN))
    return project, wid, bystander


def test_adds_missing_origins_keeping_the_others(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    project, wid, bystander = setup
    before = tenant.web_integrations()
    result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    after = tenant.web_integrations()
    assert after[wid] == [KEPT, ORIGIN, SECOND_ORIGIN]
    assert after[bystander] == before[bystander]
    assert f"added {ORIGIN}, {SECOND_ORIGIN} to 'mashups' ({wid}); confirmed" in result.output
    assert "No problems found" in result.output
    patches = [r for r in tenant.requests if r.method == "PATCH"]
    assert [r.path for r in patches] == [f"/api/v1/web-integrations/{wid}"]
    # Read right before the change, and read back after it.
    gets = [r.method for r in tenant.requests if r.path == f"/api/v1/web-integrations/{wid}"]
    assert gets == ["GET", "GET", "PATCH", "GET"]


def test_an_origin_added_meanwhile_is_kept(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    """The list is read again right before the PATCH: a concurrent addition survives."""
    project, wid, _ = setup
    from mashup_gen.online import origins_fix

    real = origins_fix.fix_one

    def meanwhile(client, fix):  # type: ignore[no-untyped-def]
        tenant.set_origins(wid, [KEPT, "https://added-meanwhile.example.com"])
        return real(client, fix)

    import unittest.mock

    with unittest.mock.patch.object(origins_fix, "fix_one", meanwhile):
        result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    assert tenant.web_integrations()[wid] == [KEPT, "https://added-meanwhile.example.com", ORIGIN, SECOND_ORIGIN]


def test_without_a_terminal_and_without_yes_it_refuses_before_asking_the_tenant(
    tenant: Tenant, setup: tuple[Path, str, str]
) -> None:
    project, wid, _ = setup
    result = run_exe(["check", "--online", "--fix-origins", str(project)])
    assert result.returncode == 2
    assert "--yes" in result.stderr and "terminal" in result.stderr
    assert tenant.requests == []
    assert tenant.web_integrations()[wid] == [KEPT]


def test_on_a_terminal_it_shows_the_change_and_asks(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    project, wid, _ = setup
    result = invoke("check", "--online", "--fix-origins", str(project), env=key_env(), tty=True, input="n\n")
    assert result.exit_code == 1
    assert (
        f"'mashups' ({wid})" in result.output
        and f"+ {ORIGIN}" in result.output
        and f"+ {SECOND_ORIGIN}" in result.output
    )
    assert "nothing changed" in result.output
    assert tenant.web_integrations()[wid] == [KEPT]
    result = invoke("check", "--online", "--fix-origins", str(project), env=key_env(), tty=True, input="y\n")
    assert result.exit_code == 0, result.output
    assert tenant.web_integrations()[wid] == [KEPT, ORIGIN, SECOND_ORIGIN]


def test_a_403_says_the_tenant_admin_role_is_needed(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    project, wid, _ = setup
    tenant.management.fail("/api/v1/web-integrations", 403, method="PATCH")
    result = invoke("check", "--online", "--fix-origins", "--yes", "--format", "json", str(project), env=key_env())
    assert result.exit_code == 1
    rules = rules_of(result.stdout)
    assert "online-origins-fix-failed" in rules and rules.count("online-origin-not-allowed") == 2
    failed = next(f for f in findings(result.stdout) if f["rule"] == "online-origins-fix-failed")
    assert "403" in str(failed["message"]) and "Tenant Admin" in str(failed["message"])
    assert tenant.web_integrations()[wid] == [KEPT]


def test_a_change_that_does_not_stick_is_reported(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    project, _, _ = setup
    tenant.management.fail("/api/v1/web-integrations", 204, method="PATCH")  # accepted, but nothing changed
    result = invoke("check", "--online", "--fix-origins", "--yes", "--format", "json", str(project), env=key_env())
    assert result.exit_code == 1
    failed = next(f for f in findings(result.stdout) if f["rule"] == "online-origins-fix-failed")
    assert "reading it back" in str(failed["message"]) and ORIGIN in str(failed["message"])


def test_json_output_stays_a_json_document(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    project, _, _ = setup
    result = run_exe(["check", "--online", "--fix-origins", "--yes", "--format", "json", str(project)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"] == []
    assert "added" in result.stderr


def test_nothing_to_fix(invoke, tenant: Tenant, tmp_path: Path) -> None:
    project = generate(invoke, tmp_path / "ok", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert result.exit_code == 0 and "no origin is missing" in result.output
    assert not [r for r in tenant.requests if r.method == "PATCH"]


def test_several_projects_on_one_web_integration_make_one_change(invoke, tenant: Tenant, tmp_path: Path) -> None:
    wid = tenant.add_web_integration([KEPT])
    generate(invoke, tmp_path / "tree" / "a", tenant.url, wid, origins=(ORIGIN,))
    generate(invoke, tmp_path / "tree" / "b", tenant.url, wid, origins=(ORIGIN, SECOND_ORIGIN))
    result = invoke("check", "--online", "--fix-origins", "--yes", str(tmp_path / "tree"), env=key_env())
    assert result.exit_code == 0, result.output
    assert tenant.web_integrations()[wid] == [KEPT, ORIGIN, SECOND_ORIGIN]
    assert sum(1 for r in tenant.requests if r.method == "PATCH") == 1


@pytest.mark.parametrize("args", [["--fix-origins"], ["--online", "--yes"], ["--yes"]])
def test_bad_usage_exits_2(invoke, tmp_path: Path, args: list[str]) -> None:
    result = invoke("check", *args, str(tmp_path), env=key_env(KEY))
    assert result.exit_code == 2


def test_a_change_another_writer_undoes_is_made_again(invoke, tenant: Tenant, setup: tuple[Path, str, str]) -> None:
    """Another writer replaces the list between the PATCH and the read-back, once: the next round adds it again."""
    project, wid, _ = setup
    import unittest.mock

    from mashup_gen.online import client as client_module

    real = client_module.Client.request
    undone: list[str] = []

    def request(self, method, url, **kwargs):  # type: ignore[no-untyped-def]
        reply = real(self, method, url, **kwargs)
        if method == "PATCH" and not undone:
            undone.append(url)
            tenant.set_origins(wid, [KEPT, "https://other-writer.example.com"])  # its PATCH, just after ours
        return reply

    with unittest.mock.patch.object(client_module.Client, "request", request):
        result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert undone and result.exit_code == 0, result.output
    assert tenant.web_integrations()[wid] == [KEPT, "https://other-writer.example.com", ORIGIN, SECOND_ORIGIN]
    assert len([r for r in tenant.requests if r.method == "PATCH"]) == 2


def test_runs_on_one_machine_take_turns_on_a_web_integration(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys
    import textwrap

    from mashup_gen.lock import TIMEOUT_VARIABLE, ProjectBusy, shared_lock

    name = "web-integration https://t.example.com test-turns"
    holder = textwrap.dedent(
        f"""
        import time
        from mashup_gen.lock import shared_lock
        with shared_lock({name!r}, "it"):
            print("locked", flush=True)
            time.sleep(30)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        monkeypatch.setenv(TIMEOUT_VARIABLE, "0.2")
        with pytest.raises(ProjectBusy, match="another mashup-gen run is changing web integration x"):
            with shared_lock(name, "web integration x"):
                pass
    finally:
        process.kill()
        process.wait(timeout=10)
    with shared_lock(name, "web integration x", wait=1):  # free once the other run has gone
        pass
