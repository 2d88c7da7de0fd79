"""A qlik-embed page whose script gives the elements their tenant at run time: setAttribute("host", ...) on an
element it makes, or the element's hostConfig property (qlik-embed's loader takes either before any page-wide
data-host). No markup writes the host, but the elements have one when they mount: no embed-no-host."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
PAGE = (
    f'<!doctype html><html><head>\n<script crossorigin="anonymous" src="{SRC}"></script>\n'
    '<script type="module" src="./main.js"></script>\n</head><body><div id="c"></div></body></html>\n'
)
MAKE = "const el = document.createElement('qlik-embed');\nel.setAttribute('ui', 'analytics/chart');\n"


def no_host(root: Path) -> list[str]:
    return [Path(f.path).name for f in check_paths([str(root)]).findings if f.rule == "embed-no-host" and f.path]


@pytest.mark.parametrize(
    "code",
    [
        MAKE + "el.setAttribute('host', cfg.host);\nel.setAttribute('client-id', cfg.clientId);\n",
        MAKE + f"el.hostConfig = {{ host: '{TENANT}', authType: 'Oauth2', clientId: cfg.clientId }};\n",
        "document.querySelector('script[src*=embed]').setAttribute('data-host', cfg.host);\n",
        MAKE + "el.dataset.qlikEmbedHost = cfg.host;\n",
    ],
    ids=["host attribute", "hostConfig property", "loader's data-host", "dataset"],
)
def test_a_host_set_by_the_page_script_is_a_host(tmp_path: Path, code: str) -> None:
    code = "const cfg = await (await fetch('/config')).json();\n" + code
    code += f"el.setAttribute('app-id', '{APP}');\ndocument.getElementById('c').append(el);\n"
    write(tmp_path, {"index.html": PAGE, "main.js": code})
    assert no_host(tmp_path) == []


def test_elements_made_without_any_host_are_still_an_error(tmp_path: Path) -> None:
    code = MAKE + f"el.setAttribute('app-id', '{APP}');\ndocument.getElementById('c').append(el);\n"
    write(tmp_path, {"index.html": PAGE, "main.js": code})
    assert no_host(tmp_path) == ["index.html"]


def test_a_host_set_on_another_element_is_no_host(tmp_path: Path) -> None:
    # <qlik-app> is no element qlik-embed defines: its host attribute configures nothing
    code = "const el = document.createElement('qlik-app');\nel.setAttribute('host', 'https://x.eu.qlikcloud.com');\n"
    write(tmp_path, {"index.html": PAGE, "main.js": code + "document.body.append(el);\n"})
    assert no_host(tmp_path) == ["index.html"]
