"""The API key is never printed, logged or written: every output and every file of a run is scanned for it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from online_support import APP_ID, KEY, ORIGIN, SECOND_ORIGIN, generate, key_env, run_exe
from standin import Tenant

#: The key and long pieces of it: a key cut short in a message still leaks.
PIECES = [KEY, KEY[:16], KEY[-16:], KEY[8:24]]
WRONG_KEY = "mgWRONGKEY-0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"


def leaks(text: str, key: str = KEY) -> list[str]:
    pieces = PIECES if key == KEY else [key, key[:16], key[-16:]]
    return [piece for piece in pieces if piece in text]


def test_no_output_or_file_of_any_run_holds_the_key(tmp_path: Path, tenant: Tenant) -> None:
    work = tmp_path / "work"
    work.mkdir()
    home = tmp_path / "home"
    (home / ".qlik").mkdir(parents=True)
    (home / ".qlik" / "contexts.yml").write_text(
        f"contexts:\n  local:\n    server: {tenant.url}\n    headers:\n      Authorization: Bearer {KEY}\n"
    )
    outputs: list[str] = []

    def run(args: list[str], key: str | None = KEY, **extra: str) -> int:
        result = run_exe(args, key=key, cwd=work, **extra)
        outputs.extend([result.stdout, result.stderr])
        return result.returncode

    project = work / "made"
    assert run(["new", str(project), "--tenant", tenant.url, "--create-web-integration", "secret test",
                "--app-id", "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", "--origin", ORIGIN, "--no-input"]) == 0  # fmt: skip
    assert run(["regenerate", "--recursive", str(work), "--set", f"origins={ORIGIN} {SECOND_ORIGIN}"]) == 0
    assert run(["check", "--online", str(work)]) == 1  # SECOND_ORIGIN is missing
    assert run(["check", "--online", "--format", "json", str(work)]) == 1
    assert run(["check", "--online", "--fix-origins", "--yes", str(work)]) == 0
    assert run(["check", "--online", "--context", "local", str(work)], key=None, QLIK_CLI_USER_HOME_DIR=str(home)) == 0
    assert run(["check", "--online", str(work)], MASHUP_GEN_DEBUG="1") == 0
    tenant.management.fail("/api/v1/items", 500)
    tenant.management.fail("/api/v1/web-integrations", 403)
    assert run(["check", "--online", "--fix-origins", "--yes", str(work)], MASHUP_GEN_HTTP_TIMEOUT="1") == 1
    tenant.management.slow("/api/v1/users/me", 2.0)
    assert run(["check", "--online", str(work)], MASHUP_GEN_HTTP_TIMEOUT="0.3") == 1
    refused = ["new", str(work / "refused"), "--tenant", tenant.url, "--create-web-integration", "x",
               "--app-id", "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", "--no-input"]  # fmt: skip
    assert run(refused, MASHUP_GEN_HTTP_TIMEOUT="0.3") == 1
    assert run(["check", "--online", str(work)], key=WRONG_KEY) == 1

    assert len(outputs) == 22 and any("checked online" in text for text in outputs)
    for text in outputs:
        assert leaks(text) == [], text
        assert leaks(text, WRONG_KEY) == [], text
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file() and path != home / ".qlik" / "contexts.yml":
            data = path.read_bytes().decode("utf-8", "replace")
            assert leaks(data) == [] and leaks(data, WRONG_KEY) == [], path


def test_debug_logging_does_not_show_the_key(
    tmp_path: Path, invoke, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([]))
    with caplog.at_level(logging.DEBUG):
        result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    assert "/api/v1/web-integrations" in caplog.text  # urllib3 did log the requests
    assert leaks(caplog.text) == [] and leaks(result.output) == []


def test_a_prompted_key_is_not_echoed(tmp_path: Path, invoke, tenant: Tenant) -> None:
    project = generate(invoke, tmp_path / "p", tenant.url, tenant.add_web_integration([ORIGIN]))
    result = invoke("check", "--online", str(project), env=key_env(None), tty=True, input=KEY + "\n")
    assert result.exit_code == 0, result.output
    assert leaks(result.output) == []
    assert tenant.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_a_web_clients_secret_is_shown_once_and_never_written_or_logged(
    tmp_path: Path, invoke, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    dest = tmp_path / "backend"
    args = ["new", str(dest), "--template", "qlik-embed", "--tenant", tenant.url, "--auth", "impersonation",
            "--create-oauth-client", "backend", "--app-id", APP_ID, "--origin", ORIGIN, "--no-input"]  # fmt: skip
    with caplog.at_level(logging.DEBUG):
        result = invoke(*args, env=key_env(MASHUP_GEN_DEBUG="1"), tty=True)
        check = invoke("check", "--online", "--fix-origins", "--yes", str(dest), env=key_env(MASHUP_GEN_DEBUG="1"))
    assert result.exit_code == 0, result.output
    assert "checked online" in check.output  # (the template's impersonation page is another helper's work)
    (client,) = tenant.oauth.clients.values()
    secret = str(client.secret)
    pieces = [secret, secret[:16], secret[-16:]]
    assert result.output.count(secret) == 1  # shown once, on the terminal
    assert "/api/v1/oauth-clients" in caplog.text  # urllib3 did log the requests
    for text in (caplog.text, check.output, result.output.replace(secret, "")):
        assert [p for p in pieces if p in text] == [], text
        assert leaks(text) == []
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file():
            data = path.read_bytes().decode("utf-8", "replace")
            assert [p for p in pieces if p in data] == [] and leaks(data) == [], path
