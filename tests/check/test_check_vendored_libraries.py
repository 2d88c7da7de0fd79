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


# A file saved from jsDelivr: the CDN's own comment comes first, the library's banner second.
CDN = (
    "/**\n * Skipped minification because the original files appears to be already minified.\n"
    " * Original file: /npm/@acme/charts@2.4.1/dist/charts.js\n *\n"
    " * Do NOT use SRI with dynamically generated files!\n */\n"
)


def test_a_library_saved_from_a_cdn_is_not_judged(tmp_path: Path) -> None:
    # Before: only the first comment was read as the banner; the CDN's has a version but no licence, so a
    # nebula.js chart saved from jsDelivr (1-2 MB each) was parsed and judged as the project's own code.
    write(tmp_path, {"index.html": PAGE, "js/lib/charts.js": CDN + BANNER + CODE})
    assert "config-no-id" not in errors(tmp_path)
    write(tmp_path, {"js/lib/charts.js": CDN + CODE})  # the CDN's comment alone says where it came from
    assert "config-no-id" not in errors(tmp_path)


def test_comments_of_the_project_s_own_above_its_code_do_not_make_it_a_library(tmp_path: Path) -> None:
    own = "/* charts for the sales page */\n/* uses Qlik's capability API v2.1.0 */\n"
    write(tmp_path, {"index.html": PAGE, "js/lib/charts.js": own + CODE})
    assert "config-no-id" in errors(tmp_path)
