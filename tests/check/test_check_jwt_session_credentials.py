"""The browser's POST of a JWT to the tenant's /login/jwt-session without ``credentials: 'include'``: a
cross-origin fetch keeps no cookie from the answer unless it asks for credentials, so the tenant's session cookie
is dropped and every later request is signed out. jwt-session-request (an error) at the URL. The same request
with credentials, one to the page's own origin (a proxy), or one made by server code is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

SIGN_IN = """async function signIn(jwt) {
  const res = await fetch(URL, {
    method: 'POST',
    mode: 'cors',
    OPTIONS
    headers: { Authorization: `Bearer ${jwt}`, 'qlik-web-integration-id': WID },
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
}
fetch('/token').then((r) => r.json()).then((body) => signIn(body.token));
"""


def session_requests(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "jwt-session-request"]


@pytest.mark.parametrize(
    ("url", "options", "expected"),
    [
        (f"`https://{TENANT}/login/jwt-session?qlik-web-integration-id={ID}`", "", [("signin.js", 2)]),
        (f"'https://' + '{TENANT}' + '/login/jwt-session'", "", [("signin.js", 2)]),
        (f"`https://{TENANT}/login/jwt-session`", "credentials: 'include',", []),
        ("'/login/jwt-session'", "", []),
    ],
    ids=["template", "joined", "with-credentials", "own-origin"],
)
def test_browser_jwt_session_post(tmp_path: Path, url: str, options: str, expected: list) -> None:
    script = SIGN_IN.replace("URL", url).replace("OPTIONS", options).replace("WID", f"'{ID}'")
    files = {
        "public/index.html": '<!doctype html><html><body><script src="signin.js"></script></body></html>\n',
        "public/signin.js": script,
    }
    assert session_requests(write(tmp_path, files)) == expected
