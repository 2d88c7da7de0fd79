"""An OAuth callback page that runs Qlik's callback script and also leaves by itself (``location.replace(...)``
on a timer, ``location.href = ...``, ``window.location = ...``, a meta refresh) can cut the code-for-token
exchange off and sends users to a fixed page: the warning ``embed-callback-navigates``. Qlik's own callback page
(the script tag alone), or one that only shows a message, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT

CLIENT = "0123456789abcdef0123456789abcdef"
INDEX = (
    "<!doctype html><html><head>\n"
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
    f'index.js" data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="{CLIENT}" '
    'data-redirect-uri="https://www.acme.org/oauth-callback.html"></script>\n'
    f'</head><body><qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed></body></html>\n'
)
CALLBACK = (
    "<!doctype html><html><head>\n"
    '<script crossorigin="anonymous" type="application/javascript" '
    f'data-host="https://{TENANT}" src="https://cdn.jsdelivr.net/npm/@qlik/api@2.19.0/oauth-callback.iife.js">'
    "</script>\n{head}</head><body><p>Signing in...</p>\n{body}</body></html>\n"
)


def warnings(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line or 0) for f in found if f.rule == "embed-callback-navigates"]


def write(root: Path, head: str = "", body: str = "") -> Path:
    (root / "index.html").write_text(INDEX)
    (root / "oauth-callback.html").write_text(CALLBACK.format(head=head, body=body))
    return root


@pytest.mark.parametrize(
    ("head", "body", "line"),
    [
        ("", '<script>\nsetTimeout(() => location.replace("/index.html"), 800);\n</script>\n', 5),
        ("", '<script>\nwindow.location.href = "https://www.acme.org/index.html";\n</script>\n', 5),
        ("", '<script src="back.js"></script>\n', 1),
        ('<meta http-equiv="refresh" content="2;url=/index.html">\n', "", 3),
    ],
)
def test_a_callback_page_that_leaves_by_itself_is_warned(tmp_path: Path, head: str, body: str, line: int) -> None:
    (tmp_path / "back.js").write_text('window.location = "/index.html";\n')
    expected = ("back.js" if "back.js" in body else "oauth-callback.html", line)
    assert warnings(write(tmp_path, head, body)) == [expected]


@pytest.mark.parametrize(
    "body", ["", '<script>\ndocument.title = "Signing in";\nconsole.log(location.href);\n</script>\n']
)
def test_a_callback_page_left_to_qliks_script_is_silent(tmp_path: Path, body: str) -> None:
    assert warnings(write(tmp_path, body=body)) == []
