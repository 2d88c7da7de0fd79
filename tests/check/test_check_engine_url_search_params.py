"""An engine URL whose query is a URLSearchParams the code builds (``wss://<tenant>/app/${appId}?${params}``,
``params = new URLSearchParams({...})``, then ``params.append(...)``) carries the parameters written there:
judged for the web integration id and the CSRF token like a query written in full. A query from anything else
(a helper, a response) is unknown and stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

HEAD = f"""import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
const appId = '{APP}';
export async function open(token) {{
"""
TAIL = f"""  const url = `wss://{TENANT}/app/${{appId}}?${{params}}`;
  return enigma.create({{ schema, url }}).open();
}}
"""


def socket_findings(tmp_path: Path, params: str) -> list[tuple[str, int | None]]:
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2.15.0"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": HEAD + params + TAIL + "open(sessionStorage.getItem('t'));\n",
        },
    )
    report = check_paths([str(tmp_path)])
    return [(f.rule, f.line) for f in report.sorted() if f.rule.startswith("engine-url-")]


def test_search_params_without_the_csrf_token(tmp_path: Path) -> None:
    params = f"  const params = new URLSearchParams({{ 'qlik-web-integration-id': '{ID}' }});\n"
    assert socket_findings(tmp_path, params) == [("engine-url-no-csrf", 6)]


@pytest.mark.parametrize(
    "params",
    [
        f"  const params = new URLSearchParams({{ 'qlik-web-integration-id': '{ID}', 'qlik-csrf-token': token }});\n",
        f"  const params = new URLSearchParams({{ 'qlik-web-integration-id': '{ID}' }});\n"
        "  params.append('qlik-csrf-token', token);\n",
        "  const params = buildParams(token);\n",
    ],
    ids=["both", "appended", "from-a-helper"],
)
def test_search_params_with_both_or_unknown_are_silent(tmp_path: Path, params: str) -> None:
    assert socket_findings(tmp_path, params) == []
