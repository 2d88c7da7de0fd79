"""A React component wrapped in ``memo``/``forwardRef`` (or MobX's ``observer``) gets the element's props as its
inner function's parameters: an app id written on ``<Chart appId="..." />`` reaches that function's
``qlik.openApp`` and is judged where it is written."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import ID, LOGIN, TENANT, write

CONFIG = f"{{ host: '{TENANT}', prefix: '/', port: 443, isSecure: true, webIntegrationId: '{ID}' }}"
OPEN = f"window.require(['js/qlik'], (qlik) => qlik.openApp(appId, {CONFIG}));"
WRAPPED = {
    "memo": f"import {{ memo }} from 'react';\nconst Chart = memo(function Chart({{ appId }}) {{\n  {OPEN}\n"
    "  return null;\n});\nexport default Chart;\n",
    "forwardRef": f"import React from 'react';\nconst Chart = React.forwardRef(({{ appId }}, ref) => {{\n  {OPEN}\n"
    "  return <div ref={ref} />;\n});\nexport default Chart;\n",
}


def project(tmp_path: Path, wrapper: str, app_id: str) -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"react": "18", "vite": "5"}}',
            "index.html": f'<!doctype html><div id="root"></div><script>{LOGIN}</script>'
            '<script type="module" src="/src/main.jsx"></script>',
            "src/main.jsx": "import Chart from './Chart';\n"
            f'export default function App() {{\n  return <Chart appId="{app_id}" />;\n}}\n',
            "src/Chart.jsx": WRAPPED[wrapper],
        },
    )


def app_ids(path: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(path)]).sorted() if f.rule == "app-id-not-guid"]


def test_an_app_file_name_given_to_a_memo_component_is_reported_on_the_element(tmp_path: Path) -> None:
    assert app_ids(project(tmp_path, "memo", "Sales.qvf")) == [("main.jsx", 3)]


def test_an_app_file_name_given_to_a_forward_ref_component_is_reported_on_the_element(tmp_path: Path) -> None:
    assert app_ids(project(tmp_path, "forwardRef", "Sales.qvf")) == [("main.jsx", 3)]


def test_an_app_id_given_to_a_wrapped_component_is_silent(tmp_path: Path) -> None:
    guid = "4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f"
    assert app_ids(project(tmp_path / "m", "memo", guid)) == []
    assert app_ids(project(tmp_path / "f", "forwardRef", guid)) == []
