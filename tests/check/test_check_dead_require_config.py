"""require-config-*: a ``require.config`` written in a function that nothing calls (its one call commented out
while trying things) never configures anything, so what it lacks is no problem of the page; called, it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

LOADER = f"""async function loadCapabilityApis() {{
  window.require.config({{ baseUrl: "https://{TENANT}/resources" }});
  return new Promise((resolve) => window.require(["js/qlik"], resolve));
}}
%s
"""
PAGE = '<!doctype html>\n<div id="app"></div>\n<script src="js/qapp.js"></script>\n'


def reported(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).sorted() if f.rule.startswith("require-config")]


@pytest.mark.parametrize(
    ("call", "expected"),
    [("// const qlik = loadCapabilityApis();", []), ("const qlik = loadCapabilityApis();", ["require-config-no-id"])],
    ids=["call commented out", "called"],
)
def test_a_require_config_nothing_runs(tmp_path: Path, call: str, expected: list[str]) -> None:
    write(tmp_path, {"index.html": PAGE, "js/qapp.js": LOADER % call})
    assert reported(tmp_path) == expected
