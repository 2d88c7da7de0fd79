"""`check --online`: each project's web integration, origins, app and OAuth client, asked of the stand-in."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from online_support import (
    APP_ID,
    KEY,
    ORIGIN,
    OTHER_APP,
    SECOND_ORIGIN,
    findings,
    generate,
    key_env,
    online_tenant,
    rules_of,
    set_answers,
)
from standin import Tenant

from mashup_gen.checker.rules import ALL_RULES
from mashup_gen.online.rules import RULES
from tests.paths import README

CLIENT_ID = "0123456789abcdef0123456789abcdef"


def check_json(invoke, *args: str, key: str | None = KEY):  # type: ignore[no-untyped-def]
    return invoke("check", "--online", "--format", "json", *args, env=key_env(key))


def test_a_project_the_tenant_agrees_with_passes(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = invoke("check", "--online", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    assert "No problems found in 1 project, 3 files; 1 project checked online." in result.output
    paths = [r.path for r in tenant.requests]
    assert sorted(paths) == sorted(["/api/v1/users/me", f"/api/v1/web-integrations/{_wid(project)}", "/api/v1/items"])


def _wid(project: Path) -> str:
    return json.loads((project / ".mashup-gen.json").read_text())["answers"]["web_integration_id"]


def test_each_missing_origin_is_one_finding_with_the_command_that_adds_it(
    tmp_path: Path, invoke, tenant: Tenant
) -> None:
    wid = tenant.add_web_integration(["https://kept.example.com"])
    project = generate(invoke, tmp_path / "p", tenant.url, wid, origins=(ORIGIN, SECOND_ORIGIN))
    result = check_json(invoke, str(project))
    assert result.exit_code == 1
    found = findings(result.output)
    assert [f["rule"] for f in found] == ["online-origin-not-allowed"] * 2
    for finding, origin in zip(found, (ORIGIN, SECOND_ORIGIN), strict=True):
        assert finding["path"] == f"{project}/.mashup-gen.json" and finding["severity"] == "error"
        assert origin in finding["message"] and wid in finding["message"]
        expected = json.dumps(["https://kept.example.com", origin], separators=(",", ":"))
        assert f"qlik web-integration patch {wid} --op replace --path /validOrigins --value '{expected}'" in str(
            finding["fix"]
        )


def test_origins_match_exactly(tmp_path: Path, invoke, tenant: Tenant) -> None:
    """Another scheme or port is another origin, as the tenant's CORS check sees it."""
    wid = tenant.add_web_integration(["https://localhost:8000", "http://localhost:8001", "http://localhost"])
    project = generate(invoke, tmp_path / "p", tenant.url, wid)
    result = check_json(invoke, str(project))
    assert rules_of(result.output) == ["online-origin-not-allowed"]


def test_command_line_origins_are_checked_too(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = check_json(invoke, "--origin", "https://cdn.example.org", str(project))
    assert rules_of(result.output) == ["online-origin-not-allowed"]
    assert "https://cdn.example.org" in str(findings(result.output)[0]["message"])


def test_unknown_web_integration_names_the_ones_that_would_do(tmp_path: Path, invoke, tenant: Tenant) -> None:
    fits = tenant.add_web_integration([ORIGIN, SECOND_ORIGIN], name="fits")
    tenant.add_web_integration([ORIGIN], name="half")
    missing = "Zq9Lw3Tv7Kp2mN8sR4dFh6jBy1cXa5eG"  # well-formed, but not on this tenant
    project = generate(invoke, tmp_path / "p", tenant.url, missing, origins=(ORIGIN, SECOND_ORIGIN))
    result = check_json(invoke, str(project))
    assert result.exit_code == 1
    (finding,) = findings(result.output)
    assert finding["rule"] == "online-web-integration-missing"
    assert missing in str(finding["message"])
    assert f"'fits' ({fits})" in str(finding["fix"]) and "half" not in str(finding["fix"])


def test_unknown_web_integration_with_none_that_would_do(tmp_path: Path, invoke, tenant: Tenant) -> None:
    tenant.add_web_integration(["https://elsewhere.example.com"])
    project = generate(invoke, tmp_path / "p", tenant.url, "y" * 32)
    (finding,) = findings(check_json(invoke, str(project)).output)
    assert finding["rule"] == "online-web-integration-missing"
    assert f"qlik web-integration create --name NAME --validOrigins {ORIGIN}" in str(finding["fix"])


@pytest.mark.parametrize("hidden", [False, True], ids=["unknown", "not-shared"])
def test_app_missing_or_not_visible(tmp_path: Path, invoke, tenant: Tenant, hidden: bool) -> None:
    if hidden:
        tenant.add_app(OTHER_APP)
        tenant.management.hide_app(OTHER_APP)
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]), app_id=OTHER_APP)
    result = check_json(invoke, str(project))
    assert result.exit_code == 1
    (finding,) = findings(result.output)
    assert finding["rule"] == "online-app-missing" and OTHER_APP in str(finding["message"])


