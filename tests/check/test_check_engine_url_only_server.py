"""An engine socket written to a named client-managed server (``wss://sense.corp.example/app/<id>``) is exempt
from Qlik Cloud's socket rules only beside a Qlik Cloud path (a fallback, or a project that also talks to a
tenant): when it is the project's one server, the project is judged as moved to Qlik Cloud, where the socket
needs the web integration id and the CSRF token. The server may be written in the URL or in a constant the
URL's template starts with (``${qsHost}/app/${appId}``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

CONNECT = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";
@HOST@
export async function connect(appId) {
  const session = enigma.create({ schema, url: @URL@ });
  const global = await session.open();
  return global.openDoc(appId);
}
"""


def project(tmp_path: Path, host: str, url: str, extra: str = "") -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2", "react": "18"}}',
            "index.html": '<!doctype html><html><body><div id="root"></div><script type="module" src="src/main.js">'
            "</script></body></html>",
            "src/main.js": f'import {{ connect }} from "./connect.js";\n{extra}connect("{APP}");\n',
            "src/connect.js": CONNECT.replace("@HOST@", host).replace("@URL@", url),
        },
    )


def errors(root: Path) -> set[tuple[str, str, int]]:
    return {
        (f.rule, Path(f.path).name, f.line) for f in check_paths([str(root)]).findings if f.severity.value == "error"
    }


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("", '"wss://sense.corp.example/app/" + appId'),
        ('const qsHost = "wss://sense.corp.example";', "`${qsHost}/app/${appId}`"),
    ],
    ids=["written-whole", "host-in-a-constant"],
)
def test_the_one_socket_to_a_client_managed_server_is_judged_as_moved(tmp_path: Path, host: str, url: str) -> None:
    found = errors(project(tmp_path, host, url))
    assert ("engine-url-no-web-integration-id", "connect.js", 5) in found
    assert ("engine-url-no-csrf", "connect.js", 5) in found
    assert ("login-missing", "connect.js", 5) in found


def test_a_fallback_socket_beside_a_cloud_path_stays_exempt(tmp_path: Path) -> None:
    url = '(new URLSearchParams(location.search).get("engine") || "wss://sense.corp.example/app/" + appId)'
    found = errors(project(tmp_path, "", url))
    assert not {rule for rule, _, _ in found if rule.startswith("engine-url-")}


def test_the_cloud_socket_with_both_parameters_is_silent(tmp_path: Path) -> None:
    host = f'const qsHost = "wss://{TENANT}";'
    url = f"`${{qsHost}}/app/${{appId}}?qlik-web-integration-id={ID}&qlik-csrf-token=${{window.csrfToken}}`"
    login = (
        f'const r = await fetch("https://{TENANT}/api/v1/users/me", {{ credentials: "include", headers: '
        f'{{ "qlik-web-integration-id": "{ID}" }} }});\nif (r.status === 401) location.href = "https://{TENANT}'
        f'/login?qlik-web-integration-id={ID}&returnto=" + encodeURIComponent(location.href);\n'
    )
    found = errors(project(tmp_path, host, url, login))
    assert not {rule for rule, _, _ in found if rule.startswith(("engine-url-", "login-"))}, found
