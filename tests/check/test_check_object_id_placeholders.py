"""Placeholders for the chart or sheet a page shows: qlik-embed's object-id attribute, a React prop
(``<QlikEmbed objectId="YOUR_OBJECT_ID" />``), an objectId or sheetId in an object literal."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

APP_ID = "7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04"
COMPONENT = """import { QlikEmbed } from "@qlik/embed-react";

export default function Chart() {
  return <QlikEmbed ui="analytics/chart" appId="%(app)s" objectId="%(object)s" />;
}
export const views = [{ appId: "%(app)s", sheetId: "%(sheet)s" }];
"""
PAGE = """<!doctype html><html><body>
<qlik-embed ui="%(ui)s" app-id="%(app)s" object-id="%(object)s"></qlik-embed>
</body></html>
"""


def placeholders(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "placeholder"]


@pytest.mark.parametrize(
    ("object_id", "sheet_id", "expected"),
    [
        ("YOUR_OBJECT_ID", "<sheet-id>", [("Chart.tsx", 4), ("Chart.tsx", 6)]),
        ("pQbvjWk", "8c4a3b1e-6d2f-4f7a-9b0c-1d2e3f4a5b6c", []),
    ],
)
def test_react_props_and_objects(tmp_path: Path, object_id: str, sheet_id: str, expected: list) -> None:
    (tmp_path / "package.json").write_text('{"name": "r", "dependencies": {"@qlik/embed-react": "1"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/Chart.tsx">')
    (tmp_path / "src").mkdir()
    values = {"app": APP_ID, "object": object_id, "sheet": sheet_id}
    (tmp_path / "src" / "Chart.tsx").write_text(COMPONENT % values)
    assert placeholders(tmp_path) == expected


@pytest.mark.parametrize(
    ("ui", "object_id", "expected"),
    [
        ("analytics/chart", "<OBJECT_ID>", [("index.html", 2)]),
        ("analytics/chart", "pQbvjWk", []),
        ("classic/app", "", []),  # no object: the app's own sheet navigation, not a placeholder
    ],
)
def test_qlik_embed_object_id(tmp_path: Path, ui: str, object_id: str, expected: list) -> None:
    (tmp_path / "index.html").write_text(PAGE % {"ui": ui, "app": APP_ID, "object": object_id})
    assert placeholders(tmp_path) == expected
