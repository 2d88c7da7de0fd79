"""qlik-embed used from framework components. A loader a component adds from code
(``s.setAttribute('data-host', environment.qlikHost)``) names its tenant through a name: the literal that name
holds is the host judged, so a Qlik Cloud loader without any sign-in setting is reported. A ``<qlik-embed>`` in a
Vue or Svelte component lacking what its ui needs (an object-id for analytics/chart) in every form the
framework binds it (``object-id``, ``:object-id``, ``v-bind:object-id``, ``object-id={x}``) shows nothing; a
spread (``v-bind="props"``, ``{...props}``) may hold it and is not judged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

TENANT = "acme.eu.qlikcloud.com"
APP = "133dab5d-8f56-4d40-b3e0-a6b401391bde"
CLIENT = "0123456789abcdef0123456789abcdef"
PACKAGE = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist"
CALLBACK = (
    f'<!doctype html><html><body><script crossorigin="anonymous" data-host="https://{TENANT}" '
    f'src="{PACKAGE}/oauth-callback.js"></script></body></html>\n'
)
MOUNT = "import { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n"
LOADER = (
    f'<script crossorigin="anonymous" src="{PACKAGE}/index.js" data-host="https://{TENANT}" '
    f'data-client-id="{CLIENT}" data-redirect-uri="https://app.example.org/oauth-callback.html"></script>'
)
ANGULAR = """import { Component, OnInit, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { environment } from '../environments/environment';
@Component({ selector: 'app-root', standalone: true, schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<qlik-embed ui="classic/app" [attr.app-id]="appId"></qlik-embed>` })
export class AppComponent implements OnInit {
  appId = environment.appId;
  ngOnInit() {
    const s = document.createElement('script');
    s.src = '@PACKAGE@/index.js';
    s.setAttribute('data-host', environment.qlikHost);
    @SIGN_IN@
    document.head.appendChild(s);
  }
}
"""


def errors(root: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.severity == "error"]


def angular(tmp_path: Path, sign_in: str) -> list[tuple[str, str, int]]:
    environment = (
        f"export const environment = {{ production: false, qlikHost: 'https://{TENANT}', appId: '{APP}', "
        f"clientId: '{CLIENT}' }};\n"
    )
    write(
        tmp_path,
        {
            "package.json": json.dumps({"name": "a", "dependencies": {"@angular/core": "17.0.0"}}),
            "angular.json": "{}",
            "src/index.html": "<!doctype html><html><head></head><body><app-root></app-root></body></html>",
            "src/main.ts": "import './app/app.component';\n",
            "src/environments/environment.ts": environment,
            "src/app/app.component.ts": ANGULAR.replace("@PACKAGE@", PACKAGE).replace("@SIGN_IN@", sign_in),
            "src/oauth-callback.html": CALLBACK,
        },
    )
    return errors(tmp_path)


def test_a_loader_added_with_the_environments_tenant_and_no_sign_in_is_reported(tmp_path: Path) -> None:
    assert angular(tmp_path, "") == [("embed-no-auth", "app.component.ts", 10)]


def test_the_same_loader_with_an_oauth_client_is_silent(tmp_path: Path) -> None:
    sign_in = (
        "s.setAttribute('data-client-id', environment.clientId);\n"
        "    s.setAttribute('data-redirect-uri', 'https://app.example.org/oauth-callback.html');"
    )
    assert angular(tmp_path, sign_in) == []


def vue(tmp_path: Path, element: str) -> list[tuple[str, str, int]]:
    write(
        tmp_path,
        {
            "package.json": json.dumps(
                {"name": "v", "dependencies": {"vue": "3.4.0"}, "devDependencies": {"vite": "5"}}
            ),
            "index.html": f'<!doctype html><html><head>\n{LOADER}\n</head><body><div id="app"></div>'
            '<script type="module" src="/src/main.js"></script></body></html>\n',
            "public/oauth-callback.html": CALLBACK,
            "src/main.js": MOUNT,
            "src/App.vue": f"<template>\n  {element}\n</template>\n<script setup>\nconst appId = '{APP}';\n"
            "const oid = 'abcd';\n</script>\n",
        },
    )
    return errors(tmp_path)


def test_a_vue_chart_without_an_object_id_is_incomplete(tmp_path: Path) -> None:
    element = '<qlik-embed ui="analytics/chart" :app-id="appId"></qlik-embed>'
    assert vue(tmp_path, element) == [("embed-element-incomplete", "App.vue", 2)]


@pytest.mark.parametrize(
    "element",
    [
        '<qlik-embed ui="analytics/chart" :app-id="appId" :object-id="oid"></qlik-embed>',
        '<qlik-embed ui="analytics/chart" :app-id="appId" v-bind:object-id="oid"></qlik-embed>',
        '<qlik-embed ui="analytics/chart" v-bind="settings"></qlik-embed>',
        '<qlik-embed ui="analytics/selections" :app-id="appId"></qlik-embed>',
    ],
)
def test_a_vue_element_with_its_settings_bound_or_spread_is_silent(tmp_path: Path, element: str) -> None:
    assert vue(tmp_path, element) == []


def test_a_svelte_chart_without_an_object_id_is_incomplete(tmp_path: Path) -> None:
    files = {
        "package.json": json.dumps(
            {"name": "s", "devDependencies": {"@sveltejs/kit": "2", "svelte": "4", "vite": "5"}}
        ),
        "svelte.config.js": "export default { kit: {} };\n",
        "src/app.html": f"<!doctype html><html><head>\n{LOADER}\n%sveltekit.head%</head>"
        "<body>%sveltekit.body%</body></html>\n",
        "static/oauth-callback.html": CALLBACK,
        "src/routes/+page.svelte": f"<script>\n  const appId = '{APP}';\n</script>\n"
        '<qlik-embed ui="analytics/chart" app-id={appId}></qlik-embed>\n',
    }
    write(tmp_path, files)
    assert errors(tmp_path) == [("embed-element-incomplete", "+page.svelte", 4)]
    (tmp_path / "src/routes/+page.svelte").write_text(
        files["src/routes/+page.svelte"].replace("app-id={appId}", "app-id={appId} object-id={'abcd'}")
    )
    assert errors(tmp_path) == []
