"""A session check that cannot see a 401: ``fetch`` resolves with the response whatever its status and rejects
only when the network fails, so ``.then(r => { if (!r) ... })`` (the response object is always truthy) or a
redirect written only in ``.catch`` never sends a signed-out visitor to /login. Reading the status, ``ok`` or the
body, handing the response to a helper, or a library that rejects on a 401 (axios, jQuery) stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import CAPABILITY, HEAD, ID, TENANT, write

from mashup_gen.checker import check_paths

URL = f"https://{TENANT}/api/v1/users/me"
OPTIONS = f'{{ credentials: "include", headers: {{ "qlik-web-integration-id": "{ID}" }} }}'
LOGIN_URL = f'"https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=" + encodeURIComponent(location.href)'
PAGE = f'<!doctype html><html><head>\n{HEAD}</head><body>\n<script src="main.js"></script>\n</body></html>\n'


def unseen(root: Path) -> list[tuple[str, int]]:
    return [
        (f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(root)]).sorted() if f.rule == "login-401-unseen"
    ]


def mashup(check: str) -> str:
    """The check, then the mashup once it has answered."""
    return f"function login() {{\n  return {check};\n}}\nlogin().then(function () {{\n{CAPABILITY}}});\n"


@pytest.mark.parametrize(
    "check",
    [
        f'fetch("{URL}", {OPTIONS}).then(signedIn => {{ if (!signedIn) {{ window.location.href = {LOGIN_URL}; }} }})',
        f'fetch("{URL}", {OPTIONS}).then(function (res) {{ if (res) {{ return; }} location.assign({LOGIN_URL}); }})',
        f'fetch("{URL}", {OPTIONS}).catch(() => {{ location.href = {LOGIN_URL}; }})',
    ],
    ids=["negated", "tested", "catch-only"],
)
def test_a_check_that_never_sees_a_401_is_an_error_at_the_check(tmp_path: Path, check: str) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": mashup(check)})
    assert unseen(tmp_path) == [("main.js", 2)]


def test_the_login_url_built_in_another_statement(tmp_path: Path) -> None:
    check = (
        f'fetch("{URL}", {OPTIONS}).then(ok => {{\n    const to = loginUrl + "?returnto=" + location.href;\n'
        "    if (!ok) { location.href = to; }\n  })"
    )
    top = f'var loginUrl = "https://{TENANT}/login";\n'
    write(tmp_path, {"index.html": PAGE, "main.js": top + mashup(check)})
    assert unseen(tmp_path) == [("main.js", 3)]


@pytest.mark.parametrize(
    "check",
    [
        f'fetch("{URL}", {OPTIONS}).then(r => {{ if (r.status === 401) {{ location.href = {LOGIN_URL}; }} }})',
        f'fetch("{URL}", {OPTIONS}).then(r => {{ if (!r.ok) {{ location.href = {LOGIN_URL}; }} }})',
        f'fetch("{URL}", {OPTIONS}).then(r => r.json()).then(u => {{ if (!u.id) location.href = {LOGIN_URL}; }})',
        f'fetch("{URL}", {OPTIONS}).then(r => handle(r)).catch(() => {{ location.href = {LOGIN_URL}; }})',
        f'fetch("{URL}", {OPTIONS}).then(r => {{ if (r.status !== 200) throw r; }})'
        f".catch(() => {{ location.href = {LOGIN_URL}; }})",
        f'axios.get("{URL}", {{ withCredentials: true }}).catch(() => {{ location.href = {LOGIN_URL}; }})',
        f'$.ajax({{ url: "{URL}", xhrFields: {{ withCredentials: true }} }})'
        f".fail(function () {{ location.href = {LOGIN_URL}; }})",
        f'fetch("{URL}", {OPTIONS}).then(r => {{ if (!r) {{ console.log("no answer"); }} }})',
    ],
    ids=["status", "ok", "body", "handed-on", "throws-then-catch", "axios", "jquery", "no-redirect"],
)
def test_a_check_that_can_see_a_401_is_silent(tmp_path: Path, check: str) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": mashup(check)})
    assert unseen(tmp_path) == []
