"""`new --create-oauth-client NAME`: the OAuth client the sign-in needs is created with the project's origins
(and callback pages), its id wired into the project; a web client's secret is shown once and never written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from online_support import APP_ID, KEY, ORIGIN, SECOND_ORIGIN, key_env, run_exe
from standin import GRANT_IMPERSONATION, Tenant

from mashup_gen.online.create import CreatedClient, oauth_client_body


def create_args(dest: Path, tenant: Tenant, auth: str, *extra: str, origins: tuple[str, ...] = (ORIGIN,)) -> list[str]:
    args = ["new", str(dest), "--template", "qlik-embed", "--tenant", tenant.url, "--auth", auth]
    args += ["--create-oauth-client", "Sales embed", "--app-id", APP_ID, "--no-input", *extra]
    for origin in origins:
        args += ["--origin", origin]
    return args


def _record(dest: Path) -> dict[str, object]:
    return json.loads((dest / ".mashup-gen.json").read_text())["answers"]  # type: ignore[no-any-return]


def test_oauth2_creates_a_spa_client_with_origins_and_callback_pages(tmp_path: Path, tenant: Tenant) -> None:
    dest = tmp_path / "spa"
    result = run_exe(create_args(dest, tenant, "oauth2", origins=(ORIGIN, SECOND_ORIGIN)))
    assert result.returncode == 0, result.stderr
    (client,) = tenant.oauth.clients.values()
    assert client.app_type == "spa" and client.secret is None and client.client_name == "Sales embed"
    assert client.allowed_origins == [ORIGIN, SECOND_ORIGIN]
    assert client.redirect_uris == [f"{ORIGIN}/oauth-callback.html", f"{SECOND_ORIGIN}/oauth-callback.html"]
    assert f"Created OAuth client 'Sales embed' ({client.client_id})" in result.stdout
    assert _record(dest)["client_id"] == client.client_id
    assert client.client_id in (dest / "index.html").read_text()
    posts = [r for r in tenant.requests if r.method == "POST"]
    assert [r.path for r in posts] == ["/api/v1/oauth-clients"] and posts[0].headers["authorization"] == f"Bearer {KEY}"
    check = run_exe(["check", "--online", str(dest)])
    assert check.returncode == 0, check.stdout + check.stderr  # the tenant agrees with the project


def test_impersonation_creates_a_web_client_and_shows_its_secret_once(tmp_path: Path, invoke, tenant: Tenant) -> None:
    dest = tmp_path / "backend"
    result = invoke(*create_args(dest, tenant, "impersonation"), env=key_env(), tty=True)
    assert result.exit_code == 0, result.output
    (client,) = tenant.oauth.clients.values()
    assert client.app_type == "web" and client.grants == [GRANT_IMPERSONATION]
    assert client.allowed_origins == [ORIGIN] and client.redirect_uris == []
    assert client.secret and result.output.count(client.secret) == 1
    assert _record(dest)["client_id"] == client.client_id
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert client.secret not in path.read_text(encoding="utf-8", errors="replace"), path
    check = invoke("check", "--online", str(dest), env=key_env())
    assert "online-oauth" not in check.output, check.output


def test_impersonation_without_a_terminal_refuses_before_asking_the_tenant(tmp_path: Path, tenant: Tenant) -> None:
    dest = tmp_path / "p"
    result = run_exe(create_args(dest, tenant, "impersonation"))
    assert result.returncode == 2 and "terminal" in result.stderr
    assert tenant.requests == [] and not dest.exists()


@pytest.mark.parametrize(
    ("auth", "extra", "expected"),
    [
        ("oauth2", ("--client-id", "a" * 32), "--client-id"),
        ("cookie", ("--web-integration-id", "w" * 32), "--auth oauth2 or --auth impersonation"),
        ("oauth2", ("--create-web-integration", "x"), "not both"),
    ],
)
def test_bad_usage_writes_and_asks_nothing(
    tmp_path: Path, invoke, tenant: Tenant, auth: str, extra: tuple[str, ...], expected: str
) -> None:
    dest = tmp_path / "p"
    result = invoke(*create_args(dest, tenant, auth, *extra), env=key_env())
    assert result.exit_code == 2 and expected in result.output
    assert tenant.requests == [] and not dest.exists()


def test_a_template_without_an_oauth_client_is_bad_usage(tmp_path: Path, invoke, tenant: Tenant) -> None:
    args = ["new", str(tmp_path / "p"), "--tenant", tenant.url, "--web-integration-id", "w" * 32, "--app-id", APP_ID]
    result = invoke(*args, "--create-oauth-client", "x", "--no-input", env=key_env())
    assert result.exit_code == 2 and "does not sign in with an OAuth client" in result.output
    assert tenant.requests == []


def test_a_refused_creation_writes_nothing(tmp_path: Path, tenant: Tenant) -> None:
    tenant.management.fail("/api/v1/oauth-clients", 403, method="POST")
    dest = tmp_path / "p"
    result = run_exe(create_args(dest, tenant, "oauth2"))
    assert result.returncode == 1 and "Tenant Admin" in result.stderr and "nothing was written" in result.stderr
    assert not dest.exists() and KEY not in result.stdout + result.stderr


def test_dry_run_creates_nothing(tmp_path: Path, invoke, tenant: Tenant) -> None:
    result = invoke(*create_args(tmp_path / "p", tenant, "oauth2", "--dry-run"), env=key_env())
    assert result.exit_code == 0, result.output
    assert "Would create OAuth client 'Sales embed'" in result.output
    assert [r for r in tenant.requests if r.method == "POST"] == [] and tenant.oauth.clients == {}


def test_body_per_sign_in_and_the_secret_stays_out_of_repr() -> None:
    spa = oauth_client_body("n", "oauth2", [ORIGIN], [f"{ORIGIN}/oauth-callback.html"])
    assert spa["appType"] == "spa" and "allowedGrantTypes" not in spa
    web = oauth_client_body("n", "impersonation", [ORIGIN], [])
    assert web["appType"] == "web" and web["allowedGrantTypes"] == [GRANT_IMPERSONATION]
    with pytest.raises(ValueError, match="cookie"):
        oauth_client_body("n", "cookie", [ORIGIN], [])
    assert "s3cr3t" not in repr(CreatedClient("c" * 32, "web", "s3cr3t"))
