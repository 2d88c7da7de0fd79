"""qlik-embed's loader defines the <qlik-embed> element and no JavaScript global for pages to call:
``window.qlikEmbed.connect()`` or ``window.QlikEmbed.config({...})`` throws, and the sign-in or token hand-over it
stands for never happens. A project that sets such a global itself, or a commented-out call, is silent."""

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


def calls(folder: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(folder)]).sorted() if f.rule == "embed-no-such-api"]


def project(tmp_path: Path, script: str) -> Path:
    page = (
        f"<!doctype html>\n<html><head>\n{LOADER}\n</head><body>\n"
        f'<qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed>\n<script src="app.js"></script>\n</body></html>\n'
    )
    return write(tmp_path, {"index.html": page, "app.js": script})


@pytest.mark.parametrize(
    "call",
    [
        "const auth = window.qlikEmbed.connect();\nauth.on('authenticated', () => {});\n",
        "window.QlikEmbed.config({ host: 'x', authType: 'oauth2', accessToken: token });\n",
    ],
)
def test_a_call_of_a_qlik_embed_global_that_does_not_exist_is_reported(tmp_path: Path, call: str) -> None:
    assert calls(project(tmp_path, "const token = sessionStorage.getItem('t');\n" + call)) == [("app.js", 2)]


def test_a_global_the_project_sets_or_a_commented_out_call_is_silent(tmp_path: Path) -> None:
    own = "window.qlikEmbed = { connect() { return { on() {} }; } };\nwindow.qlikEmbed.connect();\n"
    assert calls(project(tmp_path / "own", own)) == []
    assert calls(project(tmp_path / "comment", "// window.qlikEmbed.connect();\n")) == []
