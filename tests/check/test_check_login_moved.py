"""A page that connects a library to a client-managed Qlik Sense server (its anonymous access, Qlik Sense
Desktop) and never signs in: judged as moved to Qlik Cloud, which has no anonymous engine access, it needs the
tenant's login flow. The host itself is the host rules' error; the missing sign-in is a warning beside it,
wherever the config is handed over (a React component's handler, an AngularJS controller, a module)."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import LOGIN, write

# a capability API wrapper package takes the config in a React component's event handler
COMPONENT = """import {{ useState }} from 'react';
import {{ openQlikApp }} from 'qlik-wrapper';

export default function Charts() {{
  const [app, setApp] = useState(null);
  const config = {{ host: '{host}', port: 80, prefix: '/', isSecure: false }};
  const open = () => {{
{login}    openQlikApp('6f1e5b0c-1d2e-4f3a-9b8c-7d6e5f4a3b2c', config).then(setApp);
  }};
  return <button onClick={{open}}>Open</button>;
}}
"""

# an engine library connects from an AngularJS controller, loaded by a page (no bundler)
CONTROLLER = """app.controller('engine', ['$scope', function ($scope) {{
  var config = {{ host: '{host}', isSecure: false }};
{login}  engineLib.Connect(config).then(function (global) {{ $scope.global = global; }});
}}]);
"""


def react(tmp_path: Path, host: str, login: str = "") -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"react": "18", "vite": "5"}}',
            "index.html": '<!doctype html><div id="root"></div><script type="module" src="/src/main.jsx"></script>',
            "src/main.jsx": "import Charts from './Charts';\nexport default Charts;\n",
            "src/Charts.jsx": COMPONENT.format(host=host, login=login),
        },
    )


def angular(tmp_path: Path, host: str, login: str = "") -> Path:
    return write(
        tmp_path,
        {
            "index.html": '<!doctype html><script src="engine.js"></script><script src="app.js"></script>',
            "engine.js": "var engineLib = { Connect: function (c) { return Promise.resolve(c); } };\n",
            "app.js": "var app = angular.module('portal', []);\n" + CONTROLLER.format(host=host, login=login),
        },
    )


def logins(path: Path) -> list[tuple[str, str, str, int]]:
    return [
        (f.rule, f.severity.value, Path(f.path).name, f.line)
        for f in check_paths([str(path)]).sorted()
        if f.rule.startswith("login")
    ]


def test_a_wrapper_connected_to_a_local_server_without_sign_in_warns_where_the_config_is_handed_over(
    tmp_path: Path,
) -> None:
    assert logins(react(tmp_path, "localhost")) == [("login-missing-moved", "warning", "Charts.jsx", 8)]


def test_an_engine_library_connected_to_a_server_by_address_without_sign_in_warns(tmp_path: Path) -> None:
    assert logins(angular(tmp_path, "10.1.2.3/portal")) == [("login-missing-moved", "warning", "app.js", 4)]


def test_a_page_that_signs_in_first_is_silent(tmp_path: Path) -> None:
    assert logins(react(tmp_path / "r", "localhost", "    " + LOGIN)) == []
    assert logins(angular(tmp_path / "a", "10.1.2.3/portal", "  " + LOGIN)) == []


def test_a_server_script_connecting_to_the_desktop_is_not_a_page_to_sign_in(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"enigma.js": "2"}}',
            "index.js": "const WebSocket = require('ws');\nconst engineLib = require('engine-lib');\n"
            "const config = { host: 'localhost', port: 4848, isSecure: false };\n"
            "engineLib.Connect(config).then((g) => g.engineVersion());\n",
        },
    )
    assert [rule for rule, *_ in logins(folder)] == []
