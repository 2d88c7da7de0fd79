"""tenant-mixed, web-integration-id-mixed: a project may name one tenant (and its web integration id) per
deployment on purpose, as entries of one table the code picks from at run time (``{ development: { host: A },
production: { host: B } }``, an array of tenants, or ``isProd ? A : B``): those are alternatives, not a mix-up.
Two tenants in two keys of one config (``host`` and ``loginUrl``), or two tenants or ids in two unrelated places,
still are one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

A, B = "acme.eu.qlikcloud.com", "acme-dev.eu.qlikcloud.com"
USE = (
    "const config = pick();\n"
    'fetch(`https://${config.host}/api/v1/users/me`, { credentials: "include" });\n'
    f'fetch("https://{A}/api/v1/items", {{ credentials: "include" }});\n'
)
PAGE = '<!doctype html>\n<div id="root"></div>\n<script type="module" src="src/main.js"></script>\n'
TABLES = {
    "stage table": f'const TENANTS = {{ development: {{ host: "{B}" }}, production: {{ host: "{A}" }} }};\n'
    "function pick() { return TENANTS[import.meta.env.MODE]; }\n",
    "stage keys": f'const HOSTS = {{ dev: "{B}", prod: "{A}" }};\n'
    "function pick() { return { host: HOSTS.prod }; }\n",
    "array": f'const TENANTS = [{{ name: "test", host: "{B}" }}, {{ name: "live", host: "{A}" }}];\n'
    "function pick() { return TENANTS[1]; }\n",
    "ternary": f'function pick() {{ return {{ host: import.meta.env.PROD ? "{A}" : "{B}" }}; }}\n',
}
MIXED = {
    "two keys of one config": f'function pick() {{ return {{ host: "{A}", loginUrl: "https://{B}/login" }}; }}\n',
    "two places": f'function pick() {{ return {{ host: "{A}" }}; }}\nconst logout = "https://{B}/logout";\n',
}


def mixed(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).sorted() if f.rule == "tenant-mixed"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_tenants_chosen_from_one_table_are_alternatives(tmp_path: Path, table: str) -> None:
    write(tmp_path, {"index.html": PAGE, "src/main.js": TABLES[table] + USE})
    assert mixed(tmp_path) == []


@pytest.mark.parametrize("shape", sorted(MIXED))
def test_two_tenants_used_together_are_still_mixed(tmp_path: Path, shape: str) -> None:
    write(tmp_path, {"index.html": PAGE, "src/main.js": MIXED[shape] + USE})
    assert mixed(tmp_path) == ["tenant-mixed"]


ID_A, ID_B = "abcdefghijABCDEFGHIJ0123456789_-", "zbcdefghijABCDEFGHIJ0123456789_-"
ID_USE = """const t = pick();
fetch("https://%s/api/v1/users/me", { credentials: "include", headers: { "qlik-web-integration-id": t.id } });
"""


def mixed_ids(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).sorted() if f.rule == "web-integration-id-mixed"]


def test_ids_chosen_from_one_stage_table_are_alternatives(tmp_path: Path) -> None:
    table = (
        f'const STAGES = {{ dev: {{ host: "{A}", webIntegrationId: "{ID_B}" }}, '
        f'prod: {{ host: "{A}", webIntegrationId: "{ID_A}" }} }};\n'
        "function pick() { const s = STAGES[import.meta.env.MODE]; return { id: s.webIntegrationId }; }\n"
    )
    write(tmp_path, {"index.html": PAGE, "src/main.js": table + ID_USE % A})
    assert mixed_ids(tmp_path) == []


def test_two_ids_in_two_places_are_still_mixed(tmp_path: Path) -> None:
    config = f'function pick() {{ return {{ host: "{A}", webIntegrationId: "{ID_B}" }}; }}\n'
    use = ID_USE.replace("t.id", f'"{ID_A}"')
    write(tmp_path, {"index.html": PAGE, "src/main.js": config + use % A})
    assert mixed_ids(tmp_path) == ["web-integration-id-mixed"]
