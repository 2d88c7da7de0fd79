"""@qlik/api on a server, signing in with a client secret and naming no user (subject, userId), asks for the
client's own machine-to-machine token: a route that hands it to the browser gives every visitor the client's bot
user. The same config naming the user (impersonation) stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

SERVER = """import express from 'express';
import { auth } from '@qlik/api';
const app = express();
const hostConfig = {
  authType: 'oauth2',
  host: process.env.QLIK_HOST,
  clientId: process.env.QLIK_CLIENT_ID,
  clientSecret: process.env.QLIK_CLIENT_SECRET,
};
app.post('/access-token', async (req, res) => {
  if (!req.session?.user) return res.sendStatus(401);
  const token = await auth.getAccessToken({ hostConfig: @CONFIG@ });
  res.send(token);
});
app.listen(3000);
"""


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("hostConfig", [("server.mjs", 13)]),
        ("{ ...hostConfig, noCache: true }", [("server.mjs", 13)]),
        ("{ ...hostConfig, userId: req.session.user.qid, noCache: true }", []),
        ("{ ...hostConfig, subject: req.session.user.sub }", []),
    ],
)
def test_a_qlik_api_client_token_sent_to_the_browser(tmp_path: Path, config: str, expected: list) -> None:
    files = {
        "package.json": '{"name": "x", "type": "module", "dependencies": {"express": "4", "@qlik/api": "2"}}',
        "server.mjs": SERVER.replace("@CONFIG@", config),
    }
    write(tmp_path, files)
    got = [(Path(f.path).name, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "m2m-token-served"]
    assert got == expected
