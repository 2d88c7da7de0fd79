"""enigma.js's ``global.openDoc(...)`` opens an app by its id as ``qlik.openApp`` does: a file name (a Qlik Sense
Desktop or Qlik Core habit) names no app on Qlik Cloud."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

CODE = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.67.2.json";

export async function open(url) {
  const global = await enigma.create({ schema, url }).open();
  return global.openDoc(%s);
}
"""


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ('"Cars.qvf"', [("app-id-not-guid", 6)]),
        ('"7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04"', []),
        ("appId", []),  # a value from elsewhere: judged where it is defined
    ],
)
def test_open_doc_by_file_name(tmp_path: Path, argument: str, expected: list[tuple[str, int]]) -> None:
    (tmp_path / "package.json").write_text('{"name": "w", "dependencies": {"enigma.js": "2"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="app.js">')
    (tmp_path / "app.js").write_text(CODE.replace("%s", argument))
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "app-id-not-guid"]
    assert found == expected
