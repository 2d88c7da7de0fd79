"""A project that runs Qlik Core's engine container from a compose file maps a port of this machine to the
engine's 9076 ("19076:9076"): a socket to that port on localhost is that local engine, which Qlik Cloud replaces
with wss://<tenant>/app/<app id>. The same port without such a container (a local stand-in) stays silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

COMPOSE = """version: "3"
services:
  engine:
    image: qlikcore/engine:12.792.0
    command: -S AcceptEULA=yes
    ports:
      - "19076:9076"
"""
SCRIPT = """const WebSocket = require('ws');
const enigma = require('enigma.js');
const schema = require('enigma.js/schemas/12.170.2.json');

const session = enigma.create({
  schema,
  url: 'ws://localhost:19076/app/',
  createSocket: (url) => new WebSocket(url),
});
session.open().then((global) => global.engineVersion()).then(() => session.close());
"""


def findings(tmp_path: Path, compose: str | None) -> list[tuple[str, int]]:
    files = {"package.json": '{"name": "a", "dependencies": {"enigma.js": "2", "ws": "8"}}', "index.js": SCRIPT}
    if compose is not None:
        files["docker-compose.yml"] = compose
    folder = write(tmp_path, files)
    return [(f.rule, f.line) for f in check_paths([str(folder)]).sorted() if f.rule == "client-managed-api"]


def test_a_socket_to_the_port_a_qlik_core_container_is_mapped_to_is_reported(tmp_path: Path) -> None:
    assert findings(tmp_path, COMPOSE) == [("client-managed-api", 7)]


def test_the_same_port_without_a_qlik_core_container_is_silent(tmp_path: Path) -> None:
    assert findings(tmp_path, None) == []
    assert findings(tmp_path, COMPOSE.replace("qlikcore/engine:12.792.0", "nginx:1.25")) == []