def test_a_rejected_key_is_one_finding_for_the_tenant(tmp_path: Path, invoke, tenant: Tenant) -> None:
    wid = tenant.add_web_integration([ORIGIN])
    for name in ("a", "b", "c"):
        generate(invoke, tmp_path / "tree" / name, tenant.url, wid)
    result = check_json(invoke, str(tmp_path / "tree"), key="not-the-key-0000")
    assert result.exit_code == 1
    (finding,) = findings(result.output)
    assert finding["rule"] == "online-key-rejected" and "3 projects not checked" in str(finding["message"])
    assert [r.path for r in tenant.requests] == ["/api/v1/users/me"]
    text = invoke("check", "--online", str(tmp_path / "tree"), env=key_env("not-the-key-0000")).output
    assert "0 projects checked online" in text and "Traceback" not in text


def test_forbidden_reads_are_access_denied(tmp_path: Path, invoke, tenant: Tenant) -> None:
    tenant.management.fail("/api/v1/web-integrations", 403)
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    (finding,) = findings(check_json(invoke, str(project)).output)
    assert finding["rule"] == "online-access-denied" and "403" in str(finding["message"])


def test_a_tenant_failing_with_5xx_is_unreachable_after_retries(
    tmp_path: Path, invoke, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mashup_gen.online.client.Settings.backoff", 0.0)
    tenant.management.fail("/api/v1/items", 500)
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    (finding,) = findings(check_json(invoke, str(project)).output)
    assert finding["rule"] == "online-tenant-unreachable" and "500" in str(finding["message"])
    assert tenant.requested("/api/v1/items") == 4


def test_a_tenant_that_does_not_answer_is_one_finding(tmp_path: Path, invoke) -> None:
    from browser_support import closed_port

    project = generate(invoke, tmp_path / "p", f"http://127.0.0.1:{closed_port()}", "z" * 32)
    result = check_json(invoke, str(project))
    assert result.exit_code == 1
    (finding,) = findings(result.output)
    assert finding["rule"] == "online-tenant-unreachable" and "cannot connect" in str(finding["message"])


def test_rate_limited_then_answered(tmp_path: Path, invoke, tenant: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    tenant.management.fail("/api/v1/web-integrations", 429, times=1, retry_after="0")
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = check_json(invoke, str(project))
    assert result.exit_code == 0 and findings(result.output) == []


def test_oauth2_project_checks_redirect_uris_and_allowed_origins(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN, SECOND_ORIGIN]),
                       origins=(ORIGIN, SECOND_ORIGIN))  # fmt: skip
    tenant.management.add_oauth_client([f"{ORIGIN}/oauth-callback.html"], [ORIGIN, SECOND_ORIGIN], client_id=CLIENT_ID)
    set_answers(project, auth="oauth2", client_id=CLIENT_ID)
    result = check_json(invoke, str(project))
    (finding,) = findings(result.output)
    assert finding["rule"] == "online-oauth-redirect-missing"
    assert f"{SECOND_ORIGIN}/oauth-callback.html" in str(finding["message"])
    set_answers(project, client_id="f" * 32)
    assert rules_of(check_json(invoke, str(project)).output) == ["online-oauth-client-missing"]
    set_answers(project, auth="cookie", client_id=CLIENT_ID)
    assert rules_of(check_json(invoke, str(project)).output) == []
    assert tenant.requested(f"/api/v1/oauth-clients/{CLIENT_ID}") == 1  # not asked for a cookie project


