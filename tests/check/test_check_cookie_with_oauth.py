"""login-cookie-with-oauth: a project whose only sign-in is OAuth2 (qlik-embed's Oauth2 loader, @qlik/api's host
config with a client id, as @qlik/api itself decides the type) gets access tokens, never the tenant's session
cookie: its own requests that count on that cookie (credentials and the web integration id) are refused. A
cookie sign-in (qlik-embed's cookie type, a /login redirect) or an unknown type keeps it silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

LOADER = """<!doctype html><html><head>
<script src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.min.js"
  data-host="https://acme.eu.qlikcloud.com" data-client-id="0123456789abcdef0123456789abcdef"
  data-redirect-uri="https://app.example.com/oauth-callback.html" {auth}></script>
<script src="data.js"></script>
</head><body><qlik-embed ui="analytics/chart" app-id="133dab5d-8f56-4d40-b3e0-a6b401391bde" object-id="aBcDe">
</qlik-embed></body></html>
"""
CALLBACK = """<!doctype html><html><head>
<script src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/oauth-callback.min.js"
  data-host="https://acme.eu.qlikcloud.com"></script></head><body></body></html>
"""
DATA = """const host = 'acme.eu.qlikcloud.com';
const id = 'Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e';
async function spaces() {
  const r = await fetch(`https://${host}/api/v1/spaces`, {
    credentials: 'include',
    headers: { 'qlik-web-integration-id': id },
  });
  return r.json();
}
"""
LOGIN = """
async function signIn() {
  const me = await fetch(`https://${host}/api/v1/users/me`, { credentials: 'include',
    headers: { 'qlik-web-integration-id': id } });
  if (me.status === 401) {
    window.location.href = `https://${host}/login?qlik-web-integration-id=${id}&returnto=${encodeURIComponent(location.href)}`;
  }
}
"""


def warnings(root: Path) -> list[tuple[str, int]]:
    return [
        (Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "login-cookie-with-oauth"
    ]


def write(root: Path, auth: str, data: str = DATA) -> None:
    (root / "index.html").write_text(LOADER.format(auth=auth))
    (root / "oauth-callback.html").write_text(CALLBACK)
    (root / "data.js").write_text(data)


def test_a_cookie_request_beside_an_oauth2_sign_in_is_warned(tmp_path: Path) -> None:
    write(tmp_path, 'data-auth-type="Oauth2"')
    assert warnings(tmp_path) == [("data.js", 4)]


@pytest.mark.parametrize(
    "auth", ['data-auth-type="cookie" data-web-integration-id="Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"', ""]
)
def test_a_cookie_or_unknown_sign_in_is_silent(tmp_path: Path, auth: str) -> None:
    write(tmp_path, auth)
    assert warnings(tmp_path) == []


def test_a_cookie_sign_in_of_the_projects_own_is_silent(tmp_path: Path) -> None:
    write(tmp_path, 'data-auth-type="Oauth2"', DATA + LOGIN)
    assert warnings(tmp_path) == []


HOST_CONFIG = """import { auth } from '@qlik/api';
auth.setDefaultHostConfig({ host: 'acme.eu.qlikcloud.com', clientId: '0123456789abcdef0123456789abcdef',
  redirectUri: 'https://app.example.com/oauth-callback.html' });
const id = 'Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e';
export const url = `wss://acme.eu.qlikcloud.com/app/133dab5d-8f56-4d40-b3e0-a6b401391bde?qlik-web-integration-id=${id}&qlik-csrf-token=${csrf}`;
"""


@pytest.mark.parametrize(("extra", "expected"), [("", [("main.js", 5)]), ("apiKey: k, ", [])])
def test_qlik_apis_client_id_is_oauth2_as_qlik_api_decides(tmp_path: Path, extra: str, expected: list) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>\n'
    )
    (tmp_path / "main.js").write_text(HOST_CONFIG.replace("host: 'acme", f"{extra}host: 'acme"))
    assert warnings(tmp_path) == expected
