"""engine-url-*, login-missing: a module of a bundled app (Vite, webpack, Create React App) that no page loads
and nothing in the project names (no import, no build entry) is not in the bundle, so its engine socket never
opens: a module kept aside after the app moved to qlik-embed is no problem of the app. Imported, it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

MANIFEST = (
    '{"name": "x", "dependencies": {"react": "18.2.0", "enigma.js": "^2.14.0"}, "devDependencies": {"vite": "^5"}}'
)
PAGE = (
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.jsx"></script></body></html>\n'
)
MAIN = """%s
import { createRoot } from "react-dom/client";
createRoot(document.getElementById("app")).render(<div>hello</div>);
"""
ENGINE = f"""import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.1306.0.json";
export async function openApp(appId) {{
  const session = enigma.create({{ schema, url: `wss://{TENANT}/app/${{appId}}` }});
  return (await session.open()).openDoc(appId);
}}
"""


@pytest.mark.parametrize(
    ("import_line", "expected"),
    [
        ("", []),
        (
            'import { openApp } from "./old/engineSession";\nopenApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e");',
            ["engine-url-no-csrf", "engine-url-no-web-integration-id", "login-missing"],
        ),
    ],
    ids=["nothing imports it", "imported"],
)
def test_a_module_the_bundle_does_not_hold(tmp_path: Path, import_line: str, expected: list[str]) -> None:
    files = {
        "package.json": MANIFEST,
        "index.html": PAGE,
        "src/main.jsx": MAIN % import_line,
        "src/old/engineSession.js": ENGINE,
    }
    write(tmp_path, files)
    assert sorted(f.rule for f in check_paths([str(tmp_path)]).findings if f.severity.value == "error") == expected


VUE_MANIFEST = (
    '{"name": "x", "dependencies": {"vue": "^2.6.11", "enigma.js": "^2.14.0"}, '
    '"devDependencies": {"@vue/cli-service": "~4.5.0"}}'
)


@pytest.mark.parametrize(
    ("import_line", "expected"),
    [
        ('// import { openApp } from "./old/engineSession";', []),
        (
            'import { openApp } from "./old/engineSession";\nopenApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e");',
            ["engine-url-no-csrf", "engine-url-no-web-integration-id", "login-missing"],
        ),
    ],
    ids=["its import commented out", "imported"],
)
def test_a_vue_cli_apps_module_whose_import_is_commented_out(
    tmp_path: Path, import_line: str, expected: list[str]
) -> None:
    """Vue CLI bundles with webpack too (@vue/cli-service), and an import left in a comment imports nothing."""
    files = {
        "package.json": VUE_MANIFEST,
        "public/index.html": '<!doctype html><html><body><div id="app"></div></body></html>\n',
        "src/main.js": f'{import_line}\nimport Vue from "vue";\nnew Vue({{}}).$mount("#app");\n',
        "src/old/engineSession.js": ENGINE,
    }
    write(tmp_path, files)
    assert sorted(f.rule for f in check_paths([str(tmp_path)]).findings if f.severity.value == "error") == expected


# A helper imported only by a component that nothing renders (nothing imports the component) is not in the
# bundle either: it is named, but only by a module the bundle does not hold.
CHART = """import React from "react";
import openApp from "../legacyEngine";
export default function LegacyChart() {
  openApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e");
  return <div />;
}
"""


@pytest.mark.parametrize(
    ("import_line", "expected"),
    [
        ("", []),
        (
            'import LegacyChart from "./components/LegacyChart";\nconsole.log(LegacyChart);',
            ["engine-url-no-csrf", "engine-url-no-web-integration-id", "login-missing"],
        ),
    ],
    ids=["only an unused component imports it", "the component is imported"],
)
def test_a_module_only_an_unused_module_imports(tmp_path: Path, import_line: str, expected: list[str]) -> None:
    files = {
        "package.json": MANIFEST,
        "index.html": PAGE,
        "src/main.jsx": MAIN % import_line,
        "src/components/LegacyChart.jsx": CHART,
        "src/legacyEngine.js": ENGINE.replace("export async function openApp", "export default async function"),
    }
    write(tmp_path, files)
    assert sorted(f.rule for f in check_paths([str(tmp_path)]).findings if f.severity.value == "error") == expected
