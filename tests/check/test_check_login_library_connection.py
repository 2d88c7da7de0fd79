"""A page that reaches Qlik only through a library's connection config (qdt-components' qdtEnigma and
qdtCapabilityApp, an enigma.js helper) still needs the login flow on Qlik Cloud: the library opens the engine
socket and loads the capability API with the tenant's session cookie, which nothing here obtains."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import ID, LOGIN, TENANT, write

CONNECT = f"""import {{ qdtEnigma, qdtCapabilityApp }} from 'qdt-components';

const config = {{
  host: '{TENANT}',
  secure: true,
  port: 443,
  prefix: '',
  appId: '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e',
  webIntegrationId: '{ID}',
}};

%(login)sexport const engine = qdtEnigma(config);
export const app = qdtCapabilityApp(config);
"""


def project(tmp_path: Path, login: str = "") -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"react": "18", "qdt-components": "3"}}',
            "public/index.html": '<!doctype html><html><body><div id="root"></div></body></html>',
            "src/index.js": "import { engine } from './qlik';\nengine.then((app) => app.clearAll());\n",
            "src/qlik.js": CONNECT % {"login": login},
        },
    )


def logins(path: Path) -> list[tuple[str, str, int]]:
    return [
        (f.rule, Path(f.path).name, f.line) for f in check_paths([str(path)]).sorted() if f.rule.startswith("login")
    ]


def test_a_library_connection_without_any_sign_in_is_reported_where_the_library_connects(tmp_path: Path) -> None:
    assert logins(project(tmp_path)) == [("login-missing", "qlik.js", 12)]


def test_a_library_connection_after_a_session_check_and_login_redirect_is_silent(tmp_path: Path) -> None:
    assert logins(project(tmp_path, LOGIN)) == []


def test_motor_signs_in_itself_and_a_client_managed_host_is_only_a_warning(tmp_path: Path) -> None:
    motor = CONNECT.replace(f"webIntegrationId: '{ID}'", f"webIntId: '{ID}', qcs: true")
    folder = project(tmp_path)
    (folder / "src" / "qlik.js").write_text(motor % {"login": ""})
    assert logins(folder) == []
    # the host rules report the server; the sign-in it will need once moved is login-missing-moved's warning
    (folder / "src" / "qlik.js").write_text(CONNECT.replace(TENANT, "sense-demo.qlik.com") % {"login": ""})
    assert logins(folder) == [("login-missing-moved", "qlik.js", 12)]
