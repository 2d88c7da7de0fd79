"""The JWT server code signs for Qlik Cloud's JWT sign-in (/login/jwt-session) must be one the tenant takes: signed
with a public-key algorithm (not HS256, which jsonwebtoken and PyJWT use when none is named), for the audience
'qlik.api/login/jwt-session', with a not-before claim; jsonwebtoken must not be given a claim twice nor a time
as a string of digits. A JWT without a key id is a warning. In Node (jsonwebtoken, jose), Python, PHP, C#, Java."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

PACKAGE = '{"name": "x", "main": "server.js", "dependencies": {"express": "4", "jsonwebtoken": "9"}}'
NODE = """const jwt = require('jsonwebtoken');
const fs = require('fs');
const key = fs.readFileSync(process.env.JWT_KEY_FILE, 'utf8');
function qlikJwt(user) {
  const payload = {
    sub: user.id,
    subType: 'user',
    name: user.name,
    email: user.email,
    email_verified: true,
  };
  return jwt.sign(payload, key, {
    algorithm: 'RS256',
    keyid: process.env.JWT_KID,
    issuer: process.env.JWT_ISSUER,
    audience: 'qlik.api/login/jwt-session',
    expiresIn: '5m',
    notBefore: '-30s',
  });
}
module.exports = { qlikJwt };
"""
SIGN_LINE = 12


def findings(
    tmp_path: Path, files: dict[str, str], omit: tuple[str, ...] = ("jwt-claims-incomplete",)
) -> list[tuple[str, int, str, str]]:
    write(tmp_path, files)
    return [
        (Path(f.path).name, f.line, f.rule, f.severity.value)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule.startswith("jwt-") and f.rule not in ("jwt-session-third-party", "jwt-random-subject", *omit)
    ]


def node(code: str) -> dict[str, str]:
    return {"package.json": PACKAGE, "token.js": code}


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("algorithm: 'RS256',", "algorithm: 'HS256',", 13),
        ("    algorithm: 'RS256',\n", "", SIGN_LINE),  # jsonwebtoken's default: HS256
    ],
)
def test_a_jwt_signed_with_a_shared_secret(tmp_path: Path, old: str, new: str, line: int) -> None:
    assert findings(tmp_path, node(NODE.replace(old, new))) == [("token.js", line, "jwt-algorithm", "error")]


@pytest.mark.parametrize("audience", ["qlik.api", "qlik.api/jwt-login-session", "https://acme.eu.qlikcloud.com"])
def test_a_jwt_for_another_audience(tmp_path: Path, audience: str) -> None:
    code = NODE.replace("'qlik.api/login/jwt-session'", f"'{audience}'")
    assert findings(tmp_path, node(code)) == [("token.js", 16, "jwt-audience", "error")]


def test_a_jwt_without_not_before(tmp_path: Path) -> None:
    code = NODE.replace("    notBefore: '-30s',\n", "")
    assert findings(tmp_path, node(code)) == [("token.js", SIGN_LINE, "jwt-claim-missing", "error")]


@pytest.mark.parametrize(
    ("claim", "line"),
    [("    exp: Math.floor(Date.now() / 1000) + 300,\n", 18), ("    aud: 'qlik.api/login/jwt-session',\n", 17)],
)
def test_a_claim_given_twice_makes_jsonwebtoken_throw(tmp_path: Path, claim: str, line: int) -> None:
    code = NODE.replace("    email_verified: true,\n", "    email_verified: true,\n" + claim)
    assert findings(tmp_path, node(code)) == [("token.js", line, "jwt-options-conflict", "error")]


def test_a_time_written_as_digits_is_milliseconds(tmp_path: Path) -> None:
    code = NODE.replace("expiresIn: '5m',", "expiresIn: '300',")
    assert findings(tmp_path, node(code)) == [("token.js", 17, "jwt-options-conflict", "error")]


def test_a_jwt_without_key_id_is_a_warning(tmp_path: Path) -> None:
    code = NODE.replace("    keyid: process.env.JWT_KID,\n", "")
    assert findings(tmp_path, node(code)) == [("token.js", SIGN_LINE, "jwt-no-key-id", "warning")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("'RS256'", "'ES384'"),
        ("    keyid: process.env.JWT_KID,\n", "    header: { kid: process.env.JWT_KID, alg: 'RS256' },\n"),
        ("expiresIn: '5m',", "expiresIn: 300,"),
        ("    notBefore: '-30s',\n", "    jwtid: String(Date.now()),\n  }, { nbf: 0 }, {\n"),
    ],
)
def test_correct_jwts_stay_silent(tmp_path: Path, old: str, new: str) -> None:
    code = NODE.replace(old, new) if old else NODE
    if "{ nbf: 0 }" in code:  # nbf as a claim of the payload instead of the option
        code = NODE.replace("    notBefore: '-30s',\n", "").replace(
            "email_verified: true,", "email_verified: true, nbf: 0,"
        )
    assert findings(tmp_path, node(code)) == []


def test_an_applications_own_hs256_session_token_is_not_judged(tmp_path: Path) -> None:
    own = "const jwt = require('jsonwebtoken');\nmodule.exports = (u) => jwt.sign({ uid: u.id }, process.env.S);\n"
    assert findings(tmp_path, {"package.json": PACKAGE, "token.js": NODE, "session.js": own}) == []


PYTHON = """import os
import time
import jwt


