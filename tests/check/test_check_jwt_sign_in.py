"""The login flow of a page that signs in with a JWT: it POSTs a token its own server signed to
``<tenant>/login/jwt-session`` and gets the tenant's session cookie back, so it needs no ``/login`` redirect."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

TENANT = "https://acme.eu.qlikcloud.com"
WIID = "abcdefghijABCDEFGHIJ0123456789_-"
CHECK = (
    "async function signedIn() {\n"
    f"  const r = await fetch('{TENANT}/api/v1/users/me', {{credentials: 'include', mode: 'cors',\n"
    f"    headers: {{'qlik-web-integration-id': '{WIID}'}}}});\n"
    "  return r.ok;\n"
    "}\n"
)
JWT = (
    "async function jwtLogin(token) {\n"
    f"  return fetch('{TENANT}/login/jwt-session?qlik-web-integration-id={WIID}', {{\n"
    "    method: 'POST', credentials: 'include', mode: 'cors',\n"
    f"    headers: {{Authorization: 'Bearer ' + token, 'qlik-web-integration-id': '{WIID}'}}}});\n"
    "}\n"
)


def login_rules(tmp_path: Path, script: str) -> list[str]:
    (tmp_path / "index.html").write_text('<div id="x"></div><script src="main.js"></script>\n')
    (tmp_path / "main.js").write_text(script)
    return [f.rule for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("login-")]


def test_a_session_check_with_a_jwt_sign_in_needs_no_redirect(tmp_path: Path) -> None:
    assert login_rules(tmp_path, CHECK + JWT + "signedIn().then((ok) => ok || jwtLogin(window.token));\n") == []


def test_a_jwt_sign_in_alone_is_a_login_flow(tmp_path: Path) -> None:
    assert login_rules(tmp_path, JWT + "jwtLogin(window.token);\n") == []


def test_a_session_check_without_any_sign_in_still_warns(tmp_path: Path) -> None:
    assert login_rules(tmp_path, CHECK + "signedIn();\n") == ["login-no-redirect"]
