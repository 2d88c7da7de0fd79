"""A ``<qlik-embed>`` setting written camelCase or run together (``appId``, ``objectid``, ``:sheetId``) reaches the
loader as a lower-case name it does not turn into a setting (it reads only kebab-case attributes, and the
element has no properties): the warning ``embed-attribute-name`` (Qlik's runtime, which cannot be read here,
gets the props), in pages, component templates and JSX alike. Kebab-case
settings, other attributes and ``@qlik/embed-react``'s ``<QlikEmbed appId>`` component are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, write
from tests.check_support import embed_page as page


def misnamed(root: Path) -> list[tuple[str, int, str]]:
    found = check_paths([str(root)]).sorted()
    named = [f for f in found if f.rule == "embed-attribute-name"]
    assert all(f.severity.value == "warning" for f in named)
    return [(f.path, f.line or 0, f.message) for f in named]


@pytest.mark.parametrize(
    ("element", "written", "setting"),
    [
        (f'<qlik-embed ui="analytics/chart" appId="{APP}" object-id="abcDE"></qlik-embed>', "appId", "app-id"),
        (f'<qlik-embed ui="analytics/chart" app-id="{APP}" objectId="abcDE"></qlik-embed>', "objectId", "object-id"),
        (f'<qlik-embed ui="classic/app" app-id="{APP}" sheetid="abcDE"></qlik-embed>', "sheetid", "sheet-id"),
    ],
)
def test_a_camel_case_setting_on_a_page_is_a_warning(tmp_path: Path, element: str, written: str, setting: str) -> None:
    write(tmp_path, {"index.html": page(element)})
    [(path, line, message)] = misnamed(tmp_path)
    assert line == 4 and path.endswith("index.html")
    assert message.startswith(f"{written} reaches qlik-embed's loader as '{written.lower()}'")
    assert message.endswith(f"write {setting}")


def test_a_vue_binding_in_camel_case_is_a_warning(tmp_path: Path) -> None:
    component = (
        '<template>\n  <qlik-embed ui="analytics/chart" :appId="appId" :object-id="chart"></qlik-embed>\n'
        '</template>\n<script setup>\nconst appId = "' + APP + '";\nconst chart = "abcDE";\n</script>\n'
    )
    write(tmp_path, {"package.json": '{"dependencies": {"vue": "^3.4.0"}}', "src/Chart.vue": component})
    assert [(line, message.split(" ")[0]) for _, line, message in misnamed(tmp_path)] == [(2, ":appId")]


def test_jsx_camel_case_on_the_custom_element_is_a_warning(tmp_path: Path) -> None:
    component = (
        "export default function Chart({ appId, objectId }) {\n"
        "  return (\n"
        '    <qlik-embed ui="analytics/chart"\n'
        "      appId={appId}\n"
        "      objectId={objectId} />\n"
        "  );\n"
        "}\n"
    )
    write(tmp_path, {"package.json": '{"dependencies": {"react": "^18.2.0"}}', "src/Chart.jsx": component})
    assert [(line, message.split(" ")[0]) for _, line, message in misnamed(tmp_path)] == [(4, "appId"), (5, "objectId")]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("index.html", page(f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE" id="chartOne">')),
        (
            "src/Chart.jsx",
            'import { QlikEmbed } from "@qlik/embed-react";\n'
            f'export const Chart = () => <QlikEmbed ui="analytics/chart" appId="{APP}" objectId="abcDE" />;\n',
        ),
        (
            "src/Chart.jsx",
            f'export const Chart = () => <qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE" />;\n',
        ),
        ("src/Chart.vue", '<template><qlik-embed ui="analytics/chart" :app-id="app" object-id="x" /></template>\n'),
        # Another element's appId is its own business (a project's component, an Angular input).
        ("index.html", page(f'<my-chart appId="{APP}"></my-chart>')),
    ],
)
def test_kebab_case_settings_and_other_elements_are_silent(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path, {name: text})
    assert misnamed(tmp_path) == []
