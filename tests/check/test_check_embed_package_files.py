"""A script tag (written, or added by the page's code) that loads a file @qlik/embed-web-components does not ship
(dist/qlik-embed.js): the CDN answers 404 and no <qlik-embed> mounts, so embed-not-loaded at that URL. The loader
(dist/index.js, index.min.js), the callback script and the package's main file (no path) are its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

BASE = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0"
ATTRS = f'data-host="https://{TENANT}" data-auth-type="cookie" data-web-integration-id="{ID}"'


def page(src: str) -> str:
    return (
        f'<!doctype html><html><head>\n<script crossorigin="anonymous" src="{src}" {ATTRS}></script>\n</head>'
        f'<body>\n<qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed>\n</body></html>\n'
    )


def not_loaded(root: Path) -> list[int]:
    return [f.line or 0 for f in check_paths([str(root)]).findings if f.rule == "embed-not-loaded"]


@pytest.mark.parametrize("path", ["/dist/index.js", "/dist/index.min.js", ""])
def test_the_package_files(tmp_path: Path, path: str) -> None:
    write(tmp_path, {"index.html": page(BASE + path)})
    assert not_loaded(tmp_path) == []


def test_a_file_the_package_does_not_ship(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(BASE + "/dist/qlik-embed.js")})
    assert not_loaded(tmp_path) == [2]


def test_a_file_the_page_code_adds(tmp_path: Path) -> None:
    code = (
        "const s = document.createElement('script');\n"
        f"s.src = '{BASE}/dist/qlik-embed.min.js';\ns.setAttribute('data-host', 'https://{TENANT}');\n"
        "document.head.appendChild(s);\n"
    )
    html = (
        '<!doctype html><html><head><script src="main.js"></script></head><body>'
        f'<qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed></body></html>\n'
    )
    write(tmp_path, {"index.html": html, "main.js": code})
    assert 2 in not_loaded(tmp_path)
