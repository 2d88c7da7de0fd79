"""A client-managed URL built in pieces still names the service: the QRS path before a substitution
(`/qrs${path}`), the xrfkey parameter after a separator the code chooses (`${sep}xrfkey=`, `sep + 'xrfkey='`).
The request is reported where the URL is written, not at the certificate files beside it; a project file
named after the service (`require('./qrs')`) is no request."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

TEMPLATE = """const fs = require('fs');
function certs() {
  return { key: fs.readFileSync('certs/client_key.pem') };
}
function call(route) {
  const sep = route.includes('?') ? '&' : '?';
  return https.request({ host: cfg.host, path: `/qrs${route}${sep}xrfkey=${KEY}`, ...certs() });
}
"""

CONCATENATED = """function get(route) {
  var sep = route.indexOf('?') === -1 ? '?' : '&';
  return fetch(base + route + sep + 'xrfkey=' + cfg.xrfkey, { credentials: 'include' });
}
"""

CLOUD = """const { items } = require('./qrs');
function call(route) {
  const sep = route.includes('?') ? '&' : '?';
  return fetch(`https://${host}/api/v1${route}${sep}limit=100`, { headers: { Authorization: `Bearer ${key}` } });
}
"""


def findings(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "client-managed-api"]


def test_a_templated_qrs_path_is_reported_at_the_url_not_the_certificates(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "qrs.js").write_text(TEMPLATE)
    assert findings(tmp_path) == [("qrs.js", 7)]


def test_an_xrfkey_parameter_concatenated_after_a_separator_is_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "repo.js").write_text(CONCATENATED)
    assert findings(tmp_path) == [("repo.js", 3)]


def test_a_cloud_url_built_the_same_way_and_a_module_named_qrs_stay_silent(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "apps.js").write_text(CLOUD)
    (tmp_path / "qrs.js").write_text("module.exports = { items: [] };\n")
    assert findings(tmp_path) == []


def test_a_controller_route_named_after_the_service_is_no_request(tmp_path: Path) -> None:
    """``@controller('/qrs')`` names the route the project's own server answers; its request is elsewhere."""
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "QrsController.ts").write_text(
        "@controller('/qrs')\nexport class QrsController {\n  list() { return this.client.get('/apps'); }\n}\n"
    )
    assert findings(tmp_path) == []
