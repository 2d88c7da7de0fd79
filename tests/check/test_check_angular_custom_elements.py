"""Angular compiles ``<qlik-embed>`` only when a module or standalone component declares
``CUSTOM_ELEMENTS_SCHEMA``: without one, ``ng build`` stops on the unknown element (NG8001)."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

TEMPLATE = '<h1>Sales</h1>\n<qlik-embed ui="analytics/chart" [attr.app-id]="appId" object-id="abcDEF"></qlik-embed>\n'
COMPONENT = (
    "import { Component{schema_import} } from '@angular/core';\n"
    "@Component({\n"
    "  selector: 'app-chart',\n"
    "  standalone: true,\n"
    "  templateUrl: './chart.component.html',{schemas}\n"
    "})\n"
    "export class ChartComponent { appId = '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e'; }\n"
)
INDEX = (
    "<!doctype html><html><head>\n"
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"\n'
    '  data-host="https://acme.eu.qlikcloud.com" data-auth-type="Oauth2"\n'
    '  data-client-id="0123456789abcdef0123456789abcdef"\n'
    '  data-redirect-uri="https://sales.example.com/oauth-callback.html"></script>\n'
    "</head><body><app-chart></app-chart></body></html>\n"
)
CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" type="application/javascript" '
    'data-host="https://acme.eu.qlikcloud.com" src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js">'
    "</script></head><body></body></html>\n"
)


def unknown(root: Path, schemas: bool) -> list[tuple[str, int | None]]:
    component = COMPONENT.replace("{schema_import}", ", CUSTOM_ELEMENTS_SCHEMA" if schemas else "").replace(
        "{schemas}", "\n  schemas: [CUSTOM_ELEMENTS_SCHEMA]," if schemas else ""
    )
    write(
        root,
        {
            "angular.json": '{"projects": {"app": {"sourceRoot": "src"}}}',
            "package.json": '{"dependencies": {"@angular/core": "^17.0.0"}}',
            "src/index.html": INDEX,
            "src/oauth-callback.html": CALLBACK,
            "src/app/chart.component.html": TEMPLATE,
            "src/app/chart.component.ts": component,
        },
    )
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "angular-unknown-element"]


def test_qlik_embed_without_the_schema_is_reported(tmp_path: Path) -> None:
    assert unknown(tmp_path, schemas=False) == [("chart.component.html", 2)]


def test_qlik_embed_with_the_schema_is_silent(tmp_path: Path) -> None:
    assert unknown(tmp_path, schemas=True) == []
