"""Server code (a Node script, an Express route, a Java client) that opens the engine socket on Qlik Sense
Desktop (``ws://localhost:4848/app/...``), on a local engine (Qlik Core's port 9076) or over plain ``ws://``
to a server by name: none of them is Qlik Cloud, whose engine answers at ``wss://<tenant>/app/<appId>`` only.
A page's socket is judged the same way; a tenant's socket opened with a bearer token stays silent. A web URL of
Desktop's hub in server code is Desktop's server (test_check_desktop_server_url), not a socket."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

NODE = """const enigma = require('enigma.js');
const WebSocket = require('ws');
const schema = require('enigma.js/schemas/12.20.0.json');
const config = {{
  schema,
  url: '{url}',
  createSocket: url => new WebSocket(url),
}};
module.exports = () => enigma.create(config);
"""
JAVA = """package demo;
import java.net.URI;
public class Client {
    public static void main(String[] args) throws Exception {
        container.connectToServer(Client.class, new URI("ws://localhost:4848/app"));
    }
}
"""
TENANT = """const enigma = require('enigma.js');
const WebSocket = require('ws');
const schema = require('enigma.js/schemas/12.20.0.json');
const url = `wss://${process.env.TENANT}/app/${appId}`;
const session = enigma.create({ schema, url,
  createSocket: (u) => new WebSocket(u, { headers: { Authorization: `Bearer ${process.env.API_KEY}` } }) });
"""


def local_engine(path: Path) -> list[tuple[str, int]]:
    found = check_paths([str(path)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "client-managed-api"]


@pytest.mark.parametrize(
    "url",
    [
        "ws://localhost:4848/app/engineData",
        "ws://127.0.0.1:9076/app/engineData",
        "ws://qlik.corp.example/sense/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
    ],
)
def test_a_server_socket_to_desktop_a_local_engine_or_plain_ws_is_reported(tmp_path: Path, url: str) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"enigma.js": "^2.14.0", "ws": "^8.0.0"}}')
    (tmp_path / "session.js").write_text(NODE.format(url=url))
    assert local_engine(tmp_path) == [("session.js", 6)]


def test_a_java_client_of_qlik_sense_desktop_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pom.xml").write_text("<project></project>")
    (tmp_path / "Client.java").write_text(JAVA)
    assert local_engine(tmp_path) == [("Client.java", 5)]


def test_a_tenant_socket_with_a_bearer_token_is_silent(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"enigma.js": "^2.14.0", "ws": "^8.0.0"}}')
    (tmp_path / "session.js").write_text(TENANT)
    assert local_engine(tmp_path) == []


def test_a_pages_socket_is_judged_too_and_a_web_url_is_not_a_socket(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><script src='https://unpkg.com/enigma.js'></script>\n"
        "<script>enigma.create({schema, url: 'ws://localhost:4848/app/engineData'}).open();</script>\n"
    )
    (tmp_path / "server.js").write_text(
        "const express = require('express');\nconst home = 'http://localhost:4848/hub';\nexpress().listen(3000);\n"
    )
    found = check_paths([str(tmp_path)]).sorted()
    sockets = [
        (f.path.rsplit("/", 1)[-1], f.line)
        for f in found
        if f.rule == "client-managed-api" and ("socket" in f.message or "engine" in f.message)
    ]
    assert sockets == [("index.html", 2)]
