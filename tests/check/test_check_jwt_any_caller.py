"""A server route that signs a JWT for Qlik's JWT sign-in hands out a Qlik session just as an impersonation token
route does: without reading who asks, any caller gets one for the user it names. The same holds for the functions
the browser calls by name, which are routes without a path: Meteor methods and Next.js server actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

PACKAGE = '{"name": "x", "main": "server.js", "dependencies": {"express": "4", "jsonwebtoken": "9"}}'
SIGNER = """const jwt = require('jsonwebtoken');
module.exports = {
  generate(user) {
    return jwt.sign({ sub: user.id, subType: 'user', name: user.name, email: user.email, email_verified: true },
      process.env.KEY, { algorithm: 'RS256', keyid: process.env.KID, audience: 'qlik.api/login/jwt-session',
        issuer: process.env.ISS, expiresIn: '5m', notBefore: 0 });
  },
};
"""
ROUTE = """const express = require('express');
const token = require('./token');
const app = express();
app.get('/jwt', (req, res) => {
  @WHO@
  res.json({ jwt: token.generate(user) });
});
app.listen(3000);
"""


def findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    write(tmp_path, files)
    return [
        (Path(f.path).name, f.line, f.severity.value)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule == "impersonation-any-caller"
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("const user = req.query;", [("server.js", 4, "warning")]),
        ("const user = { id: 'demo', name: 'Demo', email: 'demo@acme.com' };", [("server.js", 4, "warning")]),
        ("if (!req.session.user) return res.sendStatus(401);\n  const user = req.session.user;", []),
    ],
)
def test_a_route_signing_a_qlik_jwt_from_a_local_module(
    tmp_path: Path, who: str, expected: list[tuple[str, int, str]]
) -> None:
    files = {"package.json": PACKAGE, "server.js": ROUTE.replace("@WHO@", who), "token.js": SIGNER}
    assert findings(tmp_path, files) == expected


METEOR = """import { Meteor } from 'meteor/meteor';
const token = require('./token');

Meteor.methods({
  // signs the persona the page picked
  getQlikJwt(persona) {
    @WHO@
    return token.generate(persona);
  },
  ping() { return 'pong'; },
});
"""


@pytest.mark.parametrize(
    ("who", "expected"),
    [("", [("methods.js", 6, "warning")]), ("if (!this.userId) throw new Meteor.Error('signed out');", [])],
)
def test_a_meteor_method_is_a_route(tmp_path: Path, who: str, expected: list[tuple[str, int, str]]) -> None:
    files = {
        "package.json": '{"name": "m", "dependencies": {"meteor-node-stubs": "1", "jsonwebtoken": "9"}}',
        "server/methods.js": METEOR.replace("@WHO@", who),
        "server/token.js": SIGNER,
    }
    assert findings(tmp_path, files) == expected


ACTION = """'use server';
import { auth } from '@/auth';

export async function qlikToken(userId: string) {
  @WHO@
  const r = await fetch(`${process.env.QLIK_HOST}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: process.env.ID, client_secret: process.env.SECRET, scope: 'user_default',
      grant_type: 'urn:qlik:oauth:user-impersonation', user_lookup: { field: 'subject', value: userId } }),
  });
  return (await r.json()).access_token;
}
"""


@pytest.mark.parametrize(
    ("who", "expected"),
    [("", [("actions.ts", 4, "warning")]), ("const session = await auth(); if (!session) throw new Error('no');", [])],
)
def test_a_server_action_is_a_route(tmp_path: Path, who: str, expected: list[tuple[str, int, str]]) -> None:
    files = {
        "package.json": '{"name": "n", "dependencies": {"next": "14", "react": "18"}}',
        "app/actions.ts": ACTION.replace("@WHO@", who),
        "app/page.tsx": "export default function Page() { return <main />; }\n",
    }
    assert findings(tmp_path, files) == expected


FASTAPI = """import os
import requests
from fastapi import FastAPI, Depends

app = FastAPI()


def qlik_token(subject):
    r = requests.post(f"https://{os.environ['QLIK_TENANT']}/oauth/token", json={
        "client_id": os.environ["ID"], "client_secret": os.environ["SECRET"], "scope": "user_default",
        "grant_type": "urn:qlik:oauth:user-impersonation", "user_lookup": {"field": "subject", "value": subject}})
    return r.json()["access_token"]


@app.post("/access-token")
def access_token(@PARAMS@):
    return {"token": qlik_token(@SUBJECT@)}
"""


@pytest.mark.parametrize(
    ("params", "subject", "expected"),
    [
        ("user: str", "user", [("main.py", 16, "warning")]),
        ("", '"demo@acme.com"', [("main.py", 16, "warning")]),
        ("user=Depends(get_current_user)", 'user["sub"]', []),
    ],
)
def test_a_python_route(tmp_path: Path, params: str, subject: str, expected: list[tuple[str, int, str]]) -> None:
    files = {"main.py": FASTAPI.replace("@PARAMS@", params).replace("@SUBJECT@", subject)}
    assert findings(tmp_path, files) == expected


def test_a_server_action_that_returns_data_fetched_with_the_token_hands_out_no_token(tmp_path: Path) -> None:
    action = ACTION.replace("@WHO@", "").replace(
        "  return (await r.json()).access_token;",
        "  const { access_token } = await r.json();\n"
        "  const apps = await fetch(`${process.env.QLIK_HOST}/api/v1/items`, "
        "{ headers: { Authorization: `Bearer ${access_token}` } });\n  return (await apps.json()).data;",
    )
    files = {"package.json": '{"name": "n", "dependencies": {"next": "14"}}', "app/actions.ts": action}
    assert findings(tmp_path, files) == []


def test_a_sign_in_route_that_checks_the_password_knows_who_asks(tmp_path: Path) -> None:
    who = (
        "const { username, password } = req.body;\n"
        "  if (!(await users.check(username, password))) return res.sendStatus(401);\n"
        "  const user = await users.find(username);"
    )
    route = ROUTE.replace("@WHO@", who).replace("(req, res) =>", "async (req, res) =>")
    files = {"package.json": PACKAGE, "server.js": route, "token.js": SIGNER}
    assert findings(tmp_path, files) == []
