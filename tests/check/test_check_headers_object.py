"""A fetch's headers given as a Headers object filled afterwards (``const h = new Headers();
h.append('qlik-web-integration-id', id)``, ``h.set('qlik-csrf-token', t)``) carry what was appended, whatever the
variable's name, even one letter; a Headers object that never gets Qlik's header still lacks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import ID, TENANT, write

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script src="main.js"></script></body></html>'
HEAD = f"""const TENANT = 'https://{TENANT}';
fetch(`${{TENANT}}/api/v1/users/me`, {{ credentials: 'include', headers: {{ 'qlik-web-integration-id': '{ID}' }} }})
  .then((r) => {{ if (r.status === 401) location.href = TENANT + `/login?qlik-web-integration-id={ID}&returnto=x` }});
async function reload(token) {{
  const h = new Headers({{ Accept: 'application/json' }});
"""
CALL = "  await fetch(`${TENANT}/api/v1/reloads`, { method: 'POST', credentials: 'include', headers: h });\n}\n"


def rest_findings(tmp_path: Path, code: str) -> list[tuple[str, int | None]]:
    write(tmp_path, {"index.html": PAGE, "main.js": HEAD + code + CALL + "reload('t');\n"})
    return [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("rest-")]


def test_headers_appended_to_a_one_letter_headers_object_are_sent(tmp_path: Path) -> None:
    code = f"  h.append('qlik-web-integration-id', '{ID}');\n  h.set('qlik-csrf-token', token);\n"
    assert rest_findings(tmp_path, code) == []


@pytest.mark.parametrize(
    ("code", "missing"),
    [
        (f"  h.append('qlik-web-integration-id', '{ID}');\n", "rest-no-csrf"),
        ("  h.set('qlik-csrf-token', token);\n", "rest-no-web-integration-id"),
    ],
)
def test_a_header_never_appended_is_missing(tmp_path: Path, code: str, missing: str) -> None:
    assert rest_findings(tmp_path, code) == [(missing, 7)]
