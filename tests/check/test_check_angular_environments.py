"""Angular's production build swaps environment files (angular.json's ``fileReplacements``): a Qlik setting that
only ``environment.ts`` defines, and the code reads, is undefined once ``ng build`` has put
``environment.prod.ts`` in its place."""

from __future__ import annotations

import json
from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

ANGULAR = {
    "projects": {
        "app": {
            "architect": {
                "build": {
                    "configurations": {
                        "production": {
                            "fileReplacements": [
                                {
                                    "replace": "src/environments/environment.ts",
                                    "with": "src/environments/environment.prod.ts",
                                }
                            ]
                        }
                    }
                }
            }
        }
    }
}
DEV = (
    "export const environment = {\n"
    "  production: false,\n"
    "  qlik: {\n"
    "    host: 'acme.eu.qlikcloud.com',\n"
    "    clientId: '0123456789abcdef0123456789abcdef',\n"
    "    appId: '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e',\n"
    "  },\n"
    "};\n"
)
PROD = "export const environment = {\n  production: true,\n};\n"
SERVICE = (
    "import { Injectable } from '@angular/core';\n"
    "import { environment } from '../environments/environment';\n"
    "\n"
    "@Injectable({ providedIn: 'root' })\n"
    "export class QlikService {\n"
    "  host = `https://${environment.qlik.host}`;\n"
    "  appId = environment.qlik.appId;\n"
    "}\n"
)


def findings(root: Path) -> list[tuple[str, str, int | None, str]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line, f.message) for f in found if f.rule == "build-env-missing"]


def angular_app(root: Path, prod: str = PROD, service: str = SERVICE) -> Path:
    return write(
        root,
        {
            "angular.json": json.dumps(ANGULAR),
            "package.json": '{"dependencies": {"@angular/core": "^17.0.0"}}',
            "src/index.html": "<!doctype html><html><body><app-root></app-root></body></html>\n",
            "src/environments/environment.ts": DEV,
            "src/environments/environment.prod.ts": prod,
            "src/app/qlik.service.ts": service,
        },
    )


def test_a_production_environment_without_the_qlik_settings_is_reported(tmp_path: Path) -> None:
    ((rule, name, line, message),) = findings(angular_app(tmp_path))
    assert (rule, name, line) == ("build-env-missing", "environment.prod.ts", 1)
    assert "host, appId" in message and "clientId" not in message  # the code never reads clientId


def test_a_production_environment_with_the_qlik_settings_is_silent(tmp_path: Path) -> None:
    prod = DEV.replace("production: false", "production: true")
    assert findings(angular_app(tmp_path, prod=prod)) == []


def test_settings_the_code_never_reads_are_not_judged(tmp_path: Path) -> None:
    service = "export class QlikService {}\n"
    assert findings(angular_app(tmp_path, service=service)) == []