def test_oauth2_origin_missing(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    tenant.management.add_oauth_client([f"{ORIGIN}/oauth-callback.html"], [], client_id=CLIENT_ID)
    set_answers(project, auth="oauth2", client_id=CLIENT_ID)
    assert rules_of(check_json(invoke, str(project)).output) == ["online-oauth-origin-missing"]


def test_a_tree_fetches_each_web_integration_and_app_once(tmp_path: Path, invoke, tenant: Tenant) -> None:
    shared = tenant.add_web_integration([ORIGIN])
    tenant.add_app(OTHER_APP)
    seed = generate(invoke, tmp_path / "seed", tenant.url, shared)
    for index in range(12):
        shutil.copytree(seed, tmp_path / "tree" / f"p{index:02d}")
    other = generate(invoke, tmp_path / "tree" / "other", tenant.url, tenant.add_web_integration([]), app_id=OTHER_APP)
    result = check_json(invoke, str(tmp_path / "tree"))
    assert result.exit_code == 1
    assert rules_of(result.output) == ["online-origin-not-allowed"]
    assert str(findings(result.output)[0]["path"]).startswith(str(other))
    assert tenant.requested("/api/v1/users/me") == 1
    assert tenant.requested(f"/api/v1/web-integrations/{shared}") == 1
    assert tenant.requested("/api/v1/items") == 2  # two apps
    assert json.loads(result.output)["summary"]["projects"] == 13


def test_a_context_for_another_tenant_skips_the_project(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    home = tmp_path / "home" / ".qlik"
    home.mkdir(parents=True)
    (home / "contexts.yml").write_text(
        "contexts:\n  prod:\n    server: https://acme.eu.qlikcloud.com\n"
        f"    headers:\n      Authorization: Bearer {KEY}\n"
    )
    env = key_env(None, QLIK_CLI_USER_HOME_DIR=str(tmp_path / "home"))
    result = invoke("check", "--online", "--context", "prod", "--format", "json", str(project), env=env)
    assert result.exit_code == 0
    (finding,) = findings(result.output)
    assert finding["rule"] == "online-not-checked" and "acme.eu.qlikcloud.com" in str(finding["message"])
    assert tenant.requests == []


def test_the_key_is_not_sent_to_a_custom_domain(tmp_path: Path, invoke) -> None:
    project = generate(invoke, tmp_path / "p", "analytics.example.com", "w" * 32)
    result = check_json(invoke, str(project))
    offline = [f["rule"] for f in findings(result.output) if not str(f["rule"]).startswith("online-")]
    assert offline == ["config-host-not-cloud"]  # the files' own warning about a custom domain
    (finding,) = [f for f in findings(result.output) if str(f["rule"]).startswith("online-")]
    assert finding["rule"] == "online-not-checked" and "qlikcloud.com" in str(finding["message"])


def test_a_hand_written_mashup_is_checked_from_its_code(tmp_path: Path, invoke, tenant: Tenant) -> None:
    wid = tenant.add_web_integration(["https://intranet.example.com"])
    page = tmp_path / "hand" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f"""<!doctype html><html><head>
<script src="{tenant.url}/resources/assets/external/requirejs/require.js"></script></head><body>
<script>
require.config({{ baseUrl: '{tenant.url}/resources', webIntegrationId: '{wid}' }});
var config = {{ host: '127.0.0.1', prefix: '/', port: {tenant.port}, isSecure: false, webIntegrationId: '{wid}' }};
require(['js/qlik'], function (qlik) {{ var app = qlik.openApp('{OTHER_APP}', config); }});
</script></body></html>
"""
    )
    result = check_json(invoke, "--origin", ORIGIN, str(page.parent))
    online = [f for f in findings(result.output) if str(f["rule"]).startswith("online-")]
    assert sorted(f["rule"] for f in online) == ["online-app-missing", "online-origin-not-allowed"]
    assert tenant.requested(f"/api/v1/web-integrations/{wid}") == 1


def test_a_folder_without_anything_to_check_says_so(tmp_path: Path, invoke, tenant: Tenant) -> None:
    page = tmp_path / "plain" / "index.html"
    page.parent.mkdir()
    page.write_text("<!doctype html><title>nothing Qlik</title>")
    result = check_json(invoke, str(page.parent))
    assert rules_of(result.output) == ["online-not-checked"]
    assert tenant.requests == []


def test_offline_check_never_touches_the_network(
    tmp_path: Path, invoke, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([]))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("offline check opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = invoke("check", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    assert tenant.requests == []


def test_online_rules_are_unique_and_distinct_from_offline_ones() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) and all(i.startswith("online-") for i in ids)
    assert not set(ids) & {rule.id for rule in ALL_RULES}


def test_every_online_rule_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")

    def cell(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")

    for rule in RULES:
        row = f"| `{rule.id}` | {rule.severity.value} | {cell(rule.title)} | {cell(rule.fix)} |"
        assert row in readme, rule.id


def test_offline_check_and_help_do_not_load_the_http_client(tmp_path: Path, invoke) -> None:
    import subprocess
    import sys

    project = generate(invoke, tmp_path / "p", "acme.eu.qlikcloud.com", "v" * 32)
    code = (
        "import sys\nfrom mashup_gen.cli import main\n"
        "for args in (['--help'], ['check', '--help'], ['new', '--help'], ['check', sys.argv[1]]):\n"
        "    main.main(args, standalone_mode=False)\n"
        "loaded = [m for m in ('requests', 'urllib3', 'yaml', 'mashup_gen.online.client') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True)
    assert "LOADED []" in result.stdout, result.stdout[-500:]


def test_a_tree_over_two_tenants_asks_each_its_own(tmp_path: Path, invoke, tenant: Tenant) -> None:
    with online_tenant() as second:
        generate(invoke, tmp_path / "tree" / "one", tenant.url, tenant.add_web_integration([ORIGIN]))
        generate(invoke, tmp_path / "tree" / "two", second.url, second.add_web_integration([]))
        result = check_json(invoke, str(tmp_path / "tree"))
        (finding,) = findings(result.output)
        assert finding["rule"] == "online-origin-not-allowed" and "/two/" in str(finding["path"])
        assert second.url in str(finding["message"])
        for each in (tenant, second):
            assert each.requested("/api/v1/users/me") == 1 and each.requested("/api/v1/items") == 1


def test_a_slow_tenant_is_unreachable_after_the_read_timeout(
    tmp_path: Path, invoke, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mashup_gen.online.client.Settings.backoff", 0.0)
    wid = tenant.add_web_integration([ORIGIN])
    project = generate(invoke, tmp_path / "p", tenant.url, wid)
    tenant.management.slow(f"/api/v1/web-integrations/{wid}", 1.0)
    env = {**key_env(), "MASHUP_GEN_HTTP_TIMEOUT": "0.2"}
    result = invoke("check", "--online", "--format", "json", str(project), env=env)
    assert result.exit_code == 1
    (finding,) = findings(result.stdout)
    assert finding["rule"] == "online-tenant-unreachable"
    assert "did not answer within 0.2 s" in str(finding["message"]) and wid in str(finding["message"])


def test_records_are_asked_about_before_their_projects_are_checked(tmp_path: Path, invoke, tenant: Tenant) -> None:
    from mashup_gen.checker import check_one
    from mashup_gen.checker.scan import discover
    from mashup_gen.online.apikey import ApiKey
    from mashup_gen.online.targets import of_project
    from mashup_gen.online.verify import OnlineCheck
    from mashup_gen.tenant import Tenant as QlikTenant

    wid = tenant.add_web_integration([ORIGIN])
    tenant.add_app(OTHER_APP)
    generate(invoke, tmp_path / "tree" / "a", tenant.url, wid)
    generate(invoke, tmp_path / "tree" / "b", tenant.url, wid, app_id=OTHER_APP)
    found = sorted(discover(tmp_path / "tree", str(tmp_path / "tree")), key=lambda files: files.root.name)
    verifier = OnlineCheck(ApiKey(KEY, "test"))
    try:
        verifier.expect(found)  # before any project is checked, what both records name is asked now ...
        for app in (APP_ID, OTHER_APP):
            assert verifier._reply(QlikTenant.parse(tenant.url), "app", app) is not None  # waits for the answer
        assert tenant.requested("/api/v1/items") == 2
        verifier.add(check_one(found[0], of_project)[2])  # ... and then only project a is checked
        result = verifier.finish()
    finally:
        verifier.close()
    assert sorted(r.query for r in tenant.requests if r.path == "/api/v1/items") == sorted(
        f"resourceType=app&resourceId={app}&noActions=true" for app in (APP_ID, OTHER_APP)
    )  # each once
    # Only what was checked is reported.
    assert result.checked == 1 and result.findings == [] and result.tenants == 1


def test_a_tenant_asked_early_is_reported_only_for_a_checked_project(
    tmp_path: Path, invoke, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    from types import SimpleNamespace

    import urllib3.util.retry
    from browser_support import closed_port

    monkeypatch.setattr(urllib3.util.retry, "time", SimpleNamespace(sleep=lambda s: None, time=time.time))
    project = generate(invoke, tmp_path / "tree" / "broken", f"http://127.0.0.1:{closed_port()}", "w" * 32)
    record = project / ".mashup-gen.json"
    document = json.loads(record.read_text())
    document["format"] = "not a number"  # still JSON with answers, but a record no check trusts
    record.write_text(json.dumps(document))
    generate(invoke, tmp_path / "tree" / "fine", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = check_json(invoke, str(tmp_path / "tree"))
    rules = rules_of(result.output)
    assert "record-invalid" in rules
    assert [rule for rule in rules if rule.startswith("online-")] == []  # a record no check trusts asks nothing
    assert "; 1 project checked online" in invoke("check", "--online", str(tmp_path / "tree"), env=key_env()).output


def test_a_record_with_values_no_option_takes_is_never_asked_about(tmp_path: Path, invoke, tenant: Tenant) -> None:
    # The record is read before any project is checked, to ask early: what it says is input like any other.
    project = generate(invoke, tmp_path / "tree" / "odd", tenant.url, tenant.add_web_integration([ORIGIN]))
    record = project / ".mashup-gen.json"
    document = json.loads(record.read_text())
    document["answers"]["origins"] = [1, {"x": None}]
    record.write_text(json.dumps(document))
    result = invoke("check", "--online", "--format", "json", str(tmp_path / "tree"), env=key_env())
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "record-invalid" in rules_of(result.stdout), result.output
    assert tenant.requested("/api/v1/web-integrations") == 0


def test_a_tree_read_by_worker_processes_is_asked_about_once(tmp_path: Path, invoke, tenant: Tenant) -> None:
    import os
    import subprocess
    import sys

    from mashup_gen.checker import POOL_THRESHOLD

    count = POOL_THRESHOLD + 2  # enough for check's pool of processes, which fork before the requests start
    wid = tenant.add_web_integration([ORIGIN])
    first = generate(invoke, tmp_path / "tree" / "p000", tenant.url, wid)
    for index in range(1, count):
        shutil.copytree(first, tmp_path / "tree" / f"p{index:03d}")
    env = {**os.environ, "MASHUP_GEN_JOBS": "2", **{k: v for k, v in key_env().items() if v is not None}}
    argv = [sys.executable, "-m", "mashup_gen", "check", "--online", str(tmp_path / "tree")]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-500:] + result.stderr[-500:]
    summary = f"No problems found in {count} projects, {3 * count} files; {count} projects checked online."
    assert summary in result.stdout
    for path in ("/api/v1/users/me", f"/api/v1/web-integrations/{wid}", "/api/v1/items"):
        assert tenant.requested(path) == 1, path
