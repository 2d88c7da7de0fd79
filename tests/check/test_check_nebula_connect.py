"""nebula.js's mashup template hands its connect helper ``connect({ url, webIntegrationId, appId })``: that object is
a Qlik connection config like qdt-components' or Motor's. Without the web integration id (a commented-out line,
as the template leaves it) the tenant refuses the page; empty values are placeholders; a url that is no Qlik
Cloud tenant is a client-managed server. With the id, or in a project that uses neither enigma.js nor
nebula.js, nothing is said."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><div id="app"></div><script type="module" src="main.js"></script></body></html>\n'
CONNECT = """import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.170.2.json';

export default async function connect({ url, webIntegrationId, appId }) {
  const r = await fetch(`${url}/api/v1/csrf-token`, {
    credentials: 'include', headers: { 'qlik-web-integration-id': webIntegrationId } });
  const csrf = r.headers.get('qlik-csrf-token');
  const wss = url.replace(/^https?/, 'wss');
  const session = enigma.create({ schema,
    url: `${wss}/app/${appId}?qlik-web-integration-id=${webIntegrationId}&qlik-csrf-token=${csrf}` });
  return (await session.open()).openDoc(appId);
}
"""
MAIN = """import { embed } from '@nebula.js/stardust';
import connect from './connect';

async function run() {
  const app = await connect({
    // webIntegrationId: '',
    url: {url},
    appId: {app},
  });
  return embed(app);
}
run();
"""
WID = "Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"


def findings(root: Path) -> list[tuple[str, str, int]]:
    return [
        (f.rule, Path(f.path).name, f.line)
        for f in check_paths([str(root)]).sorted()
        if f.path and f.line and f.rule in ("connection-config-no-id", "placeholder", "config-host-not-cloud")
    ]


def write(root: Path, url: str, app: str, connect: str = CONNECT) -> None:
    (root / "index.html").write_text(PAGE)
    (root / "connect.js").write_text(connect)
    (root / "main.js").write_text(MAIN.replace("{url}", url).replace("{app}", app))


def test_the_template_left_without_its_id_is_a_connection_config_without_one(tmp_path: Path) -> None:
    write(tmp_path, "'https://acme.eu.qlikcloud.com'", "'133dab5d-8f56-4d40-b3e0-a6b401391bde'")
    assert findings(tmp_path) == [("connection-config-no-id", "main.js", 5)]


def test_empty_values_are_placeholders(tmp_path: Path) -> None:
    write(tmp_path, "''", "''")
    assert findings(tmp_path) == [("connection-config-no-id", "main.js", 5), ("placeholder", "main.js", 8)]


def test_a_client_managed_server_is_named(tmp_path: Path) -> None:
    write(tmp_path, "'https://sense-demo.qlik.com'", "'133dab5d-8f56-4d40-b3e0-a6b401391bde'")
    assert findings(tmp_path) == [
        ("connection-config-no-id", "main.js", 5),
        ("config-host-not-cloud", "main.js", 7),
    ]


def test_with_its_id_it_is_silent(tmp_path: Path) -> None:
    write(tmp_path, "'https://acme.eu.qlikcloud.com'", "'133dab5d-8f56-4d40-b3e0-a6b401391bde'")
    main = tmp_path / "main.js"
    main.write_text(main.read_text().replace("// webIntegrationId: ''", f"webIntegrationId: '{WID}'"))
    assert findings(tmp_path) == []


def test_a_url_and_app_id_elsewhere_are_not_a_qlik_config(tmp_path: Path) -> None:
    # No enigma.js or nebula.js in the project: { url, appId } is some other service's.
    write(tmp_path, "'https://api.example.com'", "''", connect="export default async (c) => fetch(c.url);\n")
    (tmp_path / "main.js").write_text(
        (tmp_path / "main.js").read_text().replace("import { embed } from '@nebula.js/stardust';\n", "")
    )
    assert findings(tmp_path) == []
