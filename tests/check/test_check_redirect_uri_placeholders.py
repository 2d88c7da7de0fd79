"""A redirect URI left as a template's placeholder (``data-redirect-uri="<WEB_APPLICATION_CALLBACK_PAGE>"`` on
qlik-embed's script tag, ``redirect-uri`` on an element, ``redirectUri: '<YOUR_REDIRECT_URI>'`` in a host
config) is never among the OAuth client's redirect URLs: Qlik refuses the sign-in. It is a ``placeholder``
like an unfilled tenant or client id; a real callback URL, or one built from the page's origin, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT

CLIENT = "0123456789abcdef0123456789abcdef"
LOADER = (
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
    f'index.js" data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="{CLIENT}"{{attrs}}></script>'
)
CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" type="application/javascript" '
    f'data-host="https://{TENANT}" src="https://cdn.jsdelivr.net/npm/@qlik/api@2.19.0/oauth-callback.iife.js">'
    "</script></head><body></body></html>\n"
)
HOST_CONFIG = (
    'import { auth } from "https://cdn.jsdelivr.net/npm/@qlik/api@2.19.0/index.js";\n'
    f'auth.setDefaultHostConfig({{ host: "{TENANT}", authType: "oauth2", clientId: "{CLIENT}", '
    "redirectUri: REDIRECT });\n"
)


def placeholders(root: Path) -> list[tuple[str, int, str]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line or 0, f.message) for f in found if f.rule == "placeholder"]


def embed_page(root: Path, loader_attrs: str, element_attrs: str = "") -> Path:
    (root / "index.html").write_text(
        f"<!doctype html><html><head>\n{LOADER.format(attrs=loader_attrs)}\n</head><body>\n"
        f'<qlik-embed ui="classic/app" app-id="{APP}"{element_attrs}></qlik-embed>\n</body></html>\n'
    )
    (root / "oauth-callback.html").write_text(CALLBACK)
    return root


@pytest.mark.parametrize(
    ("loader_attrs", "element_attrs"),
    [
        (' data-redirect-uri="<WEB_APPLICATION_CALLBACK_PAGE>"', ""),
        ("", ' redirect-uri="YOUR_REDIRECT_URI"'),
    ],
)
def test_a_placeholder_redirect_uri_on_the_page_is_reported(
    tmp_path: Path, loader_attrs: str, element_attrs: str
) -> None:
    found = placeholders(embed_page(tmp_path, loader_attrs, element_attrs))
    assert [(name, line) for name, line, message in found if "redirect URI" in message] == [
        ("index.html", 2 if loader_attrs else 4)
    ]


def test_a_placeholder_redirect_uri_in_a_host_config_is_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="app.js"></script>')
    (tmp_path / "app.js").write_text(HOST_CONFIG.replace("REDIRECT", '"<YOUR_REDIRECT_URI>"'))
    assert [(name, line) for name, line, _ in placeholders(tmp_path)] == [("app.js", 2)]


def test_a_real_redirect_uri_is_silent(tmp_path: Path) -> None:
    embed_page(tmp_path, ' data-redirect-uri="https://www.acme.org/oauth-callback.html"')
    (tmp_path / "app.js").write_text(HOST_CONFIG.replace("REDIRECT", 'window.location.origin + "/oauth-callback.html"'))
    assert placeholders(tmp_path) == []
