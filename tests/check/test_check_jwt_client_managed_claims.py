"""A JWT that names its user the way a client-managed virtual proxy reads it (userId and userDirectory) and has
none of Qlik Cloud's subject claims: Qlik Cloud's JWT identity provider refuses it, whichever server it goes to.
Qlik Cloud's own format (sub, subType), and a JWT that carries a userDirectory beside them, say nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

SERVER = """const fs = require('fs');
const jwt = require('jsonwebtoken');
const express = require('express');
const key = fs.readFileSync(process.env.JWT_KEY_FILE);
const app = express();
app.get('/token', (req, res) => {
  const token = jwt.sign(
    {
%s
    },
    key,
    { algorithm: 'RS256', keyid: process.env.JWT_KEY_ID, expiresIn: '5m' }
  );
  res.json({ token });
});
app.listen(3000);
"""
MANIFEST = '{"name": "token-service", "dependencies": {"express": "^4.18.0", "jsonwebtoken": "^9.0.0"}}\\n'


def findings(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "jwt-client-managed-claims"]


def test_a_virtual_proxys_user_claims_are_an_error(tmp_path: Path) -> None:
    claims = "      userId: req.query.user,\n      userDirectory: 'CORP',\n      email: req.query.email,"
    folder = write(tmp_path, {"server.js": SERVER % claims, "package.json": MANIFEST})
    assert findings(folder) == [("server.js", 10)]


@pytest.mark.parametrize(
    "claims",
    [
        "      sub: req.query.user,\n      subType: 'user',\n      name: req.query.name,",
        "      sub: req.query.user,\n      subType: 'user',\n      userDirectory: 'CORP',",
    ],
    ids=["qlik cloud claims", "a directory beside them"],
)
def test_qlik_clouds_claims_are_silent(tmp_path: Path, claims: str) -> None:
    folder = write(tmp_path, {"server.js": SERVER % claims, "package.json": MANIFEST})
    assert findings(folder) == []
