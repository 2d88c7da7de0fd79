"""A web app that serves both kinds of Qlik behind a setting builds the client-managed server's engine socket
(``wss://<server>/<prefix>/app/<id>``, signed in by the server's own proxy) in code that runs only there: a
function named for it (``clientManagedUrl()``), the arm of ``if (isOnPrem) {...}``, the ``else`` of
``if (deployment === 'cloud') {...}``, or the code after ``if (isCloud) return cloudUrl();``. That socket takes
neither the web integration id nor Qlik Cloud's CSRF parameter: no engine-url-* error there. The same socket in
code that runs on Qlik Cloud (the cloud arm, a negated guard, a function of no such name) is still reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

PAGE = '<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n'
VITE = '{"dependencies":{"enigma.js":"2"},"devDependencies":{"vite":"5"}}'
CLOUD_URL = (
    "async function cloudUrl() {\n"
    f"  const r = await fetch('https://{TENANT}/api/v1/csrf-token', {{ credentials: 'include', headers: "
    f"{{ 'qlik-web-integration-id': '{ID}' }} }});\n"
    "  if (r.status === 401) {\n"
    f"    location.href = 'https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=' + "
    "encodeURIComponent(location.href);\n    throw new Error('signing in');\n  }\n"
    f"  return `wss://{TENANT}/app/${{settings.appId}}?qlik-web-integration-id={ID}&qlik-csrf-token=${{r.headers.get('qlik-csrf-token')}}`;\n"
    "}\n"
)
SOCKET = "`wss://${settings.host}/${settings.prefix}/app/${encodeURIComponent(settings.appId)}`"
HEAD = (
    "import enigma from 'enigma.js';\nimport schema from 'enigma.js/schemas/12.1657.0.json';\n"
    "const settings = { deployment: import.meta.env.VITE_QLIK_DEPLOYMENT || 'cloud', "
    "host: import.meta.env.VITE_QLIK_HOST, "
    "prefix: import.meta.env.VITE_QLIK_PREFIX || '', appId: import.meta.env.VITE_QLIK_APP_ID };\n"
)
TAIL = (
    "const session = enigma.create({ schema, url: await engineUrl() });\n"
    "await (await session.open()).openDoc(settings.appId);\n"
)


def engine_errors(root: Path) -> list[str]:
    return sorted({f.rule for f in check_paths([str(root)]).findings if f.rule.startswith("engine-url-")})


CLIENT_MANAGED = {
    "named function": (
        f"function clientManagedUrl() {{\n  return {SOCKET};\n}}\n"
        "async function engineUrl() {\n  return settings.deployment === 'cloud' ? cloudUrl() : clientManagedUrl();\n}\n"
    ),
    "else of a cloud test": (
        "async function engineUrl() {\n  if (settings.deployment === 'cloud') {\n    return cloudUrl();\n  } else {\n"
        f"    return {SOCKET};\n  }}\n}}\n"
    ),
    "arm of an on-prem test": (
        "async function engineUrl() {\n  if (settings.deployment === 'client-managed') {\n"
        f"    return {SOCKET};\n  }}\n"
        "  return cloudUrl();\n}\n"
    ),
    "after a cloud guard": (
        "async function engineUrl() {\n  if (settings.deployment === 'cloud') return cloudUrl();\n"
        f"  return {SOCKET};\n}}\n"
    ),
}


@pytest.mark.parametrize("choice", list(CLIENT_MANAGED.values()), ids=list(CLIENT_MANAGED))
def test_the_client_managed_socket_of_a_project_serving_both(tmp_path: Path, choice: str) -> None:
    write(tmp_path, {"index.html": PAGE, "package.json": VITE, "src/main.js": HEAD + CLOUD_URL + choice + TAIL})
    assert engine_errors(tmp_path) == []


CLOUD = {
    "no choice": f"async function engineUrl() {{\n  await cloudUrl();\n  return {SOCKET};\n}}\n",
    "arm of a cloud test": (
        f"async function engineUrl() {{\n  if (settings.deployment === 'cloud') {{\n    return {SOCKET};\n  }}\n"
        "  return cloudUrl();\n}\n"
    ),
    "after a negated guard": (
        "async function engineUrl() {\n  if (settings.deployment !== 'cloud') return cloudUrl();\n"
        f"  return {SOCKET};\n}}\n"
    ),
}


@pytest.mark.parametrize("choice", list(CLOUD.values()), ids=list(CLOUD))
def test_the_same_socket_on_qlik_cloud_is_reported(tmp_path: Path, choice: str) -> None:
    write(tmp_path, {"index.html": PAGE, "package.json": VITE, "src/main.js": HEAD + CLOUD_URL + choice + TAIL})
    assert engine_errors(tmp_path) == ["engine-url-no-csrf", "engine-url-no-web-integration-id"]
