"""jwt-random-subject: a Qlik Cloud JWT whose subject is a new random value on every sign-in makes every visit
another user on the tenant. A stable subject, a random jti (the token's own id) and a project that signs no
one in to Qlik with a JWT are silent. Also: a JWT issuer or key id left as ``myIssuer`` / ``myKeyId``."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

TOKEN = """const jwt = require('jsonwebtoken');
function generate(sub, name, email, groups) {
  return jwt.sign({ sub, subType: 'user', name, email, email_verified: true, groups,
    jti: uuidv4() }, key, { algorithm: 'RS256', issuer: 'acme', audience: 'qlik.api/login/jwt-session',
    keyid: 'k1', expiresIn: '30s', notBefore: '-30s' });
}
"""
SERVER = """const express = require('express');
const { v4: uuidv4 } = require('uuid');
const app = express();
app.get('/token', (req, res) => {
  const uuid = uuidv4();
  const sub = `ANON_${uuid}`;
  res.json({ token: generate(sub, 'Anonymous', `${uuid}@anon.example`, ['anonymous']) });
});
"""
PAGE = "<!doctype html><html><body><p>signed in on the server</p></body></html>\n"
CSHARP = """var payload = new Dictionary<string, object>
{
    { "sub", Guid.NewGuid().ToString() },
    { "jti", Guid.NewGuid().ToString() },
    { "aud", "qlik.api/login/jwt-session" },
};
"""


def subject_warnings(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "jwt-random-subject"]


def write_node(root: Path, server: str) -> None:
    (root / "package.json").write_text('{"name": "t", "dependencies": {"express": "4", "jsonwebtoken": "9"}}')
    (root / "token.js").write_text(TOKEN)
    (root / "server.js").write_text(server)


def test_a_random_subject_is_reported_where_it_is_made(tmp_path: Path) -> None:
    write_node(tmp_path, SERVER)
    assert subject_warnings(tmp_path) == [("server.js", 6)]


def test_a_random_subject_in_csharp_is_reported_and_a_random_jti_is_not(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "Token.cs").write_text(CSHARP)
    assert subject_warnings(tmp_path) == [("Token.cs", 3)]


@pytest.mark.parametrize(
    "server",
    [
        SERVER.replace("const sub = `ANON_${uuid}`;", "const sub = req.user.id;"),  # the user's own id
        SERVER.replace("const sub = `ANON_${uuid}`;", "// const sub = `ANON_${uuid}`;\n  const sub = 'u1';"),
    ],
)
def test_a_stable_subject_is_not(tmp_path: Path, server: str) -> None:
    write_node(tmp_path, server)
    assert subject_warnings(tmp_path) == []


def test_a_project_that_signs_nobody_in_to_qlik_with_a_jwt_is_not(tmp_path: Path) -> None:
    write_node(tmp_path, SERVER)
    (tmp_path / "token.js").write_text(TOKEN.replace("qlik.api/login/jwt-session", "api.example"))
    assert subject_warnings(tmp_path) == []


def test_a_jwt_issuer_and_key_id_left_as_samples_are_placeholders(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "settings.json").write_text(
        '{\n  "public": { "webIntegrationId": "Xk3pQ9rT_aZ7bN2cXk3pQ9rT_aZ7bN2c" },\n'
        '  "private": {\n    "keyId": "myKeyId",\n    "issuer": "myIssuer"\n  }\n}\n'
    )
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]
    assert found == [("placeholder", 4), ("placeholder", 5)]
    (tmp_path / "settings.json").write_text((tmp_path / "settings.json").read_text().replace("my", "acme-"))
    assert not [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]
