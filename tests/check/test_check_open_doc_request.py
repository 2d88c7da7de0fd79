"""A page that talks to the engine in raw JSON-RPC over its own WebSocket opens the app with an OpenDoc request
object ({method: 'OpenDoc', handle: -1, params: [...]}): a file name or path there (Qlik Sense Desktop's
'Sales.qvf') opens nothing on Qlik Cloud, which opens apps by their GUID. A GUID, or a value from code, is
silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, write

SCRIPT = """var appName = %(named)s;
function openApp(socket) {
  var request = {
    jsonrpc: '2.0',
    id: 1,
    method: 'OpenDoc',
    handle: -1,
    params: [%(app)s]
  };
  socket.send(JSON.stringify(request));
}
function openByName(socket) {
  socket.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'OpenDoc', handle: -1, params: { qDocName: %(doc)s } }));
}
"""


def findings(tmp_path: Path, app: str, named: str = "'x'", doc: str = "location.hash.slice(1)") -> list[int]:
    page = '<!doctype html><html><body><script src="engine.js"></script></body></html>'
    script = SCRIPT % {"app": app, "named": named, "doc": doc}
    folder = write(tmp_path, {"index.html": page, "engine.js": script})
    return [f.line for f in check_paths([str(folder)]).sorted() if f.rule == "app-id-not-guid"]


def test_a_file_path_in_an_open_doc_request_is_an_error(tmp_path: Path) -> None:
    assert findings(tmp_path, "'C:\\\\Users\\\\me\\\\Documents\\\\Qlik\\\\Sense\\\\Apps\\\\Sales.qvf'") == [8]


def test_a_file_name_declared_as_a_constant_is_reported_where_it_is_written(tmp_path: Path) -> None:
    assert findings(tmp_path, "appName", named="'Sales.qvf'") == [1]


def test_a_file_name_given_as_q_doc_name_is_an_error(tmp_path: Path) -> None:
    assert findings(tmp_path, f"'{APP}'", doc="'Sales.qvf'") == [13]


def test_a_guid_or_a_value_from_code_is_silent(tmp_path: Path) -> None:
    assert findings(tmp_path, f"'{APP}'") == []
    assert findings(tmp_path, "appName", named="new URLSearchParams(location.search).get('app')") == []
