"""Client-managed Qlik Sense's ``X-Qlik-User`` header signs a request in only through a header-authenticated
virtual proxy or with the exported certificates. Sent beside a bearer token (an API key, an OAuth token) it is
a leftover that Qlik Cloud ignores: the token signs the request in, so it is not reported. Alone, it still is."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

PYTHON = (
    "import os, websocket\n"
    "\n"
    "def connect(app_id, user_id=None):\n"
    "    headers = {\n"
    '        "Authorization": f"Bearer {os.environ[\'QLIK_API_KEY\']}",\n'
    "    }\n"
    "    if user_id:\n"
    '        headers["X-Qlik-User"] = f"UserDirectory=ACME;UserId={user_id}"\n'
    '    return websocket.create_connection(f"wss://acme.eu.qlikcloud.com/app/{app_id}", header=headers)\n'
)
NODE = (
    "const WebSocket = require('ws');\n"
    "function connect(appId) {\n"
    "  const headers = { Authorization: `Bearer ${process.env.QLIK_API_KEY}`,\n"
    "    'X-Qlik-User': 'UserDirectory=ACME; UserId=svc' };\n"
    "  return new WebSocket(`wss://acme.eu.qlikcloud.com/app/${appId}`, { headers });\n"
    "}\n"
    "module.exports = { connect };\n"
)


def client_managed(root: Path) -> list[tuple[str, int | None]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "client-managed-api"]


@pytest.mark.parametrize(("name", "code"), [("engine.py", PYTHON), ("engine.js", NODE)])
def test_a_user_header_beside_a_bearer_token_is_silent(tmp_path: Path, name: str, code: str) -> None:
    # Before: 'X-Qlik-User' was a client-managed credential wherever it was written.
    write(tmp_path, {"requirements.txt": "websocket-client\n", "package.json": "{}", name: code})
    assert client_managed(tmp_path) == []


@pytest.mark.parametrize(("name", "code", "line"), [("engine.py", PYTHON, 8), ("engine.js", NODE, 4)])
def test_a_user_header_alone_is_still_reported(tmp_path: Path, name: str, code: str, line: int) -> None:
    alone = code.replace("Bearer", "Token") if name.endswith(".py") else code.replace("Authorization: `Bearer ", "X: `")
    write(tmp_path, {"requirements.txt": "websocket-client\n", "package.json": "{}", name: alone})
    assert client_managed(tmp_path) == [(name, line)]
