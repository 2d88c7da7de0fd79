"""A page that opens the engine socket itself (enigma.js, a raw WebSocket) on Qlik Sense Desktop, a local engine
or a client-managed server, and never signs anyone in: moved to Qlik Cloud, the socket is refused until the page
runs the tenant's login flow. The warning points where the socket is opened, where the sign-in must come first."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import LOGIN, write

ENIGMA = """var config = {
  schema: schema,
  url: 'ws://localhost:4848/app'
};

var objectDef = { qInfo: { qType: 'list' } };

%(login)svar session = enigma.create(config);
session.open().then(function (global) {
  return global.openDoc('1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e');
});
"""
RAW = """%(login)svar socket = new WebSocket('ws://127.0.0.1:4848/app');
socket.onmessage = function (event) { console.log(event.data); };
"""


def project(tmp_path: Path, script: str) -> Path:
    page = (
        '<!doctype html><html><body><div id="chart"></div>'
        '<script src="enigma.min.js"></script><script src="schema.js"></script>'
        '<script src="main.js"></script></body></html>'
    )
    return write(
        tmp_path,
        {
            "index.html": page,
            "enigma.min.js": "var enigma = {};\n",
            "schema.js": "var schema = {};\n",
            "main.js": script,
        },
    )


def logins(path: Path) -> list[tuple[str, str, int]]:
    return [
        (f.rule, Path(f.path).name, f.line) for f in check_paths([str(path)]).sorted() if f.rule.startswith("login")
    ]


def test_an_enigma_session_on_a_desktop_engine_without_sign_in_is_a_warning_where_it_is_created(
    tmp_path: Path,
) -> None:
    assert logins(project(tmp_path, ENIGMA % {"login": ""})) == [("login-missing-moved", "main.js", 8)]


def test_a_raw_websocket_is_reported_at_the_new_websocket_call(tmp_path: Path) -> None:
    assert logins(project(tmp_path, RAW % {"login": ""})) == [("login-missing-moved", "main.js", 1)]


def test_a_page_that_signs_in_first_gets_no_login_finding(tmp_path: Path) -> None:
    assert logins(project(tmp_path, ENIGMA % {"login": LOGIN})) == []
    assert logins(project(tmp_path, RAW % {"login": LOGIN})) == []


def test_a_server_socket_to_a_local_engine_needs_no_browser_sign_in(tmp_path: Path) -> None:
    server = "const WebSocket = require('ws');\nconst ws = new WebSocket('ws://localhost:4848/app');\n"
    folder = write(tmp_path, {"package.json": '{"name": "a", "dependencies": {"ws": "8"}}', "index.js": server})
    assert logins(folder) == []
