"""``new --template qlik-embed --auth impersonation``: the page, the backend and the README it writes, the
answers it refuses, and ``regenerate`` re-targeting such a project (client id, tenant, origins, sign-in) while
keeping the user's edits, in the backend too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.cli_support import new_project
from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID
from tests.embed_support import CLIENT_ID, ORIGIN, embed_script

NEW_CLIENT = "fedcba9876543210fedcba9876543210"
NEW_TENANT = "beta.us.qlikcloud.com"
ARGS = [
    "--template", "qlik-embed",
    "--auth", "impersonation",
    "--tenant", TENANT,
    "--app-id", APP_ID,
    "--object", "chart=QVwQm",
    "--client-id", CLIENT_ID,
    "--origin", ORIGIN,
    "--no-input",
]  # fmt: skip
# The user's edit in the backend: their session connected to currentUserSubject().
SESSION_EDIT = "  return request.session?.user?.qlikSubject ?? null; // connected to our session\n"


@pytest.fixture
def project(tmp_path: Path, invoke) -> Path:
    """An impersonation project (this module's ARGS)."""
    return new_project(tmp_path / "portal", *ARGS, invoke=invoke)


def constant(server: str, name: str) -> object:
    """The JSON value of ``export const NAME = ...;`` in server.mjs."""
    match = re.search(rf"^export const {name} = (.*);$", server, re.MULTILINE)
    assert match, name
    return json.loads(match[1])


def test_the_page_gets_its_token_from_the_backend(project: Path) -> None:
    html = (project / "index.html").read_text()
    script = embed_script(html)
    assert script["data-auth-type"] == "Oauth2"
    assert script["data-client-id"] == CLIENT_ID
    assert script["data-get-access-token"] == "getQlikAccessToken"
    for absent in ("data-redirect-uri", "data-web-integration-id", "data-auto-redirect", "data-access-token-storage"):
        assert absent not in script
    inline = [s.string or "" for s in BeautifulSoup(html, "html.parser").find_all("script") if not s.get("src")]
    (function,) = [s for s in inline if "async function getQlikAccessToken()" in s]
    assert 'fetch("/qlik/token"' in function and '"X-Qlik-Token-Request": "1"' in function
    assert 'method: "POST"' in function
    assert 'id="sign-in-problem"' in html


def test_the_backend_holds_the_projects_values_and_no_secret(project: Path) -> None:
    server = (project / "server.mjs").read_text()
    assert constant(server, "TENANT_URL") == f"https://{TENANT}"
    assert constant(server, "CLIENT_ID") == CLIENT_ID
    assert constant(server, "ALLOWED_ORIGINS") == [ORIGIN]
    assert constant(server, "SECRET_VARIABLE") == "QLIK_OAUTH_CLIENT_SECRET"
    assert "export function currentUserSubject(request" in server
    assert not re.search(r"client_secret:\s*['\"]", server)  # the secret is a variable, never a literal


def test_no_callback_page_and_no_secret_in_the_record(project: Path) -> None:
    assert sorted(p.name for p in project.iterdir()) == [
        ".gitignore", ".mashup-gen.json", "README.md", "embed.css", "index.html", "server.mjs",
    ]  # fmt: skip
    answers = json.loads((project / ".mashup-gen.json").read_text())["answers"]
    assert answers["auth"] == "impersonation" and "secret" not in json.dumps(answers).lower()


def test_the_readme_starts_the_backend_in_one_command_and_shows_the_client_to_create(project: Path) -> None:
    readme = (project / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    starts = [b.strip() for b in blocks if "node server.mjs" in b]
    dev = "NODE_ENV=development QLIK_DEV_USER_SUBJECT='auth0|a1b2c3' QLIK_OAUTH_CLIENT_SECRET=the-secret"
    assert f"{dev} PORT=8000 node server.mjs" in starts
    assert all(len(b.splitlines()) == 1 for b in starts)
    body = json.loads(re.search(r"```json\n(.*?)```", readme, re.DOTALL)[1])  # type: ignore[index]
    assert body["appType"] == "web" and body["allowedOrigins"] == [ORIGIN]
    assert body["allowedGrantTypes"] == ["urn:qlik:oauth:user-impersonation"]
    assert "currentUserSubject(request)" in readme and "createHandler" in readme
    assert "oauth-callback" not in readme and "mashup-gen serve" not in readme


def test_impersonation_needs_the_client_id(tmp_path: Path, invoke) -> None:
    args = [a for a in ARGS if a not in ("--client-id", CLIENT_ID)]
    result = invoke("new", str(tmp_path / "p"), *args)
    assert result.exit_code == 2
    assert "--client-id" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "p").exists()


def test_regenerate_retargets_the_backend_and_keeps_the_users_session_code(project: Path, invoke) -> None:
    server = project / "server.mjs"
    source = server.read_text()
    edited = source.replace("    return null; // no session connected yet: nobody gets a token\n", SESSION_EDIT, 1)
    assert edited != source
    server.write_text(edited)
    result = invoke(
        "regenerate", str(project), "--tenant", NEW_TENANT, "--client-id", NEW_CLIENT,
        "--set", "origins=https://one.example.com https://two.example.com",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = server.read_text()
    assert SESSION_EDIT in after
    assert constant(after, "CLIENT_ID") == NEW_CLIENT
    assert constant(after, "TENANT_URL") == f"https://{NEW_TENANT}"
    assert constant(after, "ALLOWED_ORIGINS") == ["https://one.example.com", "https://two.example.com"]
    assert embed_script((project / "index.html").read_text())["data-client-id"] == NEW_CLIENT


def test_switching_to_impersonation_and_back(tmp_path: Path, invoke) -> None:
    dest = tmp_path / "portal"
    oauth = [a if a != "impersonation" else "oauth2" for a in ARGS]
    assert invoke("new", str(dest), *oauth).exit_code == 0
    assert (dest / "oauth-callback.html").is_file() and not (dest / "server.mjs").exists()
    result = invoke("regenerate", str(dest), "--auth", "impersonation")
    assert result.exit_code == 0, result.output
    assert (dest / "server.mjs").is_file() and not (dest / "oauth-callback.html").exists()
    assert embed_script((dest / "index.html").read_text())["data-get-access-token"] == "getQlikAccessToken"
    result = invoke("regenerate", str(dest), "--auth", "cookie", "--web-integration-id", WEB_INTEGRATION_ID)
    assert result.exit_code == 0, result.output
    assert not (dest / "server.mjs").exists()
    assert embed_script((dest / "index.html").read_text())["data-auth-type"] == "cookie"


def test_check_finds_nothing_wrong_in_a_fresh_project(project: Path, invoke) -> None:
    result = invoke("check", str(project))
    assert result.exit_code == 0, result.output
