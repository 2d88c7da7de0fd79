"""missing-file is about the page's Qlik integration: a missing script of a page that works with Qlik (the loader,
the sign-in, the code that opens the app) is an error; a missing stylesheet (styling) or a script of a page that
runs nothing of Qlik (a vendored library's demo page copied into the project) is a warning, ``missing-asset``.
A build's template (HtmlWebpackPlugin's ``.ejs``) is written into the build's output folder, so its relative
paths are not judged beside the template."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import HEAD, page, write


def found(root: Path) -> list[tuple[str, str, int | None]]:
    return [
        (f.rule, f.severity.value, f.line)
        for f in check_paths([str(root)]).sorted()
        if f.rule in ("missing-file", "missing-asset")
    ]


DEMO_PAGE = (
    "<!doctype html>\n<html><head>\n"
    '<link rel="stylesheet" href="../css/grid.css">\n'
    "</head><body>\n"
    '<script src="../src/grid.core.js"></script>\n'
    '<div id="grid"></div>\n<script>\n$("#grid").grid({ data: [1, 2, 3] });\n</script>\n'
    "</body></html>\n"
)


def test_a_vendored_demo_page_with_nothing_of_qlik_is_no_error(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "plugins/grid/demos/basic.html": DEMO_PAGE})
    assert found(tmp_path) == [("missing-asset", "warning", 3), ("missing-asset", "warning", 5)]


def test_a_missing_script_of_a_qlik_page_is_still_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(body='<script src="js/login.js"></script>\n')})
    assert found(tmp_path) == [("missing-file", "error", 6)]


def test_a_missing_stylesheet_of_a_qlik_page_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(head=HEAD + '<link rel="stylesheet" href="css/site.css">\n')})
    assert found(tmp_path) == [("missing-asset", "warning", 5)]


def test_a_missing_qlik_library_is_an_error_even_on_a_page_without_other_code(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": '<!doctype html>\n<script src="enigma.min.js"></script>\n'})
    assert found(tmp_path) == [("missing-file", "error", 2)]


def test_a_page_whose_own_code_is_all_missing_counts_as_qlik_when_the_project_is(tmp_path: Path) -> None:
    # The page's only script is missing: it may be the one that opens the app, and the project works with Qlik.
    write(
        tmp_path,
        {
            "index.html": '<!doctype html>\n<div id="app"></div>\n<script src="js/app.js"></script>\n',
            "js/qlik.js": "const session = enigma.create({ schema, url });\n",
        },
    )
    assert found(tmp_path) == [("missing-file", "error", 3)]


def test_an_html_webpack_plugin_template_is_not_judged_beside_itself(tmp_path: Path) -> None:
    template = (
        "<!doctype html>\n<title><%= htmlWebpackPlugin.options.title %></title>\n"
        '<script src="jquery.min.js"></script>\n'
    )
    write(
        tmp_path,
        {
            "src/html/index.ejs": template,
            "src/js/index.js": "enigma.create({ schema, url: 'wss://acme.eu.qlikcloud.com/app/x' });\n",
        },
    )
    assert found(tmp_path) == []
