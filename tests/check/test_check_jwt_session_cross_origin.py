"""jwt-session-cross-origin: the browser's POST of its JWT to the tenant's /login/jwt-session is a cross-origin
request: without credentials: 'include' the browser drops the session cookie Qlik answers with, and without the
web integration id (header or parameter) the tenant does not accept the page's origin. No credentials at all
is jwt-session-request's finding; this rule reports a credentials value other than 'include'. The documented request,
and a POST to the page's own origin (a proxy), stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

SCRIPT = """const base = 'https://%s';
export async function signIn(token) {
  const r = await fetch(%s, {
    method: 'POST',
    mode: 'cors',%s
    headers: {
      Authorization: `Bearer ${token}`,%s
    },
  });
  return r.ok;
}
"""
URL = "`${base}/login/jwt-session`"
CREDENTIALS = "\n    credentials: 'include',"
HEADER = f"\n      'qlik-web-integration-id': '{ID}',"


def errors(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "jwt-session-cross-origin"]


def project(root: Path, url: str, credentials: str, header: str) -> Path:
    page = '<!doctype html><html><body><script type="module" src="login.js"></script></body></html>\n'
    return write(root, {"index.html": page, "login.js": SCRIPT % (TENANT, url, credentials, header)})


@pytest.mark.parametrize(
    ("credentials", "header", "lines"),
    [(CREDENTIALS, "", [7]), ("\n    credentials: 'same-origin',", HEADER, [6])],
    ids=["no-web-integration-id", "same-origin-credentials"],
)
def test_a_jwt_session_post_without_what_it_needs_is_reported(
    tmp_path: Path, credentials: str, header: str, lines: list[int]
) -> None:
    assert errors(project(tmp_path, URL, credentials, header)) == [("login.js", n) for n in lines]


def test_no_credentials_at_all_is_left_to_jwt_session_request(tmp_path: Path) -> None:
    found = check_paths([str(project(tmp_path, URL, "", HEADER))]).sorted()
    assert [f.rule for f in found if f.rule.startswith("jwt-session-") and f.severity.value == "error"] == [
        "jwt-session-request"
    ]


def test_the_documented_request_and_one_to_the_pages_own_origin_are_silent(tmp_path: Path) -> None:
    assert errors(project(tmp_path / "a", URL, CREDENTIALS, HEADER)) == []
    with_parameter = f"`${{base}}/login/jwt-session?qlik-web-integration-id={ID}`"
    assert errors(project(tmp_path / "b", with_parameter, CREDENTIALS, "")) == []
    assert errors(project(tmp_path / "c", "'/login/jwt-session'", "", "")) == []
