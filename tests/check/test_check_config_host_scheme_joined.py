"""The capability API's config object given a host built with a scheme in front (``host: "https://" +
cfg.host``, ``host: `https://${TENANT}```): the capability API writes the scheme itself (isSecure), so it asks
for https://https://..., and openApp fails. config-contradicts-tenant at the host's value. A host built without
a scheme, or read as it is, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, LOGIN, TENANT, write

MASHUP = (
    f'var cfg = {{ host: "{TENANT}", webIntegrationId: "{ID}" }};\n'
    "var config = { host: HOST, prefix: '/', port: 443, isSecure: true, webIntegrationId: cfg.webIntegrationId };\n"
    f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
    f'require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}", config); }});\n'
)
HEAD = f'<script src="https://{TENANT}/resources/assets/external/requirejs/require.js"></script>\n'


def contradicts(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "config-contradicts-tenant"]


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ('"https://" + cfg.host', [("main.js", 2)]),
        ("`https://${cfg.host}`", [("main.js", 2)]),
        ("cfg.host", []),
        ('cfg.host + ""', []),
    ],
    ids=["joined", "template", "as-it-is", "joined-without-scheme"],
)
def test_a_host_built_with_a_scheme(tmp_path: Path, host: str, expected: list) -> None:
    page = f"<!doctype html><html><head>\n{HEAD}</head><body><script src='main.js'></script></body></html>\n"
    files = {"index.html": page, "main.js": LOGIN + MASHUP.replace("HOST", host)}
    assert contradicts(write(tmp_path, files)) == [(n, line + LOGIN.count("\n")) for n, line in expected]
