"""A server's HTTP client options for a client-managed Qlik Sense site (``request.defaults({host, isSecure,
cert, key})``) carry the exported certificates: they are no capability API config, and are not judged for a
web integration id (the certificates are the client-managed finding there). A page's config with the same
host keys but no certificates still is."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

SERVER = """var fs = require('fs');
var request = require('request');
var qrs = request.defaults({
  rejectUnauthorized: false,
  host: 'sense.corp.example',
  isSecure: true,
  cert: fs.readFileSync('./certs/client.pem'),
  key: fs.readFileSync('./certs/client_key.pem'),
});
module.exports = qrs;
"""
PAGE = """<!doctype html><html><body><script>
var config = { host: 'acme.eu.qlikcloud.com', prefix: '/', port: 443, isSecure: true };
require(['js/qlik'], function (qlik) { qlik.openApp('a', config); });
</script></body></html>
"""


def config_findings(path: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(path)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "config-no-id"]


def test_tls_client_options_are_no_capability_config(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"request": "^2.88.0"}}')
    (tmp_path / "qrs.js").write_text(SERVER)
    assert config_findings(tmp_path) == []


def test_a_capability_config_without_the_id_is_still_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    assert config_findings(tmp_path) == [("config-no-id", "index.html", 2)]
