"""Data the engine is told to read from its own file system (a folder connection made in code, a halyard.js
table from a file path, a load script with an absolute path): Qlik Core and client-managed engines have such
folders, a Qlik Cloud engine has none. Data loaded through the tenant's connections (lib://DataFiles/...), and
halyard.js tables of rows or of a web file, stay silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

SESSION = """const enigma = require('enigma.js');
const schema = require('enigma.js/schemas/12.170.2.json');
const WebSocket = require('ws');

async function build(url, headers) {
  const session = enigma.create({ schema, url, createSocket: (u) => new WebSocket(u, { headers }) });
  const global = await session.open();
  const app = await global.createSessionApp();
%(body)s
  await app.doReload();
  return app;
}

module.exports = build;
"""

FOLDER = """  await app.createConnection({
    qName: 'files',
    qType: 'folder',
    qConnectionString: '/srv/exports/',
  });
  await app.setScript('Sales: LOAD * FROM [lib://files/sales.csv] (txt, embedded labels);');"""
ABSOLUTE = """  await app.setScript(`Sales:
LOAD * FROM [C:\\\\Exports\\\\sales.qvd] (qvd);`);"""
HALYARD = """  const Halyard = require('halyard.js');
  const halyard = new Halyard();
  const salesFile = '/srv/exports/sales.csv';
  halyard.addTable(new Halyard.Table(salesFile, { name: 'Sales', delimiter: ',' }));
  await app.setScript(halyard.getScript());"""

CLOUD = """  await app.setScript('Sales: LOAD * FROM [lib://DataFiles/sales.csv] (txt, embedded labels);');"""
ROWS = """  const Halyard = require('halyard.js');
  const halyard = new Halyard();
  halyard.addTable(new Halyard.Table([{ region: 'North', sales: 3 }], { name: 'Sales' }));
  halyard.addTable(new Halyard.Table('https://example.com/data/regions.csv', { name: 'Regions' }));
  halyard.addTable(new Halyard.Table('Region,Target\\nNorth,4', { name: 'Targets' }));
  await app.setScript(halyard.getScript());"""


def findings(tmp_path: Path, body: str) -> list[tuple[str, int]]:
    folder = write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"enigma.js": "2", "ws": "8", "halyard.js": "1"}}',
            "reload.js": SESSION % {"body": body},
        },
    )
    return [(f.rule, f.line) for f in check_paths([str(folder)]).sorted() if f.rule == "engine-local-files"]


def test_a_folder_connection_is_reported_at_its_path(tmp_path: Path) -> None:
    assert findings(tmp_path, FOLDER) == [("engine-local-files", 12)]


def test_a_load_script_reading_an_absolute_path_is_reported(tmp_path: Path) -> None:
    assert findings(tmp_path, ABSOLUTE) == [("engine-local-files", 9)]


def test_a_halyard_table_from_a_file_path_is_reported_where_the_path_is_written(tmp_path: Path) -> None:
    assert findings(tmp_path, HALYARD) == [("engine-local-files", 11)]


def test_data_from_the_tenants_connections_or_given_as_rows_is_silent(tmp_path: Path) -> None:
    assert findings(tmp_path, CLOUD) == []
    assert findings(tmp_path, ROWS) == []
