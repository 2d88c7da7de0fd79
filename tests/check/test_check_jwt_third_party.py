"""A JWT traded for the tenant's session cookie by the browser (``POST <tenant>/login/jwt-session`` from the
page) gives a third-party cookie for the page's site, which browsers that block them drop: a warning at the
request. The same request made by the page's own server, or by a test, is not the page's sign-in."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

TENANT = "https://acme.eu.qlikcloud.com"
WIID = "abcdefghijABCDEFGHIJ0123456789_-"
JWT = (
    "async function jwtLogin(token) {\n"
    "  const r = await fetch(\n"
    f"    `{TENANT}/login/jwt-session?qlik-web-integration-id={WIID}`,\n"
    "    {method: 'POST', credentials: 'include', mode: 'cors', headers: {Authorization: `Bearer ${token}`}});\n"
    "  return r.ok;\n"
    "}\n"
    "fetch('/token').then((r) => r.json()).then((t) => jwtLogin(t.token));\n"
)
PAGE = '<div id="x"></div><script src="main.js"></script>\n'


def warnings(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "jwt-session-third-party"]


def test_a_browser_jwt_session_is_a_third_party_cookie(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": JWT})
    [finding] = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "jwt-session-third-party"]
    assert (finding.path.rsplit("/", 1)[-1], finding.line, finding.severity.value) == ("main.js", 3, "warning")


def test_an_inline_page_script_is_found_on_its_line(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": f'<div id="x"></div>\n<script>\n{JWT}</script>\n'})
    assert warnings(tmp_path) == [("index.html", 5)]


def test_the_servers_own_jwt_session_and_tests_are_silent(tmp_path: Path) -> None:
    server = (
        "const express = require('express');\n"
        "const app = express();\n"
        f"{JWT}"
        "app.get('/token', (req, res) => res.json({}));\n"
        "app.listen(3000);\n"
    )
    write(
        tmp_path,
        {
            "package.json": '{"name": "x", "main": "server.js", "dependencies": {"express": "4"}}',
            "server.js": server,
            "public/index.html": '<div id="x"></div>\n',
            "test/login.test.js": JWT,
        },
    )
    assert warnings(tmp_path) == []
