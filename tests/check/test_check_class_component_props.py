"""A value a React class component reads from ``this.props`` (or through ``var me = this``) comes from the
elements that render it (``<Viewer appId="..." />``): in an ES module that imports the class, or in a plain
script a page loads beside it (UMD React with in-browser Babel shares one global scope). The app id is judged
where it is written, on the element."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import ID, LOGIN, TENANT, write

CONFIG = f"{{ host: '{TENANT}', prefix: '/', port: 443, isSecure: true, webIntegrationId: '{ID}' }}"
REQUIRE = f"require.config({{ baseUrl: 'https://{TENANT}/resources', webIntegrationId: '{ID}' }});\n"

VIEWER = f"""class Viewer extends React.Component {{
  componentDidMount() {{
    var me = this;
    {REQUIRE.strip()}
    require(['js/qlik'], function (qlik) {{
      me.app = qlik.openApp(me.props.appId, {CONFIG});
    }});
  }}
  render() {{ return <div ref={{this.props.appId}} />; }}
}}
"""
PURE = f"""import React, {{ PureComponent }} from 'react';
export default class Viewer extends PureComponent {{
  componentDidMount() {{
    {REQUIRE.strip()}
    window.require(['js/qlik'], (qlik) => {{ this.app = qlik.openApp(this.props.appId, {CONFIG}); }});
  }}
  render() {{ return <div />; }}
}}
"""


def page_scripts(tmp_path: Path, app_id: str) -> Path:
    """UMD React: two plain scripts on one page, the element in one, the class in the other."""
    return write(
        tmp_path,
        {
            "index.html": f'<!doctype html><html><head><script src="https://{TENANT}/resources/assets/external/'
            'requirejs/require.js"></script></head><body><div id="root"></div>'
            f"<script>{LOGIN}</script>"
            '<script type="text/babel" src="Viewer.js"></script>'
            '<script type="text/babel" src="App.js"></script></body></html>',
            "Viewer.js": VIEWER,
            "App.js": "class App extends React.Component {\n"
            f'  render() {{ return <Viewer title="Sales" appId="{app_id}" />; }}\n'
            "}\nReactDOM.render(<App />, document.getElementById('root'));\n",
        },
    )


def modules(tmp_path: Path, app_id: str) -> Path:
    """A bundled app: the element in one module, the PureComponent class imported from another."""
    return write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"react": "18", "vite": "5"}}',
            "index.html": f'<!doctype html><div id="root"></div><script>{LOGIN}</script>'
            '<script type="module" src="/src/main.jsx"></script>',
            "src/main.jsx": "import Viewer from './Viewer';\n"
            f'export default function App() {{\n  return <Viewer appId="{app_id}" />;\n}}\n',
            "src/Viewer.jsx": PURE,
        },
    )


def app_ids(path: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(path)]).sorted() if f.rule == "app-id-not-guid"]


def test_an_app_file_name_passed_to_a_class_component_of_another_script_is_reported_on_the_element(
    tmp_path: Path,
) -> None:
    assert app_ids(page_scripts(tmp_path, "Helpdesk Management.qvf")) == [("App.js", 2)]


def test_an_app_file_name_passed_to_an_imported_pure_component_is_reported_on_the_element(tmp_path: Path) -> None:
    assert app_ids(modules(tmp_path, "Sales.qvf")) == [("main.jsx", 3)]


def test_an_app_id_passed_as_a_prop_is_silent(tmp_path: Path) -> None:
    guid = "4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f"
    assert app_ids(page_scripts(tmp_path / "p", guid)) == []
    assert app_ids(modules(tmp_path / "m", guid)) == []


def test_a_class_that_is_no_component_does_not_take_an_elements_props(tmp_path: Path) -> None:
    folder = page_scripts(tmp_path, "Helpdesk Management.qvf")
    viewer = (folder / "Viewer.js").read_text().replace("extends React.Component", "extends Base")
    (folder / "Viewer.js").write_text("class Base { constructor() { this.props = {}; } }\n" + viewer)
    assert app_ids(folder) == []
