"""oauth-redirect-mismatch: a hand-written authorization-code sign-in must send the token request the very
redirect_uri the authorize request used. location.href on the callback page (it carries ?code=&state=), or
another path (/callback against /callback.html), makes Qlik Cloud answer invalid_grant. The same value in both,
or values built elsewhere, stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

OAUTH = """const tenant = 'https://acme.eu.qlikcloud.com';
export function login(clientId, challenge) {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: %s,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${tenant}/oauth/authorize?${q}`);
}
export function exchange(clientId, code, verifier) {
  return fetch(`${tenant}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      code_verifier: verifier,
      redirect_uri: %s,
    }),
  });
}
"""


def mismatches(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "oauth-redirect-mismatch"]


def project(root: Path, authorize: str, token: str) -> Path:
    page = '<!doctype html><html><body><script type="module" src="oauth.js"></script></body></html>\n'
    return write(root, {"index.html": page, "oauth.js": OAUTH % (authorize, token)})


@pytest.mark.parametrize(
    ("authorize", "token"),
    [
        ("location.origin + location.pathname", "location.href"),
        ("`${window.location.origin}/callback.html`", "`${window.location.origin}/callback`"),
        ("window.location.origin + '/callback.html'", "window.location.origin + '/callback'"),
    ],
    ids=["whole-address", "template-path", "concatenated-path"],
)
def test_a_token_request_with_another_redirect_uri_is_reported(tmp_path: Path, authorize: str, token: str) -> None:
    assert mismatches(project(tmp_path, authorize, token)) == [("oauth.js", 21)]


@pytest.mark.parametrize(
    ("authorize", "token"),
    [
        ("`${window.location.origin}/callback.html`", "`${location.origin}/callback.html`"),
        ("REDIRECT_URI", "REDIRECT_URI"),
        ("config.redirectUri", "sessionStorage.getItem('redirect')"),
    ],
    ids=["same-path", "same-constant", "computed"],
)
def test_the_same_redirect_uri_or_a_computed_one_is_silent(tmp_path: Path, authorize: str, token: str) -> None:
    assert mismatches(project(tmp_path, authorize, token)) == []
