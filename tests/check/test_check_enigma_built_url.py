"""An engine URL the browser builds from parts inside ``enigma.create({ url })`` (``scheme + '://' + host``) is
the engine's socket even when no literal starts with ``wss://`` or names ``/app/``: without the web
integration id and the CSRF token, Qlik Cloud refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body>
<script src="https://unpkg.com/enigma.js"></script>
<script src="{script}"></script></body></html>
"""
BUILT = """var host = document.getElementById('host').value, prefix = '', scheme = 'ws';
fetch('https://schema.example/12.34.11.json').then(r => r.json()).then(schema => {
  const session = enigma.create({
    schema,
    url: scheme + '://' + host + '/' + prefix + '/',
  });
  return session.open().then(global => global.getDocList());
});
"""
SIGNED = """import qix from "enigma.js";
const tenant = "acme.eu.qlikcloud.com", id = "Xk3pQ9rT_aZ7bN2c";
async function open(schema, appId) {
  const r = await fetch(`https://${tenant}/api/v1/csrf-token`, {credentials: "include",
    headers: {"qlik-web-integration-id": id}});
  const csrf = r.headers.get("qlik-csrf-token");
  const session = qix.create({
    schema,
    url: "wss" + "://" + tenant + "/app/" + appId + "?qlik-web-integration-id=" + id + "&qlik-csrf-token=" + csrf,
  });
  return session.open();
}
"""
PASSED_IN = """const session = enigma.create({ schema, url: engineUrl(config) });"""


def engine_findings(path: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(path)]).sorted() if f.rule.startswith("engine-url-")]


def test_a_url_built_in_enigmas_config_without_the_id_and_token_is_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(script="app.js"))
    (tmp_path / "app.js").write_text(BUILT)
    assert engine_findings(tmp_path) == [("engine-url-no-csrf", 5), ("engine-url-no-web-integration-id", 5)]


@pytest.mark.parametrize("code", [SIGNED, PASSED_IN])
def test_a_signed_url_or_one_passed_in_whole_is_silent(tmp_path: Path, code: str) -> None:
    (tmp_path / "index.html").write_text(
        PAGE.format(script="app.js").replace('<script src="app', '<script type="module" src="app')
    )
    (tmp_path / "app.js").write_text(code)
    assert engine_findings(tmp_path) == []


def test_a_server_building_the_url_is_not_judged_for_the_cookie(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x", "dependencies": {"express": "4", "enigma.js": "2"}}')
    server = "const express = require('express');\nconst enigma = require('enigma.js');\n" + BUILT
    (tmp_path / "server.js").write_text(server)
    assert engine_findings(tmp_path) == []


APPENDED = """import enigma from "enigma.js";
export async function open(schema, tenant, appId, id, csrf) {
  let url = `wss://${tenant}/app/${appId}`
  url += `?qlik-web-integration-id=${id}&qlik-csrf-token=${csrf}`
  return enigma.create({ schema, url }).open()
}
"""


def test_a_query_appended_to_the_url_later_counts(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        PAGE.format(script="app.js").replace('<script src="app', '<script type="module" src="app')
    )
    (tmp_path / "app.js").write_text(APPENDED)
    assert engine_findings(tmp_path) == []
    (tmp_path / "app.js").write_text(APPENDED.replace("&qlik-csrf-token=${csrf}", ""))
    assert engine_findings(tmp_path) == [("engine-url-no-csrf", 3)]


LOCAL_ENGINE = """import enigma from "enigma.js";
export function connect(config, schema) {
  const url = config.local
    ? `ws://${window.location.hostname || 'localhost'}:9076/app/${config.appId}`
    : `wss://${config.host}/app/${config.appId}`;
  return enigma.create({ schema, url }).open();
}
"""


def test_a_socket_to_the_engines_own_port_is_not_judged_as_a_tenants(tmp_path: Path) -> None:
    # Port 9076 is the engine's (Qlik Core, an engine container): no tenant, no cookie, nothing to add. The
    # tenant's URL beside it still is judged.
    (tmp_path / "index.html").write_text(PAGE.format(script="connect.js"))
    (tmp_path / "connect.js").write_text(LOCAL_ENGINE)
    assert engine_findings(tmp_path) == [("engine-url-no-csrf", 5), ("engine-url-no-web-integration-id", 5)]


CONFIG_MODULE = """export default {
  host: "acme.eu.qlikcloud.com",
  secure: true,
  port: 443,
  prefix: "",
  appId: "6b5b3c5e-1f5a-4c3b-9a7e-2c1d0e9f8a7b",%s
};
"""
BUILD_URL = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.20.0.json";
import SenseUtilities from "enigma.js/sense-utilities";
import %s from "./config";

const url = SenseUtilities.buildUrl(%s);
enigma.create({ schema, url }).open();
"""


@pytest.mark.parametrize(
    ("url_params", "expected"),
    [
        ("", {("engine-url-no-csrf", "main.js", 6), ("connection-config-no-id", "config.js", 1)}),
        (
            "\n  urlParams: { 'qlik-web-integration-id': 'Xk3pQ9rT_aZ7bN2cW4e', 'qlik-csrf-token': csrf },",
            set(),
        ),
    ],
)
def test_build_url_with_a_default_imported_config(tmp_path: Path, url_params: str, expected: set) -> None:
    """The config reaches buildUrl through ``import cfg from './config'`` (its module's default export): judged
    as if it were written beside the call, whatever name the import gives it."""
    (tmp_path / "package.json").write_text('{"name": "b", "dependencies": {"enigma.js": "2"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="main.js"></script>')
    (tmp_path / "config.js").write_text(CONFIG_MODULE % url_params)
    (tmp_path / "main.js").write_text(BUILD_URL % ("qlikConfig", "qlikConfig"))
    rules = ("engine-url-no-csrf", "engine-url-no-web-integration-id", "connection-config-no-id")
    found = {(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(tmp_path)]).findings}
    assert {item for item in found if item[0] in rules} == expected
