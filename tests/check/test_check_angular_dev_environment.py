"""placeholder: with angular.json's production configuration replacing ``environment.ts`` by
``environment.prod.ts`` (what ``ng build`` deploys), ``environment.ts`` holds a developer's settings for
``ng serve``, like ``.env.development``: a placeholder left there is not what the deployed app runs with. The
production file's placeholders, and ``environment.ts``'s when nothing replaces it, still are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

REPLACE = {"replace": "src/environments/environment.ts", "with": "src/environments/environment.prod.ts"}
ENVIRONMENT = "export const environment = {{ qlik: {{ host: '{host}', appId: '{app}' }} }};\n"
REAL = ENVIRONMENT.format(host="acme.eu.qlikcloud.com", app="1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e")
PLACEHOLDERS = ENVIRONMENT.format(host="your-tenant.us.qlikcloud.com", app="<app-id>")
COMPONENT = """import { environment } from '../environments/environment';
export class AppComponent {
  url = `https://${environment.qlik.host}/api/v1/apps/${environment.qlik.appId}`;
}
"""


def angular(configurations: dict) -> str:
    return json.dumps({"projects": {"app": {"architect": {"build": {"configurations": configurations}}}}})


def placeholders(root: Path) -> list[str]:
    return [Path(f.path).name for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize(
    ("configurations", "dev", "prod", "expected"),
    [
        ({"production": {"fileReplacements": [REPLACE]}}, PLACEHOLDERS, REAL, []),
        ({"production": {"fileReplacements": [REPLACE]}}, REAL, PLACEHOLDERS, ["environment.prod.ts"] * 2),
        ({"staging": {"fileReplacements": [REPLACE]}}, PLACEHOLDERS, REAL, ["environment.ts"] * 2),
        ({}, PLACEHOLDERS, REAL, ["environment.ts"] * 2),
    ],
    ids=["dev file replaced in production", "production file", "replaced only for staging", "never replaced"],
)
def test_placeholders_of_the_environment_ng_serve_reads(
    tmp_path: Path, configurations: dict, dev: str, prod: str, expected: list[str]
) -> None:
    write(
        tmp_path,
        {
            "angular.json": angular(configurations),
            "package.json": '{"dependencies": {"@angular/core": "17.0.0"}}',
            "src/index.html": "<!doctype html><app-root></app-root>\n",
            "src/environments/environment.ts": dev,
            "src/environments/environment.prod.ts": prod,
            "src/app/app.component.ts": COMPONENT,
        },
    )
    assert placeholders(tmp_path) == expected
