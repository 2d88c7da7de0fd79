"""`check --online` and `--fix-origins` for OAuth clients: the type and grant a project's sign-in needs, its
origins and redirect URIs, asked of (and added to) the stand-in's oauth-clients API."""

from __future__ import annotations

from pathlib import Path

import pytest
from online_support import KEY, ORIGIN, SECOND_ORIGIN, findings, generate, key_env, rules_of, set_answers
from standin import GRANT_IMPERSONATION, Tenant

KEPT = "https://kept.example.com"


@pytest.fixture
def project(tmp_path: Path, invoke, tenant: Tenant) -> Path:  # type: ignore[no-untyped-def]
    """A project served from ORIGIN and SECOND_ORIGIN whose web integration allows both."""
    wid = tenant.add_web_integration([ORIGIN, SECOND_ORIGIN])
    return generate(invoke, tmp_path / "p", tenant.url, wid, origins=(ORIGIN, SECOND_ORIGIN))


def check_json(invoke, project: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke("check", "--online", "--format", "json", *args, str(project), env=key_env())


def _callbacks(*origins: str) -> list[str]:
    return [f"{o}/oauth-callback.html" for o in origins]


def test_impersonation_with_a_web_client_allowing_the_origins_passes(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(
        app_type="web", allowed_origins=[ORIGIN, SECOND_ORIGIN], grants=[GRANT_IMPERSONATION]
    )
    set_answers(project, auth="impersonation", client_id=client.client_id)
    result = check_json(invoke, project)
    assert result.exit_code == 0 and findings(result.output) == []  # no redirect URI is needed
    assert tenant.requested(f"/api/v1/oauth-clients/{client.client_id}") == 1


def test_impersonation_needs_a_web_client(invoke, tenant: Tenant, project: Path) -> None:
    spa = tenant.add_oauth_client(
        redirect_uris=_callbacks(ORIGIN, SECOND_ORIGIN), allowed_origins=[ORIGIN, SECOND_ORIGIN]
    )
    set_answers(project, auth="impersonation", client_id=spa.client_id)
    (finding,) = findings(check_json(invoke, project).output)
    assert finding["rule"] == "online-oauth-client-type" and "'spa'" in str(finding["message"])
    assert "--auth impersonation needs a web client" in str(finding["message"])


def test_impersonation_needs_the_grant(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(
        app_type="web", allowed_origins=[ORIGIN, SECOND_ORIGIN], grants=["client_credentials"]
    )
    set_answers(project, auth="impersonation", client_id=client.client_id)
    (finding,) = findings(check_json(invoke, project).output)
    assert finding["rule"] == "online-oauth-grant-missing" and "client_credentials" in str(finding["message"])


def test_oauth2_needs_a_spa_client(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(
        app_type="web", allowed_origins=[ORIGIN, SECOND_ORIGIN], grants=[GRANT_IMPERSONATION]
    )
    set_answers(project, auth="oauth2", client_id=client.client_id)
    assert rules_of(check_json(invoke, project).output) == ["online-oauth-client-type"]


def test_impersonation_origin_missing(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(app_type="web", allowed_origins=[ORIGIN], grants=[GRANT_IMPERSONATION])
    set_answers(project, auth="impersonation", client_id=client.client_id)
    (finding,) = findings(check_json(invoke, project).output)
    assert finding["rule"] == "online-oauth-origin-missing" and SECOND_ORIGIN in str(finding["message"])


def test_a_given_redirect_uri_sets_the_callback_path_on_every_origin(invoke, tenant: Tenant, project: Path) -> None:
    wanted = [f"{ORIGIN}/app/oauth-callback.html", f"{SECOND_ORIGIN}/app/oauth-callback.html"]
    client = tenant.add_oauth_client(redirect_uris=wanted[:1], allowed_origins=[ORIGIN, SECOND_ORIGIN])
    set_answers(project, auth="oauth2", client_id=client.client_id, redirect_uri=wanted[0])
    (finding,) = findings(check_json(invoke, project).output)
    assert finding["rule"] == "online-oauth-redirect-missing" and wanted[1] in str(finding["message"])


# -- --fix-origins ------------------------------------------------------------------------------------


def test_fix_adds_origins_and_redirect_uris_to_the_oauth_client(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(redirect_uris=[f"{KEPT}/oauth-callback.html"], allowed_origins=[KEPT])
    bystander = tenant.add_oauth_client(redirect_uris=[f"{KEPT}/x.html"], allowed_origins=[KEPT])
    set_answers(project, auth="oauth2", client_id=client.client_id)
    assert len(findings(check_json(invoke, project).output)) == 4
    result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    assert client.allowed_origins == [KEPT, ORIGIN, SECOND_ORIGIN]
    assert client.redirect_uris == [f"{KEPT}/oauth-callback.html", *_callbacks(ORIGIN, SECOND_ORIGIN)]
    assert (bystander.allowed_origins, bystander.redirect_uris) == ([KEPT], [f"{KEPT}/x.html"])
    assert f"to OAuth client 'standin-{client.client_id[:6]}' ({client.client_id}); confirmed" in result.output
    assert "No problems found" in result.output
    calls = [r.method for r in tenant.requests if r.path == f"/api/v1/oauth-clients/{client.client_id}"]
    assert calls[-3:] == ["GET", "PATCH", "GET"]  # read right before the change, then read back


def test_fix_shows_the_change_and_asks_on_a_terminal(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(app_type="web", allowed_origins=[ORIGIN], grants=[GRANT_IMPERSONATION])
    set_answers(project, auth="impersonation", client_id=client.client_id)
    result = invoke("check", "--online", "--fix-origins", str(project), env=key_env(), tty=True, input="n\n")
    assert "OAuth clients" in result.output and f"+ allowed origin {SECOND_ORIGIN}" in result.output
    assert "redirect URI" not in result.output  # impersonation has no callback page
    assert "nothing changed" in result.output and client.allowed_origins == [ORIGIN]


def test_fix_refused_is_a_finding(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(app_type="web", allowed_origins=[ORIGIN], grants=[GRANT_IMPERSONATION])
    set_answers(project, auth="impersonation", client_id=client.client_id)
    tenant.management.fail("/api/v1/oauth-clients", 403, method="PATCH")
    result = check_json(invoke, project, "--fix-origins", "--yes")
    assert result.exit_code == 1
    assert sorted(rules_of(result.stdout)) == ["online-oauth-fix-failed", "online-oauth-origin-missing"]
    assert "Tenant Admin" in result.output and client.allowed_origins == [ORIGIN]
    assert KEY not in result.output


def test_fix_that_does_not_hold_is_reported(invoke, tenant: Tenant, project: Path) -> None:
    client = tenant.add_oauth_client(app_type="web", allowed_origins=[ORIGIN], grants=[GRANT_IMPERSONATION])
    set_answers(project, auth="impersonation", client_id=client.client_id)
    tenant.management.fail("/api/v1/oauth-clients", 204, method="PATCH")  # accepted, but nothing changes
    result = check_json(invoke, project, "--fix-origins", "--yes")
    assert "online-oauth-fix-failed" in rules_of(result.stdout)
    assert f"{SECOND_ORIGIN} is not there" in result.output


def test_fix_keeps_what_was_added_meanwhile(invoke, tenant: Tenant, project: Path) -> None:
    """The client is read again right before the PATCH: an entry added since the check survives."""
    client = tenant.add_oauth_client(app_type="web", allowed_origins=[ORIGIN], grants=[GRANT_IMPERSONATION])
    set_answers(project, auth="impersonation", client_id=client.client_id)
    from mashup_gen.online import oauth_fix

    real = oauth_fix.fix_client

    def meanwhile(http, fix):  # type: ignore[no-untyped-def]
        client.allowed_origins = [ORIGIN, KEPT]
        return real(http, fix)

    import unittest.mock

    with unittest.mock.patch.object(oauth_fix, "fix_client", meanwhile):
        result = invoke("check", "--online", "--fix-origins", "--yes", str(project), env=key_env())
    assert result.exit_code == 0, result.output
    assert client.allowed_origins == [ORIGIN, KEPT, SECOND_ORIGIN]
