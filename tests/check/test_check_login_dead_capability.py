"""login-missing: a project whose only use of the capability API (its require.config and js/qlik) sits in a
function nothing calls (its call commented out) loads nothing of Qlik, so it needs no sign-in and the finding
would point at code that never runs; once the function is called, the missing sign-in is an error again."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

LOADER = f"""async function openQlikApp() {{
  window.require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});
  return new Promise((resolve) => {{
    window.require(["js/qlik"], (qlik) => resolve(qlik.openApp("{APP}")));
  }});
}}
%s
"""
PAGE = '<!doctype html>\n<div id="app"></div>\n<script src="js/qapp.js"></script>\n'


@pytest.mark.parametrize(
    ("call", "expected"),
    [("// const app = openQlikApp();", []), ("const app = openQlikApp();", ["login-missing"])],
    ids=["call commented out", "called"],
)
def test_login_missing_only_for_code_that_runs(tmp_path: Path, call: str, expected: list[str]) -> None:
    write(tmp_path, {"index.html": PAGE, "js/qapp.js": LOADER % call})
    assert [f.rule for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("login")] == expected


# A bundled app whose capability loader is imported only by a component nothing renders, while its engine
# socket opens for real: login-missing points at the socket, where the sign-in must come first.
BUNDLED = {
    "package.json": '{"name": "x", "dependencies": {"react": "18.2.0", "enigma.js": "^2.14.0"}, '
    '"devDependencies": {"webpack": "^5"}}',
    "src/index.html": '<!doctype html><div id="app"></div><script src="index.jsx"></script>\n',
    "src/index.jsx": 'import doc from "./qDoc";\ndoc.then((app) => console.log(app));\n',
    "src/qDoc.js": "import enigma from 'enigma.js';\nimport schema from 'enigma.js/schemas/12.20.0.json';\n"
    f"const session = enigma.create({{ schema, url: 'wss://{TENANT}/app/{APP}' }});\n"
    f"export default session.open().then((global) => global.openDoc('{APP}'));\n",
    "src/components/OldViz.jsx": 'import qApp from "../qApp";\nexport default function OldViz() { return qApp; }\n',
    "src/qApp.js": LOADER % "export default openQlikApp();",
}


def test_login_missing_points_at_live_code_not_at_an_unused_loader(tmp_path: Path) -> None:
    write(tmp_path, BUNDLED)
    found = [(f.rule, Path(f.path).name) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "login-missing"]
    assert found == [("login-missing", "qDoc.js")]
