"""An empty ``app-id=""`` on ``<qlik-embed>`` is a value left out, unless the page's code fills it in at run
time (``el.setAttribute('app-id', ...)``, from the URL or a menu): then the attribute is a slot."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

LOADER = (
    '<script crossorigin="anonymous" type="application/javascript" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.2.0/dist/index.min.js" '
    'data-host="https://acme.eu.qlikcloud.com" data-client-id="0123456789abcdef0123456789abcdef" '
    'data-redirect-uri="https://app.example.com/index.html" data-auth-type="Oauth2"></script>\n'
)
PAGE = (
    f"<!doctype html><html><head>\n{LOADER}</head><body>\n"
    '<qlik-embed id="chart" ui="analytics/chart" app-id="" object-id="abcd"></qlik-embed>\n'
    '<script src="main.js"></script>\n</body></html>\n'
)
FILL = (
    "const app = new URLSearchParams(location.search).get('app');\n"
    "document.getElementById('chart').setAttribute('app-id', app || '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e');\n"
)


def placeholders(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "placeholder"]


def test_an_empty_app_id_nothing_fills_is_a_placeholder(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": "console.log('ready');\n"})
    assert placeholders(tmp_path) == [("index.html", 4)]


def test_an_empty_app_id_the_code_fills_is_a_slot(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": FILL})
    assert placeholders(tmp_path) == []
