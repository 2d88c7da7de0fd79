"""The engine URL made from the tenant's https URL (``tenantUrl.replace('https', 'wss')``, Qlik's own pattern),
written in the template or in a constant the template starts with, is a socket URL to that tenant. A base
whose query is added elsewhere (``${wsUrl}?${params}``, or handed to the project's own engine helper in a project
that names both parameters) is not judged: what the socket finally carries is built there."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

HEAD = f"""import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";
const tenantUrl = "https://{TENANT}";
const appId = "{APP}";
"""


def engine_findings(tmp_path: Path, code: str, extra: dict[str, str] | None = None) -> set[tuple[str, int]]:
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": HEAD + code,
            **(extra or {}),
        },
    )
    return {(f.rule, f.line) for f in check_paths([str(tmp_path)]).findings if f.rule.startswith("engine-url-")}


@pytest.mark.parametrize(
    "code",
    [
        "const url = `${tenantUrl.replace('https', 'wss')}/app/${appId}`;\nenigma.create({ schema, url }).open();\n",
        "const base = tenantUrl.replace(/^https/, 'wss');\n"
        "enigma.create({ schema, url: `${base}/app/${appId}` }).open();\n",
    ],
    ids=["replace-in-the-template", "replace-in-a-constant"],
)
def test_a_socket_url_made_from_the_tenant_url_is_judged(tmp_path: Path, code: str) -> None:
    found = engine_findings(tmp_path, code)
    assert {rule for rule, _ in found} == {"engine-url-no-web-integration-id", "engine-url-no-csrf"}


def test_the_same_url_with_both_parameters_is_silent(tmp_path: Path) -> None:
    code = (
        "const url = `${tenantUrl.replace('https', 'wss')}/app/${appId}"
        f"?qlik-web-integration-id={ID}&qlik-csrf-token=${{window.csrf}}`;\n"
        "enigma.create({ schema, url }).open();\n"
    )
    assert engine_findings(tmp_path, code) == set()


def test_a_base_whose_query_is_added_later_is_not_judged(tmp_path: Path) -> None:
    code = (
        "const wsUrl = `${tenantUrl.replace('https', 'wss')}/app/${appId}`;\n"
        "const params = Object.keys(window.headers).map((k) => `${k}=${window.headers[k]}`).join('&');\n"
        "enigma.create({ schema, createSocket: () => new WebSocket(`${wsUrl}?${params}`) }).open();\n"
    )
    assert engine_findings(tmp_path, code) == set()


def test_a_base_handed_to_the_projects_engine_helper_is_not_judged(tmp_path: Path) -> None:
    helper = (
        "export class EngineService {\n  constructor(url) { this.url = url; }\n"
        "  open(headers) {\n    const q = `qlik-web-integration-id=${headers['qlik-web-integration-id']}"
        "&qlik-csrf-token=${headers['qlik-csrf-token']}`;\n    return new WebSocket(`${this.url}?${q}`);\n  }\n}\n"
    )
    code = (
        'import { EngineService } from "./engine.js";\n'
        "const engineUrl = `${tenantUrl.replace('https', 'wss')}/app/${appId}`;\n"
        "new EngineService(engineUrl).open(window.headers);\n"
    )
    assert engine_findings(tmp_path, code, {"engine.js": helper}) == set()
