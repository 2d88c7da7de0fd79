"""enigma.js's ``SenseUtilities.buildUrl(config)`` in a bundled web app: the config is a Qlik connection config
(its empty host and app id are placeholders, it needs the web integration id) and the URL it builds is the
engine's socket (it needs ``qlik-csrf-token`` in ``urlParams``). ``enigma.js/sense-utilities`` runs in the
browser as well as in Node, so importing it does not make a module server code."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

MANIFEST = '{"name": "t", "dependencies": {"react": "18", "enigma.js": "2"}, "devDependencies": {"webpack": "5"}}'
EMPTY = """import React from 'react';
const enigma = require('enigma.js');
const schema = require('enigma.js/schemas/12.170.2.json');
const SenseUtilities = require('enigma.js/sense-utilities');

const config = {
  host: '', // your tenant
  secure: true,
  port: 443,
  prefix: '',
  appId: '', // your app
};
const url = SenseUtilities.buildUrl(config);
export default enigma.create({ schema, url }).open().then(global => global.openDoc(config.appId));
"""
FILLED = """import React from 'react';
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.170.2.json';
import SenseUtilities from 'enigma.js/sense-utilities';

export async function open() {
  const tenant = 'acme.eu.qlikcloud.com';
  const webIntegrationId = 'Xk3pQ9rT_aZ7bN2c';
  const me = await fetch(`https://${tenant}/api/v1/users/me`, {
    credentials: 'include', headers: { 'qlik-web-integration-id': webIntegrationId } });
  if (me.status === 401) window.location.href = `https://${tenant}/login?returnto=${location.href}`;
  const r = await fetch(`https://${tenant}/api/v1/csrf-token`, {
    credentials: 'include', headers: { 'qlik-web-integration-id': webIntegrationId } });
  const config = {
    host: tenant, secure: true, port: 443, prefix: '',
    appId: '3f7c2a1e-9b8d-4c6e-a5f4-2d1b0c9e8f7a',
    urlParams: { 'qlik-web-integration-id': webIntegrationId, 'qlik-csrf-token': r.headers.get('qlik-csrf-token') },
  };
  const url = SenseUtilities.buildUrl(config);
  return enigma.create({ schema, url }).open();
}
"""


def findings(root: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.severity == "error"]


def test_an_unfilled_build_url_config_in_a_bundled_app_is_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(MANIFEST)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "Home.js").write_text(EMPTY)
    rules = {(rule, line) for rule, _name, line in findings(tmp_path)}
    assert ("connection-config-no-id", 6) in rules
    assert ("placeholder", 7) in rules  # host ''
    assert ("placeholder", 11) in rules  # appId ''
    assert ("engine-url-no-csrf", 13) in rules


def test_a_filled_build_url_config_with_the_id_and_token_is_clean(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(MANIFEST)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "qlik.js").write_text(FILLED)
    assert findings(tmp_path) == []


def test_a_build_url_config_without_the_token_is_reported_once_for_it(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(MANIFEST)
    (tmp_path / "src").mkdir()
    no_token = FILLED.replace(", 'qlik-csrf-token': r.headers.get('qlik-csrf-token')", "")
    (tmp_path / "src" / "qlik.js").write_text(no_token)
    assert findings(tmp_path) == [("engine-url-no-csrf", "qlik.js", 19)]


def test_a_node_script_building_the_url_is_not_judged_for_the_cookie(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "t", "dependencies": {"enigma.js": "2", "ws": "8"}}')
    script = EMPTY.replace("import React from 'react';", "const WebSocket = require('ws');")
    (tmp_path / "index.js").write_text(script.replace("host: ''", "host: 'acme.eu.qlikcloud.com'"))
    rules = {rule for rule, _name, _line in findings(tmp_path)}
    assert not rules & {"connection-config-no-id", "engine-url-no-csrf", "engine-url-no-web-integration-id"}
