"""A library copied into a project (jQuery, AngularJS, a nebula.js chart in ``js/lib/``) is code nobody in the
project wrote: check does not judge it, and does not spend seconds parsing it. The project's own code, the
same text without a library's banner, is judged as usual."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = '<!doctype html><html><body><script src="js/lib/charts.js"></script></body></html>\n'
# A config object a client-managed mashup would have: an error wherever the project's own code holds it.
CODE = (
    "var config = { host: 'sense.corp', prefix: '/', port: 443, isSecure: true };\n"
    "require(['js/qlik'], function (qlik) { qlik.openApp('1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e', config); });\n"
    + "var a = 1;\n"
    * 3000
)
BANNER = "/*\n* @acme/charts v2.4.1\n* Copyright (c) 2023 Acme\n* Released under the MIT license.\n*/\n"


def errors(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).sorted() if f.severity == "error"]


def test_a_library_s_distribution_file_is_not_judged(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "js/lib/charts.js": BANNER + CODE})
    assert "config-no-id" not in errors(tmp_path)


def test_the_same_code_without_a_banner_is_the_project_s_own(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "js/lib/charts.js": "/* our charts */\n" + CODE})
    assert "config-no-id" in errors(tmp_path)