def qlik_jwt(user):
    now = int(time.time())
    claims = {
        "sub": user["id"],
        "subType": "user",
        "name": user["name"],
        "email": user["email"],
        "email_verified": True,
        "iss": os.environ["JWT_ISSUER"],
        "aud": "qlik.api/login/jwt-session",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
    }
    return jwt.encode(claims, os.environ["JWT_KEY"], algorithm="RS256", headers={"kid": os.environ["JWT_KID"]})
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('algorithm="RS256"', 'algorithm="HS256"', [("qlik.py", 20, "jwt-algorithm", "error")]),
        ('"aud": "qlik.api/login/jwt-session"', '"aud": "qlik.api"', [("qlik.py", 15, "jwt-audience", "error")]),
        ('        "nbf": now,\n', "", [("qlik.py", 19, "jwt-claim-missing", "error")]),
        (', headers={"kid": os.environ["JWT_KID"]}', "", [("qlik.py", 20, "jwt-no-key-id", "warning")]),
        ("", "", []),
    ],
)
def test_pyjwt(tmp_path: Path, old: str, new: str, expected: list[tuple[str, int, str, str]]) -> None:
    code = PYTHON.replace(old, new) if old else PYTHON
    assert findings(tmp_path, {"qlik.py": code}) == expected


def test_jose_php_dotnet_and_java(tmp_path: Path) -> None:
    jose = (
        "import { SignJWT } from 'jose';\n"
        "export const qlikJwt = (u, key) => new SignJWT({ subType: 'user', name: u.name, email: u.email })\n"
        "  .setProtectedHeader({ alg: 'HS256', kid: process.env.KID })\n"
        "  .setSubject(u.id).setAudience('qlik.api/login/jwt-session').setNotBefore('0s').setExpirationTime('5m')\n"
        "  .sign(key);\n"
    )
    php = (
        "<?php\nuse Firebase\\JWT\\JWT;\n$payload = ['sub' => $id, 'subType' => 'user', "
        "'aud' => 'qlik.api/login/jwt-session', 'nbf' => time()];\n"
        "echo JWT::encode($payload, getenv('JWT_SECRET'), 'HS256', getenv('KID'));\n"
    )
    dotnet = (
        "using System.IdentityModel.Tokens.Jwt;\nusing Microsoft.IdentityModel.Tokens;\n"
        "class Q { string Make(SymmetricSecurityKey key) {\n"
        "  var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);\n"
        '  var token = new JwtSecurityToken(issuer: "me", audience: "qlik.api/jwt", signingCredentials: credentials);\n'
        "  return new JwtSecurityTokenHandler().WriteToken(token); } }\n"
    )
    java = (
        "import io.jsonwebtoken.Jwts;\nimport io.jsonwebtoken.SignatureAlgorithm;\nclass Q {\n"
        "  String make(java.security.Key key) {\n"
        '    return Jwts.builder().setHeaderParam("kid", "k").claim("subType", "user")\n'
        '      .setAudience("qlik.api/login/jwt-session").setNotBefore(new java.util.Date())\n'
        "      .signWith(key, SignatureAlgorithm.HS256).compact();\n  }\n}\n"
    )
    files = {"package.json": PACKAGE, "jose.mjs": jose, "jwt.php": php, "Q.cs": dotnet, "Q.java": java}
    assert findings(tmp_path, files) == [
        ("Q.cs", 4, "jwt-algorithm", "error"),
        ("Q.cs", 5, "jwt-audience", "error"),
        ("Q.java", 7, "jwt-algorithm", "error"),
        ("jose.mjs", 3, "jwt-algorithm", "error"),
        ("jwt.php", 4, "jwt-algorithm", "error"),
    ]


