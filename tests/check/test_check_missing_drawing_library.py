"""A page that works with Qlik and names a drawing or styling library that is not in the project (AmCharts/pie.js,
d3.v5.min.js, bootstrap.bundle.min.js): the page draws or looks wrong, but nothing of its Qlik integration is
lost, so it is missing-asset's warning. A missing script of Qlik's (enigma.js) or the page's own stays an error."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = """<!doctype html>
<html><body>
<div id="pie"></div>
<script src="enigma.min.js"></script>
<script src="AmCharts/amcharts.js"></script>
<script src="AmCharts/pie.js"></script>
<script src="js/d3.v5.min.js"></script>
<script src="js/bootstrap.bundle.min.js"></script>
<script src="main.js"></script>
</body></html>
"""
MAIN = "var session = enigma.create({ schema: {}, url: 'wss://acme.eu.qlikcloud.com/app/x' });\n"


def missing(tmp_path: Path, present: tuple[str, ...]) -> list[tuple[str, int]]:
    files = {"index.html": PAGE, **{name: MAIN if name == "main.js" else "// library\n" for name in present}}
    folder = write(tmp_path, files)
    return [(f.rule, f.line) for f in check_paths([str(folder)]).sorted() if f.rule.startswith("missing-")]


def test_missing_drawing_libraries_are_warnings(tmp_path: Path) -> None:
    assert missing(tmp_path, ("enigma.min.js", "main.js")) == [
        ("missing-asset", 5),
        ("missing-asset", 6),
        ("missing-asset", 7),
        ("missing-asset", 8),
    ]


def test_a_missing_qlik_library_or_own_script_stays_an_error(tmp_path: Path) -> None:
    libraries = ("AmCharts/amcharts.js", "AmCharts/pie.js", "js/d3.v5.min.js", "js/bootstrap.bundle.min.js")
    assert missing(tmp_path, libraries) == [("missing-file", 4), ("missing-file", 9)]
