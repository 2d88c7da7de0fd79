"""A /login redirect whose returnto is a literal on the developer's machine (var RETURN_TO =
'http://localhost:8080/index.html', then &returnto= + encodeURIComponent(RETURN_TO)) sends every user of the
deployed page back to localhost: a warning at the literal. returnto built from window.location stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

SCRIPT = f"""var TENANT = "https://{TENANT}";
var ID = "{ID}";
var RETURN_TO = %s;
function signIn() {{
  window.location.href = TENANT + "/login?qlik-web-integration-id=" + ID + "&returnto=" + encodeURIComponent(RETURN_TO);
}}
fetch(TENANT + "/api/v1/users/me", {{ credentials: "include", headers: {{ "qlik-web-integration-id": ID }} }})
  .then(function (r) {{ if (r.status === 401) signIn(); }});
"""


def _findings(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "login-returnto-localhost"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [('"http://localhost:8080/index.html"', [("login-returnto-localhost", 3)]), ("window.location.href", [])],
)
def test_returnto_fixed_to_the_developer_machine(tmp_path: Path, value: str, expected: list) -> None:
    page = '<!doctype html><html><head><script src="js/session.js"></script></head><body></body></html>\n'
    write(tmp_path, {"index.html": page, "js/session.js": SCRIPT % value})
    assert _findings(tmp_path) == expected
