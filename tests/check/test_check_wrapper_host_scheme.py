"""A host written as a URL in a config whose library writes the scheme itself: qdt-components
(``(secure ? 'https://' : 'http://') + host``), Motor (``https://${host}/api/v1/...``) and enigma.js's
``SenseUtilities.buildUrl`` (``wss://`` + host) then ask https://https://<tenant>/..., which no server answers.
The host name alone is right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

TENANT = "acme.eu.qlikcloud.com"
WID = "Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"
APP = "133dab5d-8f56-4d40-b3e0-a6b401391bde"
PAGE = '<!doctype html><html><body><script type="module" src="/src/main.jsx"></script></body></html>'
USES = {
    "qdt": (
        "qdt-components",
        "import { qdtCapabilityApp } from 'qdt-components';\nexport const app = qdtCapabilityApp(config);\n",
        f"secure: true, port: 443, prefix: '', appId: '{APP}', webIntegrationId: '{WID}'",
    ),
    "motor": (
        "@motor-js/engine",
        "import { Motor } from '@motor-js/engine';\n"
        "export const Root = () => <Motor config={config}><div /></Motor>;\n",
        f"secure: true, port: null, prefix: '', appId: '{APP}', webIntId: '{WID}', qcs: true",
    ),
    "buildUrl": (
        "enigma.js",
        "import SenseUtilities from 'enigma.js/sense-utilities';\n"
        "export const url = SenseUtilities.buildUrl(config);\n",
        f"secure: true, port: 443, prefix: '', appId: '{APP}', urlParams: {{ 'qlik-web-integration-id': '{WID}', "
        "'qlik-csrf-token': window.csrf }",
    ),
}


def hosts(tmp_path: Path, library: str, host: str) -> list[tuple[str, int]]:
    package, use, rest = USES[library]
    write(
        tmp_path,
        {
            "package.json": json.dumps({"name": "w", "dependencies": {"react": "18", package: "3"}}),
            "index.html": PAGE,
            "src/main.jsx": f"const config = {{\n  host: '{host}',\n  {rest},\n}};\n{use}",
        },
    )
    findings = check_paths([str(tmp_path)]).sorted()
    return [(f.rule, f.line) for f in findings if f.rule == "config-contradicts-tenant"]


@pytest.mark.parametrize("library", sorted(USES))
def test_a_host_with_its_scheme_doubles_the_scheme(tmp_path: Path, library: str) -> None:
    assert hosts(tmp_path, library, f"https://{TENANT}") == [("config-contradicts-tenant", 2)]


@pytest.mark.parametrize("library", sorted(USES))
def test_the_host_name_alone_is_silent(tmp_path: Path, library: str) -> None:
    assert hosts(tmp_path, library, TENANT) == []
