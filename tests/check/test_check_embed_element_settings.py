"""qlik-embed reads each element's own attributes before any page-wide setting (the loader turns every attribute
of ``<qlik-embed>`` into a prop, then fills what is missing from ancestors, ``<meta>`` and the script tag): a
``host``, a named ``host-config`` or one written as JSON (``host-config:json``) on every element is the tenant,
and ``client-id``/``redirect-uri`` there are the sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

LOADER = '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"{attrs}></script>'
REGISTER = (
    '<script type="module">import { auth } from "https://cdn.jsdelivr.net/npm/@qlik/api@2.19.0/index.js";\n'
    f'auth.registerHostConfig("acme", {{ host: "https://{TENANT}", clientId: "0123456789abcdef0123456789abcdef", '
    'redirectUri: "https://www.example.org/index.html" });</script>\n'
)


def page(loader_attrs: str, element_attrs: str, extra: str = "") -> str:
    return (
        f"<!doctype html><html><head>\n{LOADER.format(attrs=loader_attrs)}\n{extra}</head><body>\n"
        f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE" {element_attrs}></qlik-embed>\n'
        "</body></html>\n"
    )


def errors(root: Path) -> list[str]:
    return sorted(f.rule for f in check_paths([str(root)]).findings if f.severity.value == "error")


OWN_SIGN_IN = (
    f'host="https://{TENANT}" auth-type="Oauth2" client-id="0123456789abcdef0123456789abcdef" '
    'redirect-uri="https://www.example.org/index.html"'
)


OWN_HOST_CONFIG = (
    f'host-config:json=\'{{"host": "https://{TENANT}", "authType": "Oauth2", '
    '"clientId": "0123456789abcdef0123456789abcdef", "redirectUri": "https://www.example.org/index.html"}\''
)


@pytest.mark.parametrize(
    ("element_attrs", "extra"),
    [(OWN_SIGN_IN, ""), ('host-config="acme"', REGISTER), (OWN_HOST_CONFIG, "")],
    ids=["the element's own host and client", "a registered host config", "its own host config as JSON"],
)
def test_settings_on_the_element_are_read(tmp_path: Path, element_attrs: str, extra: str) -> None:
    write(tmp_path, {"index.html": page("", element_attrs, extra)})
    assert errors(tmp_path) == []


def test_no_host_anywhere_is_still_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page("", 'client-id="0123456789abcdef0123456789abcdef"')})
    assert errors(tmp_path) == ["embed-no-host"]
