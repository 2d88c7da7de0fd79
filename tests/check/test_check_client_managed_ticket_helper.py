"""A project that writes the proxy's ticket request itself (``/qps/<proxy>/ticket``) in its own
``requestTicket()`` is reported where the request is written: the helper's declaration and its calls are the
same problem, not more of them. qlik-auth's ``requestTicket`` (a library's, no /qps written) is still reported
at its call."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

TICKET = """const https = require('https');
function requestTicket(userId) {
  const body = JSON.stringify({ UserDirectory: 'CORP', UserId: userId });
  return new Promise((resolve) => {
    const req = https.request({ path: `/qps/${cfg.proxy}/ticket?xrfkey=${KEY}`, method: 'POST' }, resolve);
    req.end(body);
  });
}
module.exports = { requestTicket };
"""

SERVER = """const { requestTicket } = require('./ticket');
app.get('/ticket', async (req, res) => res.json({ ticket: await requestTicket(req.user) }));
"""

QLIK_AUTH = """const qlikAuth = require('qlik-auth');
app.get('/auth', (req, res) => {
  qlikAuth.requestTicket(req, res, { UserDirectory: 'CORP', UserId: req.user });
});
"""


def findings(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "client-managed-api"]


def test_the_projects_own_ticket_helper_is_reported_once_at_its_request(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "ticket.js").write_text(TICKET)
    (tmp_path / "server.js").write_text(SERVER)
    assert findings(tmp_path) == [("ticket.js", 5)]


def test_qlik_auths_request_ticket_is_still_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "server.js").write_text(QLIK_AUTH)
    assert findings(tmp_path) == [("server.js", 3)]
