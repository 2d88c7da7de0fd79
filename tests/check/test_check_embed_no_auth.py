"""A qlik-embed page that says nothing about signing in: @qlik/api's determineAuthType then picks "cookie" for a
Qlik Cloud host (clientId would make it oauth2, webIntegrationId cookie with an id, accessCode anonymous), so the
page uses the tenant's cookie without a web integration id, which the tenant refuses from another origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"


def page(attrs: str, script: str = "") -> str:
    return (
        f'<!doctype html><html><head>\n<script crossorigin="anonymous" src="{SRC}"\n  {attrs}></script>\n'
        f'</head><body>\n<qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed>\n{script}</body></html>\n'
    )


def no_auth(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).findings if f.rule == "embed-no-auth"]


def test_a_host_and_nothing_else(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(f'data-host="https://{TENANT}"')})
    assert no_auth(tmp_path) == [3]


@pytest.mark.parametrize(
    ("attrs", "script"),
    [
        (f'data-host="https://{TENANT}" data-web-integration-id="{ID}"', ""),
        (f'data-host="https://{TENANT}" data-client-id="0123456789abcdef0123456789abcdef"', ""),
        (f'data-host="https://{TENANT}" data-auth-type="cookie" data-web-integration-id="{ID}"', ""),
        # the page's own script finishes the configuration
        (
            f'data-host="https://{TENANT}"',
            "<script>document.querySelector('qlik-embed').setAttribute('client-id', window.CLIENT);</script>\n",
        ),
        # a client-managed server's default is its Windows cookie: another rule's matter
        ('data-host="https://sense.example.org/jwt"', ""),
    ],
    ids=["web integration id", "client id", "cookie with its id", "set by the page's script", "not Qlik Cloud"],
)
def test_a_sign_in_is_configured(tmp_path: Path, attrs: str, script: str) -> None:
    write(tmp_path, {"index.html": page(attrs, script)})
    assert no_auth(tmp_path) == []


def test_a_made_up_configuration_call_is_no_sign_in(tmp_path: Path) -> None:
    # qlik-embed reads attributes (and host configs given to @qlik/api), not a QlikEmbed.config() call
    script = (
        "<script>\nwindow.QlikEmbed.config({ host: 'https://acme.eu.qlikcloud.com', authType: 'oauth2', "
        "accessToken: window.token });\n</script>\n"
    )
    write(tmp_path, {"index.html": page(f'data-host="https://{TENANT}" data-access-token-storage="session"', script)})
    assert no_auth(tmp_path) == [3]
