"""An Angular app whose environment.ts (the settings of ``ng serve``) sends qlik-embed's OAuth sign-in back to
http://localhost:4200, while environment.prod.ts, which angular.json's fileReplacements swaps in for the production
build, has the deployed URI: localhost there is the developer's machine, as in .env.development. No
embed-redirect-localhost. The same environment.ts with no production replacement is what the deployed app runs."""

from __future__ import annotations

import json
from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "3f2a9c1b7e6d4a8f9b0c1d2e3f4a5b6c"
ENVIRONMENT = (
    "export const environment = {{\n  production: {prod},\n  qlik: {{\n    host: 'https://{tenant}',\n"
    "    clientId: '{client}',\n    redirectUri: '{redirect}',\n    appId: '{app}',\n  }},\n}};\n"
)
LOADER = (
    "import { environment } from '../environments/environment';\n"
    "export function loadQlikEmbed(): void {\n  const s = document.createElement('script');\n"
    "  s.src = 'https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js';\n"
    "  s.setAttribute('data-host', environment.qlik.host);\n"
    "  s.setAttribute('data-client-id', environment.qlik.clientId);\n"
    "  s.setAttribute('data-redirect-uri', environment.qlik.redirectUri);\n  document.head.appendChild(s);\n}\n"
)
MAIN = "import { loadQlikEmbed } from './app/qlik-loader';\nloadQlikEmbed();\n"
REPLACEMENTS = [{"replace": "src/environments/environment.ts", "with": "src/environments/environment.prod.ts"}]


def angular(replaced: bool) -> str:
    build: dict[str, object] = {"options": {"index": "src/index.html", "browser": "src/main.ts"}}
    if replaced:
        build["configurations"] = {"production": {"fileReplacements": REPLACEMENTS}}
    return json.dumps({"projects": {"app": {"architect": {"build": build}}}})


def environment(prod: bool, redirect: str) -> str:
    flag = "true" if prod else "false"
    return ENVIRONMENT.format(prod=flag, tenant=TENANT, client=CLIENT, redirect=redirect, app=APP)


def project(root: Path, replaced: bool) -> None:
    files = {
        "angular.json": angular(replaced),
        "package.json": '{"dependencies":{"@angular/core":"17","@qlik/embed-web-components":"1.6.0"}}',
        "src/index.html": '<!doctype html><html><head><base href="/"></head><body><app-root></app-root></body></html>',
        "src/main.ts": MAIN,
        "src/app/qlik-loader.ts": LOADER,
        "src/environments/environment.ts": environment(False, "http://localhost:4200/oauth-callback.html"),
    }
    if replaced:
        redirect = "https://analytics.acme.com/oauth-callback.html"
        files["src/environments/environment.prod.ts"] = environment(True, redirect)
    write(root, files)


def localhost(root: Path) -> list[str]:
    found = check_paths([str(root)]).findings
    return sorted({Path(f.path or "").name for f in found if f.rule == "embed-redirect-localhost"})


def test_the_development_environment_replaced_in_production(tmp_path: Path) -> None:
    project(tmp_path, replaced=True)
    assert localhost(tmp_path) == []


def test_the_environment_the_deployed_app_runs_with(tmp_path: Path) -> None:
    project(tmp_path, replaced=False)
    assert localhost(tmp_path) == ["environment.ts"]
