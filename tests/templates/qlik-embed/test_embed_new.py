"""``mashup-gen new --template qlik-embed``: the generated pages for both sign-ins, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID
from tests.embed_support import CLIENT_ID, COOKIE_ARGS, OAUTH_ARGS, ORIGIN, embed_script, embeds

BASE = f"https://{TENANT}"


def test_oauth2_project(tmp_path: Path, invoke) -> None:
    dest = tmp_path / "portal"
    result = invoke("new", str(dest), *OAUTH_ARGS, "--sheet", "nunQpgh")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in dest.iterdir()) == [
        ".gitignore", ".mashup-gen.json", "README.md", "embed.css", "index.html", "oauth-callback.html"
    ]  # fmt: skip
    script = embed_script((dest / "index.html").read_text())
    assert script["data-host"] == BASE and script["data-auth-type"] == "Oauth2"
    assert script["data-client-id"] == CLIENT_ID
    assert script["data-redirect-uri"] == f"{ORIGIN}/oauth-callback.html"
    assert script["data-access-token-storage"] == "session" and script["data-auto-redirect"] == "true"
    assert "data-web-integration-id" not in script
    assert embeds((dest / "index.html").read_text()) == [
        {"ui": "analytics/chart", "app-id": APP_ID, "object-id": "QVwQm", "element": "chart"},
        {"ui": "analytics/selections", "app-id": APP_ID, "element": "CurrentSelections"},
        {"ui": "classic/app", "app-id": APP_ID, "sheet-id": "nunQpgh", "element": "sheet-nunQpgh"},
    ]
    callback = embed_script((dest / "oauth-callback.html").read_text(), "oauth-callback.js")
    assert callback["data-host"] == BASE
    readme = (dest / "README.md").read_text()
    assert "Settings > OAuth > Create new" in readme and "qlik oauth-client create -f body.json" in readme
    body = json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])
    assert body == {
        "appType": "spa",
        "clientName": "portal",
        "allowedScopes": ["user_default"],
        "redirectUris": [f"{ORIGIN}/oauth-callback.html"],
        "allowedOrigins": [ORIGIN],
    }
    answers = json.loads((dest / ".mashup-gen.json").read_text())["answers"]
    assert answers["auth"] == "oauth2" and answers["client_id"] == CLIENT_ID and answers["sheets"] == "nunQpgh"


def test_one_callback_url_per_origin_in_the_readme(tmp_path: Path, invoke) -> None:
    dest = tmp_path / "p"
    result = invoke("new", str(dest), *OAUTH_ARGS, "--origin", "http://localhost:8000")
    assert result.exit_code == 0, result.output
    readme = (dest / "README.md").read_text()
    body = json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])
    assert body["redirectUris"] == [f"{ORIGIN}/oauth-callback.html", "http://localhost:8000/oauth-callback.html"]
    assert body["allowedOrigins"] == [ORIGIN, "http://localhost:8000"]


def test_cookie_project(tmp_path: Path, invoke) -> None:
    dest = tmp_path / "p"
    result = invoke("new", str(dest), *COOKIE_ARGS, "--ui", "classic")
    assert result.exit_code == 0, result.output
    assert not (dest / "oauth-callback.html").exists()
    script = embed_script((dest / "index.html").read_text())
    assert script["data-auth-type"] == "cookie" and script["data-web-integration-id"] == WEB_INTEGRATION_ID
    assert "data-client-id" not in script and "data-redirect-uri" not in script
    assert [e["ui"] for e in embeds((dest / "index.html").read_text())] == ["classic/chart"]
    readme = (dest / "README.md").read_text()
    origins = """--value='["http://localhost:8000"]'"""
    assert f"qlik web-integration patch --op replace --path /validOrigins {origins} -- '{WEB_INTEGRATION_ID}'" in readme
    assert "Third-party cookies" in readme


def test_cookie_auth_does_not_ask_for_a_client_id(tmp_path: Path, invoke) -> None:
    answers = [TENANT, "cookie", WEB_INTEGRATION_ID, APP_ID, "kpi=QVwQm", "Portal", "", "", "classic"]
    result = invoke("new", str(tmp_path / "p"), "--template", "qlik-embed", input="\n".join(answers) + "\n", tty=True)
    assert result.exit_code == 0, result.output
    assert "OAuth client id" not in result.output and "redirect URI" not in result.output
    record = json.loads((tmp_path / "p" / ".mashup-gen.json").read_text())["answers"]
    assert record["auth"] == "cookie" and record["ui"] == "classic" and record["client_id"] == ""


def test_interactive_oauth2_asks_for_the_redirect_uri_and_sheets(tmp_path: Path, invoke) -> None:
    redirect = "http://localhost:8000/app/oauth-callback.html"
    answers = [TENANT, "oauth2", CLIENT_ID, APP_ID, "kpi=QVwQm", "Portal", "", redirect, "s1 s2", ""]
    result = invoke("new", str(tmp_path / "p"), "--template", "qlik-embed", input="\n".join(answers) + "\n", tty=True)
    assert result.exit_code == 0, result.output
    assert "OAuth redirect URI" in result.output and "Sheet ids to embed whole" in result.output
    record = json.loads((tmp_path / "p" / ".mashup-gen.json").read_text())["answers"]
    assert record["redirect_uri"] == redirect and record["sheets"] == "s1 s2" and record["client_id"] == CLIENT_ID


@pytest.mark.parametrize(
    ("args", "option", "expected"),
    [
        (["--client-id", "not-hex"], "--client-id", "hexadecimal"),
        (["--auth", "jwt"], "--auth", "oauth2 or cookie"),
        (["--ui", "sheet"], "--ui", "analytics or classic"),
        (["--sheet", "bad id"], "--sheet", "sheet id"),
        (["--set", "redirect_uri=https://evil.example.com/oauth-callback.html"], "redirect_uri", "origins"),
        (["--set", f"redirect_uri={ORIGIN}/callback.html"], "redirect_uri", "callback page"),
    ],
)
def test_bad_input_exits_2_naming_the_option(tmp_path: Path, invoke, args: list[str], option: str, expected: str):
    dest = tmp_path / "p"
    result = invoke("new", str(dest), *OAUTH_ARGS, *args)
    assert result.exit_code == 2, result.output
    assert option in result.output and expected in result.output
    assert list(tmp_path.iterdir()) == []


def test_each_sign_in_needs_its_id(tmp_path: Path, invoke) -> None:
    no_client = [a for a in OAUTH_ARGS if a not in ("--client-id", CLIENT_ID)]
    result = invoke("new", str(tmp_path / "a"), *no_client)
    assert result.exit_code == 2 and "--client-id" in result.output
    no_id = [a for a in COOKIE_ARGS if a not in ("--web-integration-id", WEB_INTEGRATION_ID)]
    result = invoke("new", str(tmp_path / "b"), *no_id)
    assert result.exit_code == 2 and "--web-integration-id" in result.output
    assert list(tmp_path.iterdir()) == []


def test_capability_template_refuses_embed_options(tmp_path: Path, invoke) -> None:
    from tests.conftest import NEW_ARGS

    result = invoke("new", str(tmp_path / "p"), *NEW_ARGS, "--client-id", CLIENT_ID)
    assert result.exit_code == 2 and "does not use --client-id" in result.output


def test_templates_lists_qlik_embed(invoke) -> None:
    result = invoke("templates")
    assert "qlik-embed 1.0.0" in result.output
    assert "--client-id" in result.output and "required with --auth oauth2" in result.output
    assert "required with --auth cookie" in result.output


def test_serve_warns_about_an_origin_the_oauth_client_does_not_know(tmp_path: Path, invoke) -> None:
    from mashup_gen.serve import allowlist_warning

    dest = tmp_path / "p"
    assert invoke("new", str(dest), *OAUTH_ARGS).exit_code == 0
    assert allowlist_warning(dest, ORIGIN) is None
    warning = allowlist_warning(dest, "http://localhost:8000")
    assert warning and "OAuth client" in warning and "--set origins=" in warning
