"""A qlik-embed page's own Content-Security-Policy must let it load the tenant's /qlik-embed/main.js (script-src)
and call the tenant (connect-src, and wss:// for the engine when it shows elements); Qlik's callback script loads
main.js too. A policy allowing the tenant there stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "0123456789abcdef0123456789abcdef"
LOADER = (
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
    f'index.js" data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="{CLIENT}" '
    'data-redirect-uri="https://intranet.example.com/oauth-callback.html"></script>'
)
CALLBACK = (
    f'<script crossorigin="anonymous" data-host="https://{TENANT}" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js"></script>'
)


def _csp(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def _project(root: Path, main_policy: str, callback_policy: str) -> Path:
    return write(
        root,
        {
            "index.html": f"<!doctype html><html><head>\n{_csp(main_policy)}\n{LOADER}\n</head><body>\n"
            f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>\n</body></html>\n',
            "oauth-callback.html": f"<!doctype html><html><head>\n{_csp(callback_policy)}\n{CALLBACK}\n</head>"
            "<body></body></html>\n",
        },
    )


def _csp_errors(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "csp-blocks-tenant"]


SELF_CDN = "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net"
ALLOWED = (
    f"default-src 'self'; script-src 'self' https://cdn.jsdelivr.net https://{TENANT}; "
    f"connect-src 'self' https://{TENANT} wss://{TENANT}"
)


@pytest.mark.parametrize(
    ("main_policy", "callback_policy", "expected"),
    [
        (
            SELF_CDN,
            SELF_CDN + f"; connect-src 'self' https://{TENANT}",
            [("index.html", 2), ("oauth-callback.html", 2)],
        ),
        (ALLOWED, ALLOWED, []),
    ],
)
def test_an_embed_page_policy_must_allow_the_tenant(
    tmp_path: Path, main_policy: str, callback_policy: str, expected: list
) -> None:
    _project(tmp_path, main_policy, callback_policy)
    assert _csp_errors(tmp_path) == expected
