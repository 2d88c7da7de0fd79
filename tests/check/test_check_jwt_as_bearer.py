"""A JWT the project signs, sent as the Bearer token of a REST request to the tenant (/api/v1/...): Qlik Cloud
takes such a JWT only at /login/jwt-session, for a session cookie. An OAuth access token as the Bearer token, or
the JWT posted to /login/jwt-session, is silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

SERVER = f"""const jwt = require('jsonwebtoken');
const express = require('express');
const app = express();

function signQlikToken(user) {{
  return jwt.sign({{ sub: user.email, subType: 'user', aud: 'qlik.api/login/jwt-session' }}, process.env.KEY, {{
    algorithm: 'RS256',
  }});
}}

app.get('/groups', async (req, res) => {{
  const token = %(token)s;
  const r = await fetch('https://{TENANT}/api/v1/users/me', {{ headers: {{ Authorization: `Bearer ${{token}}` }} }});
  res.json(await r.json());
}});
app.listen(3000);
"""


def bearers(folder: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(folder)]).sorted() if f.rule == "jwt-as-bearer"]


def server(tmp_path: Path, token: str) -> Path:
    files = {"package.json": '{"name": "s", "dependencies": {"express": "4"}}', "server.js": SERVER % {"token": token}}
    return write(tmp_path, files)


def test_a_signed_jwt_as_a_rest_bearer_token_is_reported(tmp_path: Path) -> None:
    assert bearers(server(tmp_path, "signQlikToken(req.user)")) == [("server.js", 13)]


def test_a_browser_request_with_a_jwt_named_so_is_reported(tmp_path: Path) -> None:
    script = (
        f"fetch('https://{TENANT}/api/v1/users/me', {{ credentials: 'include', headers: "
        "{ Authorization: 'Bearer ' + JWTTOKEN } });\n"
    )
    page = "<!doctype html><html><body><script src='app.js'></script></body></html>"
    assert bearers(write(tmp_path, {"index.html": page, "app.js": script})) == [("app.js", 1)]


def test_an_oauth_access_token_or_the_jwt_session_exchange_is_silent(tmp_path: Path) -> None:
    assert bearers(server(tmp_path / "oauth", "req.session.accessToken")) == []
    exchange = (
        f"fetch('https://{TENANT}/login/jwt-session', {{ method: 'POST', headers: "
        "{ Authorization: 'Bearer ' + JWTTOKEN } });\n"
    )
    page = "<!doctype html><html><body><script src='app.js'></script></body></html>"
    assert bearers(write(tmp_path / "session", {"index.html": page, "app.js": exchange})) == []
