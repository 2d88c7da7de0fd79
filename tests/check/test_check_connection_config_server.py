"""A library's connection config (qdt-components, an enigma.js helper: ``{host, secure, port, prefix, appId}``)
names the server as the capability API's config does: taken from window.location (a Dev Hub mashup) it is the
page's own server, and Qlik Sense Desktop's port, a virtual proxy's prefix or ``secure: false`` are never Qlik
Cloud's. A loopback stand-in on another port and an engine container's port are not judged. A key of another
sign-in left empty (``accessToken: ''``, a map library's token) does not make the config one that needs no id."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = (
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>'
)
MANIFEST = '{"name": "x", "dependencies": {"react": "18.2.0", "vite": "5.0.0", "qdt-components": "3.0.0"}}'
CONFIG = """import {{ qdtEnigma }} from 'qdt-components';

const config = {{
  host: {host},
  secure: {secure},
  port: {port},
  prefix: {prefix},
  appId: '133dab5d-8f56-4d40-b3e0-a6b401391bde',
}};

export default qdtEnigma(config);
"""
MAIN = "import appPromise from './qlik.js';\nappPromise.then((app) => app.clearAll());\n"
SERVER_RULES = ("config-from-location", "config-contradicts-tenant")


def findings(folder: Path, rules: tuple[str, ...] = SERVER_RULES) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in check_paths([str(folder)]).sorted() if f.rule in rules]


def project(tmp_path: Path, config: str) -> Path:
    return write(tmp_path, {"package.json": MANIFEST, "index.html": PAGE, "src/qlik.js": config, "src/main.jsx": MAIN})


def test_a_server_taken_from_the_pages_location_is_reported(tmp_path: Path) -> None:
    config = CONFIG.format(
        host="window.location.hostname",
        secure="window.location.protocol === 'https:'",
        port="window.location.port",
        prefix="''",
    )
    assert findings(project(tmp_path, config)) == [("config-from-location", 4)]


def test_qlik_sense_desktop_is_reported(tmp_path: Path) -> None:
    config = CONFIG.format(host="'localhost'", secure="false", port="4848", prefix="''")
    assert findings(project(tmp_path, config)) == [
        ("config-contradicts-tenant", 5),
        ("config-contradicts-tenant", 6),
    ]


def test_a_virtual_proxy_prefix_is_reported(tmp_path: Path) -> None:
    config = CONFIG.format(host="'sense.example.com'", secure="true", port="443", prefix="'saml'")
    assert findings(project(tmp_path, config)) == [("config-contradicts-tenant", 7)]


@pytest.mark.parametrize(
    ("host", "secure", "port", "prefix"),
    [
        ("'acme.eu.qlikcloud.com'", "true", "443", "''"),  # Qlik Cloud
        ("'acme.eu.qlikcloud.com'", "true", "null", "'/'"),  # no port: the scheme's own
        ("'localhost'", "false", "3000", "''"),  # a local stand-in or proxy
        ("'engine'", "false", "9076", "''"),  # an engine container (Qlik Core)
    ],
)
def test_a_cloud_server_a_local_stand_in_or_an_engine_is_silent(
    tmp_path: Path, host: str, secure: str, port: str, prefix: str
) -> None:
    config = CONFIG.format(host=host, secure=secure, port=port, prefix=prefix)
    assert findings(project(tmp_path, config)) == []


EMPTY_TOKEN = """export default {
  host: 'acme.eu.qlikcloud.com',
  secure: true,
  port: 443,
  prefix: '',
  appId: '133dab5d-8f56-4d40-b3e0-a6b401391bde',
  accessToken: %s,
};
"""


def test_an_empty_token_key_does_not_sign_the_config_in(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"package.json": MANIFEST, "index.html": PAGE, "src/main.jsx": MAIN, "src/qlik.js": EMPTY_TOKEN % "''"},
    )
    assert findings(tmp_path, ("connection-config-no-id",)) == [("connection-config-no-id", 1)]


@pytest.mark.parametrize("token", ["getToken()", "import.meta.env.VITE_QLIK_TOKEN"])
def test_a_token_with_a_value_signs_the_config_in(tmp_path: Path, token: str) -> None:
    write(
        tmp_path,
        {"package.json": MANIFEST, "index.html": PAGE, "src/main.jsx": MAIN, "src/qlik.js": EMPTY_TOKEN % token},
    )
    assert findings(tmp_path, ("connection-config-no-id",)) == []
