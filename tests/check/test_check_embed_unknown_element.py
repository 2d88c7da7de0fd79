"""A <qlik-...> element other than <qlik-embed> (``<qlik-app>``, ``document.createElement('qlik-chart')``) is
defined by no Qlik library: the browser shows an empty unknown element. The project's own elements (a custom
element it defines, an Angular selector, a component named after it) and <qlik-embed> are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

LOADER = (
    '<script crossorigin="anonymous" type="application/javascript" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js" '
    f'data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789abcdef" '
    'data-redirect-uri="https://www.example.com/oauth-callback.html" data-access-token-storage="session"></script>'
)


def unknown(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "embed-unknown-element"]


def page(body: str) -> str:
    return f"<!doctype html>\n<html><head>\n{LOADER}\n</head><body>\n{body}\n</body></html>\n"


@pytest.mark.parametrize(
    "body",
    [
        f'<qlik-app app-id="{APP}" sheet-id="abc"></qlik-app>',
        "<div id='c'></div>\n<script>\nconst el = document.createElement('qlik-chart');\n"
        "document.getElementById('c').appendChild(el);\n</script>",
    ],
)
def test_a_qlik_element_no_library_defines_is_reported(tmp_path: Path, body: str) -> None:
    assert unknown(write(tmp_path, {"index.html": page(body)})) == [("index.html", 5 if "qlik-app" in body else 7)]


def test_qlik_embed_and_the_projects_own_elements_are_silent(tmp_path: Path) -> None:
    body = (
        f'<qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed>\n<qlik-kpi value="3"></qlik-kpi>\n'
        "<script src='kpi.js'></script>"
    )
    kpi = "class QlikKpi extends HTMLElement {}\ncustomElements.define('qlik-kpi', QlikKpi);\n"
    assert unknown(write(tmp_path, {"index.html": page(body), "kpi.js": kpi})) == []
