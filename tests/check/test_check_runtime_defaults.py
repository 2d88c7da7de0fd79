"""A settings object whose literal holds defaults that the code replaces at run time, from a fetched
config.json (written by the container at start-up) or a settings screen: ``let config = { qlikHost:
'https://your-tenant.eu.qlikcloud.com', ... }`` then ``config = { ...config, ...(await r.json()) }`` or
``Object.assign(config, loaded)``. The placeholders are what the page holds before it has loaded its settings, not
values left to fill in: no placeholder finding. The same object that nothing replaces is still reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

VITE = '{"dependencies":{"@qlik/api":"2.19.0"},"devDependencies":{"vite":"5"}}'
PAGE = (
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>\n'
)
SETTINGS = (
    "export let config = {\n"
    "  qlikHost: 'https://your-tenant.eu.qlikcloud.com',\n"
    "  qlikClientId: 'YOUR_CLIENT_ID',\n"
    "  qlikAppId: 'YOUR_APP_ID',\n"
    "};\n"
)
MAIN = (
    "import { auth, qix } from '@qlik/api';\nimport { config, loadConfig } from './config.js';\n"
    "await loadConfig();\n"
    "auth.setDefaultHostConfig({ host: config.qlikHost, authType: 'oauth2', clientId: config.qlikClientId, "
    "redirectUri: location.origin + '/oauth-callback.html', autoRedirect: true });\n"
    "qix.openAppSession({ appId: config.qlikAppId }).getDoc();\n"
)
REPLACE = (
    "export async function loadConfig() {\n  const r = await fetch('/config.json', { cache: 'no-store' });\n"
    "  config = { ...config, ...(await r.json()) };\n}\n"
)
MERGE = (
    "export async function loadConfig() {\n  Object.assign(config, await (await fetch('/config.json')).json());\n}\n"
)
KEEP = "export async function loadConfig() {\n  console.log('settings', config);\n}\n"


def placeholders(root: Path) -> list[int]:
    return sorted(f.line or 0 for f in check_paths([str(root)]).findings if f.rule == "placeholder")


@pytest.mark.parametrize("load", [REPLACE, MERGE], ids=["assigned anew", "merged into"])
def test_defaults_the_run_time_settings_replace(tmp_path: Path, load: str) -> None:
    write(tmp_path, {"index.html": PAGE, "package.json": VITE, "src/main.js": MAIN, "src/config.js": SETTINGS + load})
    assert placeholders(tmp_path) == []


def test_settings_nothing_replaces_are_placeholders(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "package.json": VITE, "src/main.js": MAIN, "src/config.js": SETTINGS + KEEP})
    assert placeholders(tmp_path) == [2, 3, 4]
