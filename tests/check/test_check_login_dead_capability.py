"""login-missing: a project whose only use of the capability API (its require.config and js/qlik) sits in a
function nothing calls (its call commented out) loads nothing of Qlik, so it needs no sign-in and the finding
would point at code that never runs; once the function is called, the missing sign-in is an error again."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

LOADER = f"""async function openQlikApp() {{
  window.require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});
  return new Promise((resolve) => {{
    window.require(["js/qlik"], (qlik) => resolve(qlik.openApp("{APP}")));
  }});
}}
%s
"""
PAGE = '<!doctype html>\n<div id="app"></div>\n<script src="js/qapp.js"></script>\n'


@pytest.mark.parametrize(
    ("call", "expected"),
    [("// const app = openQlikApp();", []), ("const app = openQlikApp();", ["login-missing"])],
    ids=["call commented out", "called"],
)
def test_login_missing_only_for_code_that_runs(tmp_path: Path, call: str, expected: list[str]) -> None:
    write(tmp_path, {"index.html": PAGE, "js/qapp.js": LOADER % call})
    assert [f.rule for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("login")] == expected
