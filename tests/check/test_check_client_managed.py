"""client-managed-api: the QRS, the proxy's ticket API and qlik-auth's tickets do not exist on Qlik Cloud."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths


def rules_at(path: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted()]


def test_qrs_qps_and_tickets_are_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "login.js").write_text(
        "async function isLoggedIn() {\n"
        "  return fetch(`${appUrl}/jwt/qrs/about?xrfkey=0000000000000000`, { credentials: 'include' });\n"
        "}\n"
    )
    (tmp_path / "server.js").write_text(
        "const qlikAuth = require('qlik-auth');\n"
        "const ticketUrl = 'https://sense.corp:4243/qps/ticket';\n"
        "qlikAuth.requestTicket(req, res, profile, options);\n"
    )
    found = [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
    assert found == [
        ("client-managed-api", "login.js", 2),
        ("client-managed-api", "server.js", 2),
        ("client-managed-api", "server.js", 3),
    ]


def test_cloud_apis_and_words_in_prose_are_not(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<script>fetch('https://acme.eu.qlikcloud.com/api/v1/users/me', {credentials: 'include', "
        "headers: {'qlik-web-integration-id': 'abcdefghijABCDEFGHIJ0123456789_-'}});\n"
        "var note = 'we moved off qrs last year';</script>"
    )
    assert not [f for f in rules_at(tmp_path) if f[0] == "client-managed-api"]
