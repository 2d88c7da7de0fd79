"""A REST request's headers set after the options were declared (``headers['qlik-csrf-token'] = token`` once the
token is fetched, ``headers.set(...)``) travel with the request: no false rest-no-csrf. A request whose headers
never get the token is still reported."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script type="module" src="app.js"></script></body></html>\n'
CODE = """const tenant = 'acme.eu.qlikcloud.com';
const webIntegrationId = 'Xk3pQ9rT_aZ7bN2cXk3pQ9rT_aZ7bN2c';

async function me() {
  const r = await fetch(`https://${tenant}/api/v1/users/me`,
    { credentials: 'include', headers: { 'qlik-web-integration-id': webIntegrationId } });
  if (r.status === 401) {
    window.location.href = `https://${tenant}/login?qlik-web-integration-id=${webIntegrationId}&returnto=${location.href}`;
  }
}

export async function reload(appId) {
  await me();
  const headers = { 'qlik-web-integration-id': webIntegrationId, 'Content-Type': 'application/json' };
  const csrf = await fetch(`https://${tenant}/api/v1/csrf-token`, { credentials: 'include', headers });
  headers['qlik-csrf-token'] = csrf.headers.get('qlik-csrf-token');
  return fetch(`https://${tenant}/api/v1/reloads`, { method: 'POST', credentials: 'include', headers, body: '{}' });
}
"""


def rest_errors(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule.startswith("rest-")]


def test_a_header_set_later_travels_with_the_request(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "app.js").write_text(CODE)
    assert rest_errors(tmp_path) == []


def test_a_request_that_never_gets_the_token_is_still_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "app.js").write_text(
        CODE.replace("  headers['qlik-csrf-token'] = csrf.headers.get('qlik-csrf-token');\n", "")
    )
    assert rest_errors(tmp_path) == [("rest-no-csrf", 16)]
