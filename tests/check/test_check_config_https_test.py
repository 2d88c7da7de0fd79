"""config-from-location claims the capability config points at the page's own server. ``isSecure:
location.protocol === 'https:'`` beside the tenant's own host is true on every site served over HTTPS, where a
deployed page is: no finding. Taking the host from the location, or isSecure as anything else from it, still is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, HEAD, ID, TENANT, page, signed_in, write


def from_location(root: Path) -> list[int]:
    return [f.line or 0 for f in check_paths([str(root)]).findings if f.rule == "config-from-location"]


def mashup(host: str, secure: str) -> str:
    code = (
        f"var config = {{ host: {host}, prefix: '/', port: 443, isSecure: {secure}, webIntegrationId: '{ID}' }};\n"
        f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
        f'require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}", config); }});\n'
    )
    return page(HEAD, "", signed_in(code))


@pytest.mark.parametrize("secure", ["window.location.protocol === 'https:'", 'location.protocol == "https:"'])
def test_an_https_test_beside_the_tenant_host(tmp_path: Path, secure: str) -> None:
    write(tmp_path, {"index.html": mashup(f"'{TENANT}'", secure)})
    assert from_location(tmp_path) == []


@pytest.mark.parametrize(
    ("host", "secure"),
    [("window.location.hostname", "window.location.protocol === 'https:'"), (f"'{TENANT}'", "location.protocol")],
    ids=["host from the location", "isSecure the protocol itself"],
)
def test_still_from_the_location(tmp_path: Path, host: str, secure: str) -> None:
    write(tmp_path, {"index.html": mashup(host, secure)})
    assert from_location(tmp_path) != []
