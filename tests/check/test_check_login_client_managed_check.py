"""login-missing: a page whose own session check asks a client-managed server (isLoggedIn() fetching the QRS's
/qrs/about through a JWT virtual proxy, the proxy's /qps/user) does check a session, on a server Qlik Cloud
replaces: the finding is that check, not "no session check anywhere" at the line loading js/qlik. A /qrs/about
call in a function that checks nothing is no session check, and a page with none is reported where js/qlik
loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

MASHUP = """var config = { host: "qserver", prefix: "/jwt/", port: 443, isSecure: true };
require.config({ baseUrl: "https://qserver/jwt/resources" });
require(["js/qlik"], function (qlik) { qlik.openApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", config); });
"""
CHECK = """function %s() {
  return fetch("https://qserver/jwt/qrs/about?xrfkey=0000000000000000", {
    credentials: "include", headers: { "X-Qlik-Xrfkey": "0000000000000000" } })
    .then(function (r) { if (r.status !== 200) { alert("You are not logged in"); } });
}
%s();
"""


def login_findings(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line or 0) for f in found if f.rule == "login-missing"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("isLoggedIn", [("auth.js", 2)]), ("showVersion", [("mashup.js", 3)])],
    ids=["a session check", "another call"],
)
def test_a_client_managed_session_check_is_where_login_is_missing(
    tmp_path: Path, name: str, expected: list[tuple[str, int]]
) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><script src="https://qserver/jwt/resources/assets/external/requirejs/require.js">'
        '</script></head><body><script src="auth.js"></script><script src="mashup.js"></script></body></html>\n'
    )
    (tmp_path / "auth.js").write_text(CHECK % (name, name))
    (tmp_path / "mashup.js").write_text(MASHUP)
    assert login_findings(tmp_path) == expected
