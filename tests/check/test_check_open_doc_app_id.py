"""enigma.js's ``global.openDoc(appId)`` takes the app's id like the capability API's ``qlik.openApp``: a file
name ('Consumer Sales.qvf') reached through a config object or a constant is reported where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, write

from mashup_gen.checker import check_paths

CONNECT = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";
const config = {
  host: "acme.eu.qlikcloud.com",
  appId: "@APP@",
};
export function open(url) {
  return enigma.create({ schema, url }).open().then((global) => global.openDoc(config.appId));
}
"""


def app_id_findings(tmp_path: Path, app: str) -> list[tuple[str, int]]:
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": 'import { open } from "./connect.js";\nopen(window.ENGINE_URL);\n',
            "connect.js": CONNECT.replace("@APP@", app),
        },
    )
    return [(f.rule, f.line) for f in check_paths([str(tmp_path)]).findings if f.rule == "app-id-not-guid"]


@pytest.mark.parametrize("app", ["Consumer Sales.qvf", "Helpdesk Management"])
def test_open_doc_given_a_file_name_is_reported_where_it_is_written(tmp_path: Path, app: str) -> None:
    assert app_id_findings(tmp_path, app) == [("app-id-not-guid", 5)]


def test_open_doc_given_the_app_guid_is_silent(tmp_path: Path) -> None:
    assert app_id_findings(tmp_path, APP) == []
