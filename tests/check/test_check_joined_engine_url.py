"""An engine URL joined from parts outside enigma.js's config (``'wss://' + host + '/app/' + appId`` in a
helper, ``scheme + '://' + host + ...`` handed to ``new WebSocket``) is the engine's socket all the same:
without the web integration id and the CSRF token Qlik Cloud refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>'
MANIFEST = '{"name": "x", "dependencies": {"vue": "3.4.0", "vite": "5.0.0"}}'
HELPER = """export const TENANT = 'acme.eu.qlikcloud.com';
export function engineUrl(appId) {
  return 'wss://' + TENANT + '/app/' + appId;
}
"""
CHOSEN_SCHEME = """export function engineUrl(host, secure, appId) {
  const scheme = secure ? 'wss' : 'ws';
  return scheme + '://' + host + '/app/' + appId;
}
"""
SIGNED = """export const TENANT = 'acme.eu.qlikcloud.com';
export function engineUrl(appId, id, csrf) {
  return 'wss://' + TENANT + '/app/' + appId + '?qlik-web-integration-id=' + id + '&qlik-csrf-token=' + csrf;
}
"""
SCHEME_CONSTANT = """export const PROTOCOL = { secure: 'wss://', plain: 'ws://' };
export const engineUrl = (appId) => `${PROTOCOL.secure}${location.host}/app/${appId}?qlik-csrf-token=x`;
"""
QLIK_CORE = """export function engineUrl(host, appId) {
  return 'ws://' + host + ':9076/app/' + appId;
}
"""
OTHER_SOCKET = """export function engineUrl(appId) {
  let socket;
  if (location.hostname === 'localhost') {
    socket = 'wss://' + location.host + '/app/' + appId + '?qlik-web-integration-id=x&qlik-csrf-token=y';
  } else {
    socket = new WebSocket('wss://' + location.hostname + '/qrsData');
  }
  return socket;
}
"""
MAIN = """import { engineUrl } from './config.js';
const socket = new WebSocket(engineUrl('1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e'));
"""


def engine_findings(folder: Path) -> list[tuple[str, str, int | None]]:
    return [
        (Path(f.path or "").name, f.rule, f.line)
        for f in check_paths([str(folder)]).sorted()
        if f.rule.startswith("engine-url-")
    ]


@pytest.mark.parametrize(("config", "line"), [(HELPER, 3), (CHOSEN_SCHEME, 3)])
def test_a_url_joined_in_a_helper_without_id_and_token_is_reported(tmp_path: Path, config: str, line: int) -> None:
    write(tmp_path, {"package.json": MANIFEST, "index.html": PAGE, "src/config.js": config, "src/main.js": MAIN})
    assert engine_findings(tmp_path) == [
        ("config.js", "engine-url-no-csrf", line),
        ("config.js", "engine-url-no-web-integration-id", line),
    ]


@pytest.mark.parametrize("config", [SIGNED, SCHEME_CONSTANT, QLIK_CORE, OTHER_SOCKET])
def test_a_signed_url_a_scheme_constant_or_an_engine_port_is_silent(tmp_path: Path, config: str) -> None:
    write(tmp_path, {"package.json": MANIFEST, "index.html": PAGE, "src/config.js": config, "src/main.js": MAIN})
    assert [(name, rule) for name, rule, _ in engine_findings(tmp_path) if rule.endswith("web-integration-id")] == []
    if config is not SCHEME_CONSTANT:
        assert engine_findings(tmp_path) == []


def test_a_server_joining_the_url_is_not_judged_for_the_cookie(tmp_path: Path) -> None:
    server = "const express = require('express');\nconst WebSocket = require('ws');\n" + HELPER.replace("export ", "")
    write(tmp_path, {"package.json": '{"name": "x", "dependencies": {"express": "4"}}', "server.js": server})
    assert engine_findings(tmp_path) == []
