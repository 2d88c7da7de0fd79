"""The capability API's config object whose prefix is read from the environment (``prefix:
process.env.REACT_APP_QLIK_PREFIX || '/'``) while the env file sets it to a client-managed virtual proxy's
prefix (``/ext/``): Qlik Cloud has no virtual proxies (prefix '/'), so every request goes under /ext/ and fails.
config-contradicts-tenant at the env file's value. '/' there, or no such variable, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

CONFIG = """const host = process.env.REACT_APP_QLIK_HOST;
const prefix = process.env.REACT_APP_QLIK_PREFIX || '/';

export const qlikConfig = { host, prefix, port: 443, isSecure: true, webIntegrationId: process.env.REACT_APP_QLIK_WI };
export const baseUrl = `https://${host}${prefix.replace(/\\/$/, '')}`;
"""
LOADER = f"""import {{ qlikConfig, baseUrl }} from './qlikConfig';

export function openQlik() {{
  window.require.config({{ baseUrl: `${{baseUrl}}/resources`, webIntegrationId: qlikConfig.webIntegrationId }});
  window.require(['js/qlik'], (qlik) => qlik.openApp('{APP}', qlikConfig));
}}
"""


def contradicts(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "config-contradicts-tenant"]


@pytest.mark.parametrize(("prefix", "expected"), [("/ext/", [(".env", 2)]), ("/", [])], ids=["virtual-proxy", "root"])
def test_a_prefix_from_the_env_file(tmp_path: Path, prefix: str, expected: list) -> None:
    files = {
        "package.json": '{"dependencies": {"react": "^18.3.0", "react-scripts": "5.0.1"}}',
        ".env": f"REACT_APP_QLIK_HOST={TENANT}\nREACT_APP_QLIK_PREFIX={prefix}\nREACT_APP_QLIK_WI={ID}\n",
        "public/index.html": '<!doctype html><html><body><div id="root"></div></body></html>\n',
        "src/qlikConfig.js": CONFIG,
        "src/qlik.js": LOADER,
        "src/index.js": "import { openQlik } from './qlik';\nopenQlik();\n",
    }
    assert contradicts(write(tmp_path, files)) == expected
