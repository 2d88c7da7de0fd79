"""Server code whose Qlik server is Qlik Sense Desktop (``senseUrl: "http://localhost:4848"``: a render service
opening ``/single`` pages in a headless browser, a proxy): moved to Qlik Cloud that server is the tenant, over
https. client-managed-api reports the URL where it is written; a tenant URL, or a Desktop fallback in a project
whose tenant is a Qlik Cloud one, says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

SERVER = """const express = require('express');
const { execFile } = require('child_process');
const app = express();
const config = {
  port: process.env.PORT || 1977,
  senseUrl: %s,
};
app.post('/image', (req, res) => {
  execFile('render', [config.senseUrl + '/single/?appid=' + req.query.app + '&obj=' + req.query.obj], () => {
    res.sendFile(__dirname + '/out.png');
  });
});
app.listen(config.port);
"""
MANIFEST = '{"name": "render-service", "dependencies": {"express": "^4.18.0"}}\\n'


def findings(folder: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(f.rule, Path(f.path).name, f.line) for f in found if f.rule == "client-managed-api"]


@pytest.mark.parametrize("url", ['"http://localhost:4848"', "'http://127.0.0.1:4848/'"])
def test_a_desktop_server_url_in_server_code_is_client_managed(tmp_path: Path, url: str) -> None:
    folder = write(tmp_path, {"server.js": SERVER % url, "package.json": MANIFEST})
    assert findings(folder) == [("client-managed-api", "server.js", 6)]


@pytest.mark.parametrize(
    "url",
    [f'"https://{TENANT}"', 'process.env.QLIK_URL || "http://localhost:4848"'],
    ids=["tenant", "fallback"],
)
def test_a_tenant_url_or_a_desktop_fallback_beside_a_tenant_is_silent(tmp_path: Path, url: str) -> None:
    files = {"server.js": SERVER % url, "package.json": MANIFEST, ".env": f"QLIK_URL=https://{TENANT}\n"}
    assert findings(write(tmp_path, files)) == []
