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


# Angular's run-time configuration: environment.ts holds defaults, a service starts its field with them and an
# APP_INITIALIZER replaces the field with assets/config.json before the app starts.
ENVIRONMENT = (
    "export const environment = {\n  production: false,\n"
    "  qlik: { host: 'https://tenant.region.qlikcloud.com', clientId: '', appId: '' },\n};\n"
)
SERVICE = (
    "import { Injectable } from '@angular/core';\nimport { HttpClient } from '@angular/common/http';\n"
    "import { firstValueFrom } from 'rxjs';\nimport { environment } from '../environments/environment';\n"
    "@Injectable({ providedIn: 'root' })\nexport class ConfigService {\n  config: QlikConfig = environment.qlik;\n"
    "  constructor(private http: HttpClient) {}\n  async load() {\n{load}  }\n}\n"
)
ANGULAR = {
    "package.json": '{"dependencies":{"@angular/core":"17","@qlik/api":"2.19.0"}}',
    "angular.json": '{"projects":{"app":{"architect":{"build":{"options":{"index":"src/index.html"}}}}}}',
    "src/index.html": '<!doctype html><html><head><base href="/"></head><body><app-root></app-root></body></html>',
    "src/main.ts": "import { ConfigService } from './app/config.service';\nconsole.log(ConfigService);\n",
    "src/environments/environment.ts": ENVIRONMENT,
}
LOADED = "    this.config = await firstValueFrom(this.http.get<QlikConfig>('assets/config.json'));\n"


def test_angular_environment_defaults_an_initializer_replaces(tmp_path: Path) -> None:
    write(tmp_path, ANGULAR | {"src/app/config.service.ts": SERVICE.replace("{load}", LOADED)})
    assert placeholders(tmp_path) == []


def test_angular_environment_defaults_nothing_replaces(tmp_path: Path) -> None:
    write(tmp_path, ANGULAR | {"src/app/config.service.ts": SERVICE.replace("{load}", "    return this.config;\n")})
    assert placeholders(tmp_path) == [3]
