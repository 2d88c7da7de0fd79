"""The redirect URI names a page that loads qlik-embed's loader (index.js) instead of Qlik's OAuth callback
script, with no element to sign in for: the line to change is that page's script tag, so embed-redirect-no-file
points there, not at the main page's redirect URI. A callback page loading the callback script stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CDN = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist"
MAIN = (
    "<!doctype html><html><head>\n"
    f'<script crossorigin="anonymous" src="{CDN}/index.js" data-host="https://{TENANT}"\n'
    '  data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789abcdef"\n'
    '  data-redirect-uri="https://www.example.org/callback.html"></script>\n'
    f'</head><body><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed></body></html>\n'
)


def _callback(file: str) -> str:
    return (
        "<!doctype html><html><head>\n<title>Signing in</title>\n"
        f'<script crossorigin="anonymous" src="{CDN}/{file}" data-host="https://{TENANT}"></script>\n'
        "</head><body></body></html>\n"
    )


def _found(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "embed-redirect-no-file"]


@pytest.mark.parametrize(("file", "expected"), [("index.js", [("callback.html", 3)]), ("oauth-callback.js", [])])
def test_a_redirect_page_loading_the_loader(tmp_path: Path, file: str, expected: list) -> None:
    write(tmp_path, {"index.html": MAIN, "callback.html": _callback(file)})
    assert _found(tmp_path) == expected
