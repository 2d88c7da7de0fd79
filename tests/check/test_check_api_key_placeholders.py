"""An API key never filled in (``apiKey: "<your-api-key>"``, a key cut short ``"eyJhbGciOiJFU......"``) is a
placeholder: the script cannot connect."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

SCRIPT = f"""const enigma = require("enigma.js");
const schema = require("enigma.js/schemas/12.2027.0.json");
const WebSocket = require("ws");
const apiKey = "%s";
const session = enigma.create({{
  schema,
  createSocket: () =>
    new WebSocket("wss://{TENANT}/app/{APP}", {{ headers: {{ Authorization: `Bearer ${{apiKey}}` }} }}),
}});
session.open().then((g) => g.openDoc("{APP}"));
"""
BROWSER = f"""async function getAccessToken() {{
  const apikey = "%s";
  return apikey;
}}
getAccessToken().then((t) =>
  fetch("https://{TENANT}/api/v1/users/me", {{ headers: {{ Authorization: "Bearer " + t }} }}));
"""


def rules(root: Path) -> list[tuple[str, int]]:
    return sorted((f.rule, f.line) for f in check_paths([str(root)]).findings if f.severity.value == "error")


@pytest.mark.parametrize(
    ("key", "expected"),
    [("<your-api-key>", [("placeholder", 4)]), ("process.env.QLIK_API_KEY", [])],
)
def test_a_node_script(tmp_path: Path, key: str, expected: list[tuple[str, int]]) -> None:
    code = SCRIPT % key if not key.startswith("process") else (SCRIPT % "x").replace('"x"', key)
    write(tmp_path, {"index.js": code, "package.json": '{"name": "s", "dependencies": {"enigma.js": "2", "ws": "8"}}'})
    assert rules(tmp_path) == expected


def test_a_key_cut_short_is_a_placeholder(tmp_path: Path) -> None:
    # still a key in browser code as well: the design is wrong whatever the value
    write(tmp_path, {"invite.js": BROWSER % "eyJhbGciOiJFU......"})
    assert ("placeholder", 2) in rules(tmp_path)
