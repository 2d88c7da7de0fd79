"""The impersonation backend of a generated qlik-embed project (``node server.mjs``) against the stand-in
tenant's OAuth server, over HTTP: tokens per user, the CSRF and CORS guards of the token route, Qlik's
refusals passed on, the start-up checks, and what it serves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from standin import GRANT_IMPERSONATION, OAuthClient, Tenant

from tests.impersonation_support import (
    DEV_SUBJECT,
    SECRET_VARIABLE,
    TOKEN_ROUTE,
    Backend,
    ask_token,
    backend_env,
    call,
    free_port,
    generate_project,
    run_backend_once,
    running_backend,
    web_client,
)

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


@pytest.fixture(scope="module")
def tenant() -> Iterator[Tenant]:
    """One stand-in tenant for the module (each test adds its own client and users)."""
    with Tenant() as t:
        yield t


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def client(tenant: Tenant, port: int) -> OAuthClient:
    """A web client with the impersonation grant, allowing the backend's origin; the dev user exists."""
    tenant.add_user(DEV_SUBJECT, name="Alice")
    return web_client(tenant, [f"http://127.0.0.1:{port}"])


@pytest.fixture
def project(tmp_path: Path, tenant: Tenant, client: OAuthClient, port: int) -> Path:
    return generate_project(tmp_path / "portal", tenant.url, client.client_id, [f"http://127.0.0.1:{port}"])


@pytest.fixture
def backend(project: Path, port: int, client: OAuthClient) -> Iterator[Backend]:
    with running_backend(project, port, backend_env(str(client.secret))) as running:
        yield running


def _issued_for(tenant: Tenant, token: str) -> tuple[str, str, str]:
    (issued,) = [t for t in tenant.tokens_issued("access") if t.value == token]
    return issued.subject, issued.client_id, issued.grant


def test_the_token_route_hands_the_dev_user_a_token_qlik_issued_for_that_user(
    backend: Backend, tenant: Tenant, client: OAuthClient
) -> None:
    answer = ask_token(backend)
    assert answer.status == 200, answer.body
    token = answer.json()["access_token"]
    assert _issued_for(tenant, token) == (DEV_SUBJECT, client.client_id, GRANT_IMPERSONATION)
    assert answer.json()["expires_in"] > 0
    assert str(client.secret).encode() not in answer.body
    assert answer.headers["Cache-Control"] == "no-store"


def test_tokens_are_per_user_and_reused_only_for_the_same_user(
    backend: Backend, tenant: Tenant, client: OAuthClient
) -> None:
    tenant.add_user("auth0|dev-bob", name="Bob")
    before = len(tenant.token_requests)
    alice = ask_token(backend).json()["access_token"]
    again = ask_token(backend).json()["access_token"]
    signed_in = call(backend.url + "/dev/sign-in?subject=auth0%7Cdev-bob")
    assert signed_in.status == 303
    cookie = str(signed_in.headers["Set-Cookie"]).split(";", 1)[0]
    bob = ask_token(backend, cookie=cookie).json()["access_token"]
    assert alice == again  # the same user's token is kept until shortly before it expires
    assert bob != alice
    assert _issued_for(tenant, bob)[0] == "auth0|dev-bob"
    assert _issued_for(tenant, alice)[0] == DEV_SUBJECT
    assert len(tenant.token_requests) - before == 2  # one per user


@pytest.mark.parametrize(
    ("origin", "header"),
    [("https://evil.example.com", True), ("", True), ("null", True), (None, False)],
    ids=["other-origin", "no-origin", "null-origin", "no-csrf-header"],
)
def test_a_cross_site_or_headerless_post_gets_no_token(
    backend: Backend, tenant: Tenant, origin: str | None, header: bool
) -> None:
    before = len(tenant.token_requests)
    answer = ask_token(backend, origin=origin, header=header)
    assert answer.status == 403
    assert "access_token" not in answer.json()
    if origin is not None:  # another site: CORS does not let it read even the refusal
        assert "Access-Control-Allow-Origin" not in answer.headers
    assert len(tenant.token_requests) == before  # Qlik was not even asked


def test_cors_preflight_only_for_the_projects_origins(backend: Backend) -> None:
    own = call(backend.url + TOKEN_ROUTE, method="OPTIONS", headers={"Origin": backend.url})
    assert own.status == 204
    assert own.headers["Access-Control-Allow-Origin"] == backend.url
    assert "X-Qlik-Token-Request" in str(own.headers["Access-Control-Allow-Headers"])
    other = call(backend.url + TOKEN_ROUTE, method="OPTIONS", headers={"Origin": "https://evil.example.com"})
    assert other.status == 403
    assert "Access-Control-Allow-Origin" not in other.headers


def test_the_token_route_takes_post_only(backend: Backend) -> None:
    answer = call(backend.url + TOKEN_ROUTE, headers={"Origin": backend.url, "X-Qlik-Token-Request": "1"})
    assert answer.status == 405


def test_qliks_refusal_is_passed_on_as_a_message(backend: Backend) -> None:
    signed_in = call(backend.url + "/dev/sign-in?subject=auth0%7Cnobody")
    cookie = str(signed_in.headers["Set-Cookie"]).split(";", 1)[0]
    answer = ask_token(backend, cookie=cookie)
    assert answer.status == 502
    message = answer.json()["error"]
    assert "Qlik Cloud refused a token" in message and "user not found" in message and "OAUTH-12" in message


