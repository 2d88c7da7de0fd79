"""config-contradicts-tenant: ``port: ""`` in a capability config object (what a Dev Hub template's
window.location.port is on 443) writes no port into the capability API's URLs, so https:// goes to 443: the
tenant's own port. A port that is another number is still a contradiction, and over plain http the isSecure
value is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, page, signed_in

CONFIG = (
    'var config = {{ host: "{tenant}", prefix: "/", port: {port}, isSecure: {secure}, webIntegrationId: "{id}" }};\n'
    'require.config({{ baseUrl: "https://{tenant}/resources", webIntegrationId: "{id}" }});\n'
    'require(["js/qlik"], function (qlik) {{ qlik.openApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", config); }});\n'
)


@pytest.mark.parametrize(
    ("port", "secure", "expected"),
    [
        ('""', "true", []),
        ("443", "true", []),
        ('"4848"', "true", ["port"]),
        ('""', "false", ["isSecure"]),
    ],
    ids=["empty port over https", "443", "another port", "empty port over http"],
)
def test_an_empty_port_is_the_schemes_own(tmp_path: Path, port: str, secure: str, expected: list[str]) -> None:
    code = CONFIG.format(tenant=TENANT, id=ID, port=port, secure=secure)
    (tmp_path / "index.html").write_text(page(script=signed_in(code)))
    found = [
        f.message.split(" ", 1)[0]
        for f in check_paths([str(tmp_path)]).findings
        if f.rule == "config-contradicts-tenant"
    ]
    assert found == expected
