"""qlik-embed's loader attributes handed to a script loader as an object (Angular's ngx-script-loader
``loadScript(src, {'data-host': ..., 'data-redirect-uri': ...})``): a redirect URI fixed to the developer's
machine there is the same mistake as in the loader tag's data-redirect-uri."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

COMPONENT = """import { Component, Input, OnInit } from '@angular/core';
import { ScriptService } from 'ngx-script-loader';

@Component({ selector: 'app-qlik', template: '<qlik-embed [attr.ui]="ui"></qlik-embed>' })
export class QlikComponent implements OnInit {
  @Input() dataHost: any;
  @Input() clientId: any;
  constructor(private scripts: ScriptService) {}
  ngOnInit(): void {
    const attributes = {
      'data-host': this.dataHost,
      'data-client-id': this.clientId,
      'data-redirect-uri': @REDIRECT@,
    };
    this.scripts.loadScript('https://cdn.jsdelivr.net/npm/@qlik/embed-web-components', attributes).subscribe();
  }
}
"""


@pytest.mark.parametrize(
    ("redirect", "expected"),
    [
        ("'http://localhost:4200/callback'", [("embed-redirect-localhost", 13)]),
        ("`${window.location.origin}/callback`", []),
        ("'https://dashboards.example.org/callback'", []),
    ],
)
def test_a_loader_attribute_object_with_a_localhost_redirect(tmp_path: Path, redirect: str, expected: list) -> None:
    write(
        tmp_path,
        {
            "package.json": json.dumps(
                {"name": "a", "dependencies": {"@angular/core": "14", "ngx-script-loader": "1"}}
            ),
            "angular.json": "{}",
            "src/index.html": "<!doctype html><html><body><app-root></app-root></body></html>",
            "src/main.ts": "import './app/qlik.component';\n",
            "src/app/qlik.component.ts": COMPONENT.replace("@REDIRECT@", redirect),
        },
    )
    findings = check_paths([str(tmp_path)]).sorted()
    assert [(f.rule, f.line) for f in findings if f.rule == "embed-redirect-localhost"] == expected
