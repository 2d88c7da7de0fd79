"""A backend route that asks Qlik Cloud for an OAuth impersonation token must know who is asking: a route that
impersonates a fixed user, or the user the request names, hands any caller that user's Qlik access."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

PACKAGE = '{"name": "x", "main": "server.js", "dependencies": {"express": "4", "@qlik/api": "1"}}'
GRANT_ROUTE = """const express = require('express');
const app = express();
app.use(express.static('public'));

app.get('/api/token', async (req, res) => {
  const userId = @SUBJECT@;
  const r = await fetch(`${process.env.QLIK_HOST}/oauth/token`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({
      client_id: process.env.CLIENT_ID, client_secret: process.env.CLIENT_SECRET,
      grant_type: 'urn:qlik:oauth:user-impersonation',
      user_lookup: {field: 'subject', value: userId}, scope: 'user_default'}),
  });
  res.json(await r.json());
});
app.listen(3000);
"""
API_ROUTE = """import express from 'express';
import { auth } from '@qlik/api';
const app = express();
const hostConfig = { authType: 'oauth2', host: process.env.QLIK_HOST, clientId: process.env.ID,
  clientSecret: process.env.SECRET };
async function tokenFor(userId) {
  return auth.getAccessToken({ hostConfig: { ...hostConfig, userId, noCache: true } });
}
app.post('/access-token'@MIDDLEWARE@, async (req, res) => {
  res.send(await tokenFor(@SUBJECT@));
});
app.listen(3000);
"""


def grant_route(subject: str) -> str:
    return GRANT_ROUTE.replace("@SUBJECT@", subject)


def api_route(middleware: str, subject: str) -> str:
    return API_ROUTE.replace("@MIDDLEWARE@", middleware).replace("@SUBJECT@", subject)


PAGE = '<qlik-embed ui="analytics/chart" app-id="1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"></qlik-embed>\n'


SESSION_CHECK = (
    "\n  const session = await getServerSession();\n  if (!session) return new Response(null, {status: 401});"
)


def findings(folder: Path) -> list[tuple[str, int, str]]:
    found = check_paths([str(folder)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line, f.message) for f in found if f.rule == "impersonation-any-caller"]


def project(tmp_path: Path, server: str, name: str = "server.js") -> Path:
    return write(tmp_path, {"package.json": PACKAGE, name: server, "public/index.html": PAGE})


def test_a_fixed_user_for_any_caller_is_found_at_the_route(tmp_path: Path) -> None:
    [(file, line, message)] = findings(project(tmp_path, grant_route("'acme/jane.doe'")))
    assert (file, line) == ("server.js", 5)
    assert "never reads who is asking" in message


def test_the_user_the_request_names_is_found(tmp_path: Path) -> None:
    [(_, line, message)] = findings(project(tmp_path, grant_route("req.query.user")))
    assert line == 5 and "the user the request names" in message


def test_qlik_api_through_a_helper_function_is_found(tmp_path: Path) -> None:
    server = api_route("", "req.body.userId")
    assert [(f, line) for f, line, _ in findings(project(tmp_path, server, "server.mjs"))] == [("server.mjs", 9)]


def test_routes_that_know_their_caller_are_silent(tmp_path: Path) -> None:
    session = project(tmp_path / "a", grant_route("req.session.user.subject"))
    verified = project(tmp_path / "b", grant_route("jwt.verify(req.cookies.t, key).sub"))
    middleware = project(tmp_path / "c", api_route(", requireSignIn", "req.user.id"))
    app_wide = grant_route("'acme/jane.doe'").replace(
        "app.use(express.static", "app.use(passport.authenticate('session'));\napp.use(express.static"
    )
    everywhere = project(tmp_path / "d", app_wide)
    for folder in (session, verified, middleware, everywhere):
        assert findings(folder) == [], folder.name


def test_a_next_route_handler_without_a_session_is_found_and_with_one_is_silent(tmp_path: Path) -> None:
    handler = """export async function POST(request) {
  const { userId } = await request.json();@CHECK@
  const r = await fetch(`${process.env.QLIK_HOST}/oauth/token`, { method: 'POST', body: JSON.stringify({
    grant_type: 'urn:qlik:oauth:user-impersonation', user_lookup: { field: 'subject', value: userId } }) });
  return Response.json(await r.json());
}
"""
    package = '{"name": "x", "dependencies": {"next": "15", "react": "19"}}'
    layout = "export default function RootLayout({ children }) { return <html><body>{children}</body></html>; }\n"
    open_route = write(
        tmp_path / "open",
        {"package.json": package, "app/layout.tsx": layout, "app/api/token/route.ts": handler.replace("@CHECK@", "")},
    )
    assert [(f, line) for f, line, _ in findings(open_route)] == [("route.ts", 1)]
    checked = write(
        tmp_path / "checked",
        {
            "package.json": package,
            "app/layout.tsx": layout,
            "app/api/token/route.ts": handler.replace("@CHECK@", SESSION_CHECK),
        },
    )
    assert findings(checked) == []


def test_a_session_store_alone_signs_nobody_in(tmp_path: Path) -> None:
    # express-session gives every visitor a session; a route that never reads who is in it still serves anyone
    server = grant_route("'jane@acme.com'").replace(
        "app.use(express.static('public'));",
        "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));\n"
        "app.use(express.static('public'));",
    )
    assert [(name, line) for name, line, _ in findings(project(tmp_path, server))] == [("server.js", 6)]


M2M_ROUTE = """const express = require('express');
const app = express();

async function botToken() {
  const r = await fetch(`https://${process.env.QLIK_HOST}/oauth/token`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({client_id: process.env.CLIENT_ID, client_secret: process.env.CLIENT_SECRET,
      grant_type: 'client_credentials'}),
  });
  return (await r.json()).access_token;
}

app.get('/api/token', async (req, res) => {
  @BODY@
});
app.listen(3000);
"""


def m2m_served(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).sorted() if f.rule == "m2m-token-served"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("res.json({ accessToken: await botToken() });", [15]),
        ("const token = await botToken();\n  res.send(token);", [16]),
        # The data the bot's token reads is what the page gets, not the token: fine.
        (
            "const token = await botToken();\n"
            "  const apps = await (await fetch(`https://${process.env.QLIK_HOST}/api/v1/items`,"
            " {headers: {authorization: `Bearer ${token}`}})).json();\n  res.json(apps);",
            [],
        ),
        ("try { await botToken(); res.sendStatus(204); } catch (e) { res.status(500).json({error: 'no token'}); }", []),
    ],
    ids=["token-property", "token-name", "data-only", "error-text"],
)
def test_a_route_that_sends_a_machine_to_machine_token(tmp_path: Path, body: str, expected: list[int]) -> None:
    write(tmp_path, {"package.json": PACKAGE, "server.js": M2M_ROUTE.replace("@BODY@", body)})
    assert m2m_served(tmp_path) == expected


def test_the_grant_asked_inside_the_route_and_its_answer_sent_whole(tmp_path: Path) -> None:
    route = """const express = require('express');
const axios = require('axios');
const app = express();
app.post('/token', async (req, res) => {
  const answer = await axios.post(`https://${process.env.QLIK_HOST}/oauth/token`, {
    client_id: process.env.CLIENT_ID, client_secret: process.env.CLIENT_SECRET, grant_type: 'client_credentials'});
  res.json(answer.data);
});
app.listen(3000);
"""
    write(tmp_path, {"package.json": PACKAGE, "server.js": route})
    assert m2m_served(tmp_path) == [7]
    assert all(f.rule != "impersonation-any-caller" for f in check_paths([str(tmp_path)]).findings)
