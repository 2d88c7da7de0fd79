"""missing-file in server templates kept as .html (a MkDocs or Flask theme: ``{% extends "base.html" %}``): the
page such a file renders is served at a route, so its relative paths resolve there, not beside the file."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

TEMPLATE = '{% extends "base.html" %}\n{% block extrahead %}\n<link rel="stylesheet" href="{href}">\n{% endblock %}\n'


def missing(path: Path) -> list[tuple[str, int | None]]:
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted() if f.rule == "missing-file"]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_templates_relative_path_is_found_where_the_project_serves_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": "{}",
            "templates/page.html": TEMPLATE.replace("{href}", "css/site.css"),
            "static/css/site.css": "",
        },
    )
    assert missing(tmp_path) == []


def test_a_templates_relative_path_that_climbs_out_of_its_project_is_not_judged(tmp_path: Path) -> None:
    # theme/ is a project of its own (a page, a package.json); the pages it renders live in docs/.
    write(
        tmp_path,
        {
            "theme/package.json": "{}",
            "theme/main.html": TEMPLATE.replace("{href}", "../stylesheets/pricing.css"),
            "docs/stylesheets/pricing.css": "",
        },
    )
    assert missing(tmp_path / "theme") == []


def test_a_file_no_folder_holds_is_still_missing_from_a_template(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": "{}",
            "templates/page.html": TEMPLATE.replace("{href}", "css/nowhere.css"),
            "static/css/site.css": "",
        },
    )
    assert missing(tmp_path) == [("page.html", 3)]


def test_a_plain_page_still_resolves_beside_itself(tmp_path: Path) -> None:
    # No template statement: a static page is served from its folder, so a file elsewhere does not answer.
    write(tmp_path, {"index.html": '<link rel="stylesheet" href="css/site.css">\n', "static/css/site.css": ""})
    assert missing(tmp_path) == [("index.html", 1)]