def test_a_wrong_secret_is_named_by_qlik_and_never_echoed(
    project: Path, port: int, tenant: Tenant, client: OAuthClient
) -> None:
    with running_backend(project, port, backend_env("not-the-secret")) as backend:
        answer = ask_token(backend)
    assert answer.status == 502
    assert "invalid client_secret" in answer.json()["error"]
    assert b"not-the-secret" not in answer.body


def test_a_wrong_client_id_gets_no_token(tmp_path: Path, tenant: Tenant, client: OAuthClient, port: int) -> None:
    """Mutation: a project made with another client id than the one holding the secret."""
    other = generate_project(tmp_path / "other", tenant.url, "ab" * 16, [f"http://127.0.0.1:{port}"])
    with running_backend(other, port, backend_env(str(client.secret))) as backend:
        answer = ask_token(backend)
    assert answer.status == 502
    assert "unknown client_id" in answer.json()["error"]


def test_without_a_session_nobody_gets_a_token(project: Path, port: int, tenant: Tenant, client: OAuthClient) -> None:
    """Outside development currentUserSubject() returns nobody until it is connected to a session."""
    env = backend_env(str(client.secret), development=False, subject=None)
    with running_backend(project, port, env) as backend:
        answer = ask_token(backend)
        sign_in = call(backend.url + "/dev/sign-in?subject=auth0%7Cdev-alice")
    assert answer.status == 401
    assert "connect currentUserSubject()" in answer.json()["error"]
    assert sign_in.status == 404  # the development sign-in does not exist outside development


def test_it_refuses_to_start_without_the_secret(project: Path) -> None:
    done = run_backend_once(project, backend_env(None))
    assert done.returncode == 2
    assert SECRET_VARIABLE in done.stderr and "Error" not in done.stderr


def test_it_refuses_a_dev_user_outside_development(project: Path) -> None:
    done = run_backend_once(project, backend_env("s3cret", development=False))
    assert done.returncode == 2
    assert "QLIK_DEV_USER_SUBJECT" in done.stderr and "NODE_ENV" in done.stderr


def test_it_refuses_a_port_that_is_not_a_number(project: Path) -> None:
    done = run_backend_once(project, {**backend_env("s3cret"), "PORT": "eighty"})
    assert done.returncode == 2 and "PORT=eighty" in done.stderr


def test_it_serves_the_page_and_nothing_of_itself(backend: Backend, project: Path) -> None:
    page = call(backend.url + "/")
    assert page.status == 200 and page.body == (project / "index.html").read_bytes()
    assert call(backend.url + "/embed.css").status == 200
    hidden_paths = (
        "/server.mjs",
        "/.mashup-gen.json",
        "/README.md",
        "/../server.mjs",
        "/%2e%2e/etc/passwd",
        "/%E0%A4%A",
    )
    for hidden in hidden_paths:
        assert call(backend.url + hidden).status == 404, hidden


def test_the_secret_is_in_no_file_of_the_project(backend: Backend, project: Path, client: OAuthClient) -> None:
    assert ask_token(backend).status == 200
    for path in project.rglob("*"):
        if path.is_file():
            assert str(client.secret) not in path.read_text(encoding="utf-8"), path


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(origin=st.from_regex(r"\Ahttps?://[a-z0-9.-]{1,20}(:[0-9]{1,5})?\Z"))
def test_no_other_origin_gets_a_token(backend: Backend, origin: str) -> None:
    if origin == backend.url:
        return
    assert ask_token(backend, origin=origin).status == 403


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    subject=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
        lambda s: s == s.strip() and bool(s)  # cookies trim surrounding blanks; subjects do not have them
    )
)
def test_any_subject_reaches_qlik_as_it_is(backend: Backend, tenant: Tenant, subject: str) -> None:
    """Whatever a subject holds (|, spaces, quotes, non-ASCII), Qlik is asked for exactly that user."""
    tenant.add_user(subject, name="Someone")
    signed_in = call(backend.url + "/dev/sign-in?subject=" + quote(subject, safe=""))
    cookie = str(signed_in.headers["Set-Cookie"]).split(";", 1)[0]
    answer = ask_token(backend, cookie=cookie)
    assert answer.status == 200, answer.body
    assert _issued_for(tenant, answer.json()["access_token"])[0] == subject


def test_the_readmes_command_starts_it_as_written(tmp_path: Path, tenant: Tenant, port: int) -> None:
    """The one command of the project's README, run by sh as a user pastes it (port and tenant aside)."""
    tenant.add_user("auth0|a1b2c3", name="Dev")
    client = tenant.add_oauth_client(
        app_type="web", secret="the-secret", grants=[GRANT_IMPERSONATION], allowed_origins=[f"http://127.0.0.1:{port}"]
    )
    project = generate_project(tmp_path / "p", tenant.url, client.client_id, [f"http://127.0.0.1:{port}"])
    readme = (project / "README.md").read_text(encoding="utf-8")
    (command,) = [line for line in readme.splitlines() if line.startswith("NODE_ENV=development ")]
    assert " PORT=8000 " in command
    command = command.replace(" PORT=8000 ", f" PORT={port} HOST=127.0.0.1 ")
    env = backend_env(None, development=False, subject=None)  # all it needs is on the command line
    with running_backend(project, port, env, argv=["sh", "-c", f"exec env {command}"]) as backend:
        answer = ask_token(backend)
    assert answer.status == 200, answer.body
    assert _issued_for(tenant, answer.json()["access_token"])[0] == "auth0|a1b2c3"
