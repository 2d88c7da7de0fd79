"""A page's <qlik-embed> elements need the package loaded, but not necessarily by a script tag of that page's
own markup: a module the page loads may import it from npm through other modules (the bundler puts it into the
page's script), and a fragment of HTML that another page mounts (jQuery's .load, a router's view) runs in the
page that loads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

ELEMENT = f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>'
LOADER = (
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
    f'index.js"\n  data-host="https://{TENANT}" data-web-integration-id="{ID}"></script>'
)
PACKAGE = '{"name": "x", "dependencies": {"@qlik/embed-web-components": "1.6.0"}, "devDependencies": {"vite": "5"}}'


def not_loaded(root: Path) -> list[str]:
    return [f.path.rsplit("/", 1)[-1] for f in check_paths([str(root)]).findings if f.rule == "embed-not-loaded"]


def test_imported_by_a_module_of_a_module(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": f'<!doctype html><html><head><script type="module" src="/src/main.js"></script></head>'
            f"<body>{ELEMENT}</body></html>",
            "src/main.js": 'import "./qlik.js";\n',
            "src/qlik.js": 'import "@qlik/embed-web-components";\n',
            "package.json": PACKAGE,
        },
    )
    assert not_loaded(tmp_path) == []


def test_a_fragment_mounted_by_the_loading_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": f'<!doctype html><html><head>{LOADER}</head><body><div id="view"></div>\n'
            '<script>fetch("views/chart.html").then((r) => r.text()).then((t) => { view.innerHTML = t; });'
            "</script></body></html>",
            "views/chart.html": f'<div class="chart">\n  {ELEMENT}\n</div>\n',
        },
    )
    assert not_loaded(tmp_path) == []


def test_a_whole_page_without_the_loader(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": f"<!doctype html><html><head>{LOADER}</head><body>{ELEMENT}</body></html>",
            "other.html": f"<!doctype html><html><head></head><body>{ELEMENT}</body></html>",
        },
    )
    assert not_loaded(tmp_path) == ["other.html"]


INJECT = """<script>
const s = document.createElement("script");
s.src = "%s";
s.setAttribute("data-host", "https://acme.eu.qlikcloud.com");
s.setAttribute("data-web-integration-id", "abcdefghijABCDEFGHIJ0123456789_-");
document.head.appendChild(s);
</script>"""


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components", []),
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1", []),
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.min.js", []),
        ("https://cdn.jsdelivr.net/npm/some-other-package", ["index.html"]),
    ],
)
def test_added_by_the_pages_script(tmp_path: Path, src: str, expected: list[str]) -> None:
    write(tmp_path, {"index.html": f"<!doctype html><html><head></head><body>{ELEMENT}\n{INJECT % src}</body></html>"})
    assert not_loaded(tmp_path) == expected