def test_the_applications_own_token_beside_the_qlik_jwt_is_not_judged(tmp_path: Path) -> None:
    own = "\nconst appToken = (u) => jwt.sign(u, process.env.APP_SECRET, { expiresIn: '2h' });\n"
    assert findings(tmp_path, node(NODE + own)) == []
    hs = NODE.replace("algorithm: 'RS256',", "algorithm: 'HS256',")
    assert findings(tmp_path, node(hs + own)) == [("token.js", 13, "jwt-algorithm", "error")]


SESSION = """const express = require('express');
const app = express();
app.get('/login', async (req, res) => {
  const token = await makeJwt(req.session.user);
  const r = await fetch('https://acme.eu.qlikcloud.com/login/jwt-session', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'qlik-web-integration-id': process.env.QLIK_WEB_INTEGRATION_ID },
  });
  res.set('set-cookie', r.headers.getSetCookie());
  res.redirect('/');
});
app.listen(3000);
"""


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("method: 'POST',", "method: 'GET',", 6),
        ("    method: 'POST',\n", "", 5),  # fetch's default: GET
        ("/login/jwt-session'", "/api/v1/login/jwt-session'", 5),
        (
            "headers: { Authorization: `Bearer ${token}`, ",
            "body: JSON.stringify({ jwt: token }),\n    headers: { ",
            7,
        ),
    ],
)
def test_a_jwt_session_request_the_tenant_does_not_answer(tmp_path: Path, old: str, new: str, line: int) -> None:
    files = {"package.json": PACKAGE, "server.js": SESSION.replace(old, new)}
    assert findings(tmp_path, files) == [("server.js", line, "jwt-session-request", "error")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        # the options from a variable: not read here
        (
            "fetch('https://acme.eu.qlikcloud.com/login/jwt-session', {",
            "fetch('https://acme.eu.qlikcloud.com/login/jwt-session', options);\n  const unused = ({",
        ),
    ],
)
def test_correct_jwt_session_requests_stay_silent(tmp_path: Path, old: str, new: str) -> None:
    files = {"package.json": PACKAGE, "server.js": SESSION.replace(old, new) if old else SESSION}
    assert findings(tmp_path, files) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    sub: user.id,\n", "", ["this Qlik JWT has no sub, jti"]),
        ("subType: 'user',", "subType: 'User',", ["this Qlik JWT has no jti", "subType is 'User'"]),
        ("email_verified: true,", "email_verified: 'true', jti: user.sid,", ["email_verified is the string 'true'"]),
        ("email_verified: true,", "email_verified: true, jti: user.sid,", []),
        ("email_verified: true,", "...user.claims,", []),  # claims from elsewhere
    ],
)
def test_a_qlik_jwt_missing_or_misspelling_a_claim_is_a_warning(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    write(tmp_path, node(NODE.replace(old, new)))
    got = [f.message.split(":")[0] for f in check_paths([str(tmp_path)]).sorted() if f.rule == "jwt-claims-incomplete"]
    assert [m for m in got] == [e.split(":")[0] for e in expected]
    assert all(
        f.severity.value == "warning"
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule == "jwt-claims-incomplete"
    )
