"""A page whose Qlik code is there (the mashup's own script loads js/qlik and opens the app) and that also names
a UI library or a template's demo script that is not in the project (adminlte.js, charts/pie.js, demo.js):
the page looks wrong, but its Qlik integration runs, so that is the warning missing-asset. Missing, a script
named for Qlik, for signing in or for the page's settings (login.js, config.js, enigma.min.js) stays the error
missing-file, and so do a misspelt or misplaced script of the project (js/chrats.js for js/charts.js) and any
missing script of a page whose own Qlik code is not there."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import HEAD, SIGNED_IN, write

from mashup_gen.checker import check_paths


def page(*scripts: str) -> str:
    tags = "".join(f'<script src="{src}"></script>\n' for src in scripts)
    return f"<!doctype html>\n<html><head>\n{HEAD}</head><body>\n{tags}</body></html>\n"


def found(root: Path, files: dict[str, str]) -> list[tuple[str, str, int | None]]:
    write(root, files)
    return [
        (f.rule, f.severity.value, f.line)
        for f in check_paths([str(root)]).sorted()
        if f.rule in ("missing-file", "missing-asset")
    ]


@pytest.mark.parametrize("library", ["js/adminlte.js", "charts/pie.js", "demo.js", "vendor/jquery.vmap.brazil.js"])
def test_a_missing_ui_library_beside_working_qlik_code_is_a_warning(tmp_path: Path, library: str) -> None:
    files = {"index.html": page("js/mashup.js", library), "js/mashup.js": SIGNED_IN}
    assert found(tmp_path, files) == [("missing-asset", "warning", 7)]


@pytest.mark.parametrize("script", ["js/login.js", "js/authenticate_user.js", "config.js", "enigma.min.js"])
def test_a_missing_sign_in_settings_or_qlik_script_stays_an_error(tmp_path: Path, script: str) -> None:
    files = {"index.html": page("js/mashup.js", script), "js/mashup.js": SIGNED_IN}
    assert found(tmp_path, files) == [("missing-file", "error", 7)]


def test_a_missing_script_of_a_page_whose_qlik_code_is_missing_stays_an_error(tmp_path: Path) -> None:
    # js/widgets.js could be where the page's Qlik work went; a well-known drawing library (AmCharts, d3,
    # AdminLTE) never is (test_check_missing_drawing_library).
    files = {"index.html": page("js/mashup.js", "js/widgets.js"), "js/other.js": SIGNED_IN}
    assert found(tmp_path, files) == [("missing-file", "error", 6), ("missing-file", "error", 7)]


@pytest.mark.parametrize("script", ["js/chrats.js", "lib/charts.js"])
def test_a_misspelt_or_misplaced_own_script_stays_an_error(tmp_path: Path, script: str) -> None:
    # js/charts.js is the project's: a slip of the pen, or the right name under another folder, means it.
    files = {"index.html": page("js/mashup.js", script), "js/mashup.js": SIGNED_IN, "js/charts.js": "draw();\n"}
    assert found(tmp_path, files) == [("missing-file", "error", 7)]


def test_a_misplaced_script_of_a_page_with_nothing_of_qlik_stays_a_warning(tmp_path: Path) -> None:
    plain = '<!doctype html>\n<html><head>\n<script src="www/js/app.js"></script>\n</head></html>\n'
    files = {"www/index.html": plain, "www/js/app.js": "angular.module('shop', []);\n"}
    assert found(tmp_path, files) == [("missing-asset", "warning", 3)]
