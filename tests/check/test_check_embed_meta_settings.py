"""qlik-embed bundled by the app (``import "@qlik/embed-web-components"``, Angular's angular.json ``scripts``) and
configured by the page's ``<meta name="qlik-embed-...">`` tags, which its loader reads: a host with no sign-in
setting is embed-no-auth, cookie sign-in without the web integration id and OAuth2 without the client id are
found at the meta tags; complete settings, or code that gives the host config itself, stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

HOST = f'<meta name="qlik-embed-host" content="https://{TENANT}">'
CLIENT_ID = "0123456789abcdef0123456789abcdef"
MAIN = 'import "@qlik/embed-web-components";\nimport { createApp } from "vue";\nimport App from "./App.vue";\n'
APP_VUE = f'<template><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed></template>\n'


def _vue(root: Path, meta: str, main: str = MAIN) -> Path:
    page = f'<!doctype html><html><head>\n{HOST}\n{meta}</head><body><script type="module" src="/src/main.js">'
    return write(
        root,
        {
            "package.json": '{"dependencies": {"vue": "3.4.0", "@qlik/embed-web-components": "1.6.0"}}',
            "index.html": page + "</script></body></html>\n",
            "src/main.js": main + 'createApp(App).mount("#app");\n',
            "src/App.vue": APP_VUE,
        },
    )


def embed_findings(root: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule.startswith("embed-")]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("", [("embed-no-auth", "index.html", 2)]),
        (
            '<meta name="qlik-embed-auth-type" content="cookie">\n',
            [("embed-cookie-no-web-integration-id", "index.html", 3)],
        ),
        ('<meta name="qlik-embed-auth-type" content="Oauth2">\n', [("embed-oauth-no-client-id", "index.html", 3)]),
        (
            '<meta name="qlik-embed-auth-type" content="cookie">\n'
            f'<meta name="qlik-embed-web-integration-id" content="{ID}">\n',
            [],
        ),
    ],
)
def test_meta_settings_of_a_bundled_loader_are_judged(tmp_path: Path, meta: str, expected: list) -> None:
    _vue(tmp_path, meta)
    assert embed_findings(tmp_path) == expected


def test_code_that_gives_the_host_config_itself_is_silent(tmp_path: Path) -> None:
    main = MAIN + (
        'document.querySelector("qlik-embed").hostConfig = '
        f'{{ host: "https://{TENANT}", authType: "Oauth2", clientId: "{CLIENT_ID}" }};\n'
    )
    _vue(tmp_path, "", main)
    assert [f for f in embed_findings(tmp_path) if f[0] == "embed-no-auth"] == []


def test_an_angular_scripts_loader_reads_the_meta_tags(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"@angular/core": "17.0.0", "@qlik/embed-web-components": "1.6.0"}}',
            "angular.json": '{"projects": {"app": {"architect": {"build": {"options": {"scripts": '
            '["node_modules/@qlik/embed-web-components/dist/index.js"]}}}}}}\n',
            "src/index.html": f"<!doctype html><html><head>\n{HOST}\n</head><body><app-root></app-root>"
            "</body></html>\n",
        },
    )
    assert embed_findings(tmp_path) == [("embed-no-auth", "index.html", 2)]
