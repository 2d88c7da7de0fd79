"""One tenant (and its web integration id) per deployment stage, written in a family of per-stage files: an
Angular app's environment.ts and environment.prod.ts (the production build swaps one for the other), or
config/development.json and config/production.json. The build or the deployment picks one file: that is no
mix-up, so neither tenant-mixed nor web-integration-id-mixed. A file outside the family that names another
tenant is still one."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

ID = "abcdefghijABCDEFGHIJ0123456789_-"
ID2 = "ZYXWVUTSRQzyxwvutsrq9876543210_-"
SERVICE = (
    "import { Injectable } from '@angular/core';\nimport { auth } from '@qlik/api';\n"
    "import { environment } from '../environments/environment';\n"
    "@Injectable({ providedIn: 'root' })\nexport class QlikService {\n  constructor() {\n"
    "    auth.setDefaultHostConfig({ host: environment.qlikHost, authType: 'cookie', "
    "webIntegrationId: environment.webIntegrationId, autoRedirect: true });\n  }\n}\n"
)


def env(production: bool, host: str, wid: str) -> str:
    flag = str(production).lower()
    return f"export const environment = {{ production: {flag}, qlikHost: '{host}', webIntegrationId: '{wid}' }};\n"


def project(tmp_path: Path, extra: dict[str, str] | None = None) -> list[tuple[str, str]]:
    files = {
        "src/environments/environment.ts": env(False, "acme-dev.eu.qlikcloud.com", ID),
        "src/environments/environment.prod.ts": env(True, "acme.eu.qlikcloud.com", ID2),
        "src/app/qlik.service.ts": SERVICE,
        "package.json": '{"dependencies":{"@angular/core":"17","@qlik/api":"2.19.0"}}',
    }
    write(tmp_path, files | (extra or {}))
    rules = ("tenant-mixed", "web-integration-id-mixed")
    return sorted((f.rule, Path(f.path or "").name) for f in check_paths([str(tmp_path)]).findings if f.rule in rules)


def test_one_tenant_per_environment_file_is_no_mix(tmp_path: Path) -> None:
    assert project(tmp_path) == []


def test_per_stage_config_folder_is_no_mix(tmp_path: Path) -> None:
    files = {
        "config/development.js": "module.exports = { host: 'acme-dev.eu.qlikcloud.com' };\n",
        "config/production.js": "module.exports = { host: 'acme.eu.qlikcloud.com' };\n",
        "public/index.html": "<!doctype html><html><body><script src='/app.js'></script></body></html>\n",
        "public/app.js": "fetch(window.QLIK_HOST + '/api/v1/users/me', { credentials: 'include' });\n",
    }
    assert project(tmp_path, files) == []


def test_a_file_outside_the_family_naming_another_tenant_is_still_a_mix(tmp_path: Path) -> None:
    other = (
        "import { environment } from '../environments/environment';\nexport const login = () => { location.href = "
        "'https://other.us.qlikcloud.com/login?qlik-web-integration-id=' + environment.webIntegrationId; };\n"
    )
    found = project(tmp_path, {"src/app/login.ts": other})
    assert ("tenant-mixed", "environment.ts") in found or ("tenant-mixed", "login.ts") in found
