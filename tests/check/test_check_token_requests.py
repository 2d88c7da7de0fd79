"""Server code that asks Qlik Cloud for an OAuth token itself: the grant it names, the address it posts to, the
user it impersonates and how the body is encoded must be what the tenant's token endpoint reads (as @qlik/api
sends it), or the tenant answers 400 and the page never gets its token. Node, Python and any server language."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

PACKAGE = '{"name": "x", "main": "server.js", "dependencies": {"express": "4"}}'
BODY = """{
      client_id: process.env.QLIK_CLIENT_ID,
      client_secret: process.env.QLIK_CLIENT_SECRET,
      grant_type: 'urn:qlik:oauth:user-impersonation',
      user_lookup: { field: 'subject', value: req.session.user.sub },
      scope: 'user_default',
    }"""
ROUTE = """const express = require('express');
const app = express();
app.post('/access-token', async (req, res) => {
  if (!req.session.user) return res.sendStatus(401);
  const r = await fetch(@URL@, {
    method: 'POST',
    headers: { 'content-type': '@TYPE@' },
    body: @ENCODE@(@BODY@),
  });
  res.send((await r.json()).access_token);
});
app.listen(3000);
"""
GOOD_URL = "`${process.env.QLIK_HOST}/oauth/token`"


def route(body: str = BODY, url: str = GOOD_URL, encode: str = "JSON.stringify") -> str:
    kind = "application/json" if encode == "JSON.stringify" else "application/x-www-form-urlencoded"
    return ROUTE.replace("@URL@", url).replace("@TYPE@", kind).replace("@ENCODE@", encode).replace("@BODY@", body)


def findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str]]:
    write(tmp_path, files)
    return [
        (Path(f.path).name, f.line, f.rule, f.severity.value)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule.startswith("oauth-")
    ]


def node(server: str) -> dict[str, str]:
    return {"package.json": PACKAGE, "server.js": server}


GRANT_LINE = 11
LOOKUP_LINE = 12
URL_LINE = 5


@pytest.mark.parametrize(
    "grant",
    ["urn:qlik:oauth:user_impersonation", "user-impersonation", "urn:qlik:oauth:impersonation", "impersonation"],
)
def test_a_misspelt_grant_is_an_error_at_the_grant(tmp_path: Path, grant: str) -> None:
    server = route(BODY.replace("urn:qlik:oauth:user-impersonation", grant))
    assert findings(tmp_path, node(server)) == [("server.js", GRANT_LINE, "oauth-grant-unknown", "error")]


@pytest.mark.parametrize(
    "url",
    [
        "`${process.env.QLIK_HOST}/api/v1/oauth/token`",
        "`${process.env.QLIK_HOST}/oauth/authorize`",
        "`${process.env.QLIK_HOST}/oauth2/token`",
        "'https://acme.eu.qlikcloud.com/sense/oauth/token'",
        "'http://acme.eu.qlikcloud.com/oauth/token'",
    ],
)
def test_a_token_request_to_another_address_is_an_error_at_the_address(tmp_path: Path, url: str) -> None:
    assert findings(tmp_path, node(route(url=url))) == [("server.js", URL_LINE, "oauth-token-url", "error")]


def test_axios_and_python_requests_to_the_wrong_address(tmp_path: Path) -> None:
    axios = (
        "const axios = require('axios');\n"
        "async function token(user) {\n"
        "  const { data } = await axios.post(`https://${process.env.QLIK_TENANT}/api/v1/oauth/token`, {\n"
        "    client_id: process.env.ID, client_secret: process.env.SECRET, scope: 'user_default',\n"
        "    grant_type: 'urn:qlik:oauth:user-impersonation', user_lookup: { field: 'userId', value: user.id },\n"
        "  });\n"
        "  return data.access_token;\n"
        "}\nmodule.exports = { token };\n"
    )
    python = (
        "import os\nimport requests\n\n\ndef token(user):\n    r = requests.post(\n"
        "        f\"https://{os.environ['QLIK_TENANT']}/api/v1/oauth/token\",\n"
        '        json={"client_id": os.environ["ID"], "client_secret": os.environ["SECRET"],\n'
        '              "grant_type": "urn:qlik:oauth:user-impersonation",\n'
        '              "user_lookup": {"field": "subject", "value": user["sub"]},\n'
        '              "scope": "user_default"},\n'
        '    )\n    return r.json()["access_token"]\n'
    )
    assert findings(tmp_path, {"package.json": PACKAGE, "token.js": axios, "qlik.py": python}) == [
        ("qlik.py", 7, "oauth-token-url", "error"),
        ("token.js", 3, "oauth-token-url", "error"),
    ]


@pytest.mark.parametrize(
    ("lookup", "line"),
    [
        ("subject: req.session.user.sub,", GRANT_LINE),  # no user_lookup at all
        ("user_lookup: req.session.user.sub,", LOOKUP_LINE),  # one value, not {field, value}
        ("user_lookup: { field: 'email', value: req.session.user.email },", LOOKUP_LINE),
        ("user_lookup: { value: req.session.user.sub },", LOOKUP_LINE),
    ],
)
def test_an_impersonation_request_that_does_not_name_its_user_as_qlik_reads_it(
    tmp_path: Path, lookup: str, line: int
) -> None:
    body = BODY.replace("user_lookup: { field: 'subject', value: req.session.user.sub },", lookup)
    assert findings(tmp_path, node(route(body))) == [("server.js", line, "oauth-impersonation-user", "error")]


@pytest.mark.parametrize("encode", ["new URLSearchParams", "qs.stringify"])
def test_a_form_encoded_body_with_the_lookup_object(tmp_path: Path, encode: str) -> None:
    assert findings(tmp_path, node(route(encode=encode))) == [("server.js", LOOKUP_LINE, "oauth-form-nested", "error")]


def test_python_data_with_the_lookup_dict(tmp_path: Path) -> None:
    python = (
        "import os\nimport httpx\n\n\ndef token(sub):\n    r = httpx.post(\n"
        "        f\"https://{os.environ['QLIK_TENANT']}/oauth/token\",\n"
        '        data={"client_id": os.environ["ID"], "client_secret": os.environ["SECRET"],\n'
        '              "grant_type": "urn:qlik:oauth:user-impersonation",\n'
        '              "user_lookup": {"field": "subject", "value": sub}},\n'
        '    )\n    return r.json()["access_token"]\n'
    )
    assert findings(tmp_path, {"qlik.py": python}) == [("qlik.py", 10, "oauth-form-nested", "error")]
    assert findings(tmp_path, {"qlik.py": python.replace("data={", "json={")}) == []


@pytest.mark.parametrize(
    "body",
    [
        BODY,
        BODY.replace("field: 'subject', value: req.session.user.sub", "field: 'userId', value: req.session.user.qid"),
        BODY.replace("user_lookup: { field: 'subject', value: req.session.user.sub },", "...lookupOf(req),"),
        BODY.replace("user_lookup: { field: 'subject', value: req.session.user.sub },", "user_lookup: lookup,"),
        # Qlik's other grants, and another provider's request in the same server
        BODY.replace("'urn:qlik:oauth:user-impersonation'", "'client_credentials'").replace(
            "      user_lookup: { field: 'subject', value: req.session.user.sub },\n", ""
        ),
        BODY.replace("'urn:qlik:oauth:user-impersonation'", "'urn:qlik:oauth:anonymous-embed'"),
        "{ grant_type: 'password', username: u, password: p }",
    ],
)
def test_correct_requests_stay_silent(tmp_path: Path, body: str) -> None:
    assert findings(tmp_path, node(route(body))) == []


def test_another_providers_token_endpoint_is_not_judged(tmp_path: Path) -> None:
    entra = route(
        "{ grant_type: 'client_credentials', client_id: id, client_secret: s, scope: 'https://graph/.default' }",
        url="`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`",
        encode="new URLSearchParams",
    ).replace("res.send", "// Power BI\n  res.send")
    assert findings(tmp_path, node(entra)) == []


API = """import express from 'express';
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
  res.send(await auth.getAccessToken({ hostConfig: { ...hostConfig, @USER@: req.session.user.qid, noCache: true } }));
});
app.listen(3000);
"""


@pytest.mark.parametrize(("key", "expected"), [("userID", 1), ("user", 1), ("email", 1), ("userId", 0), ("subject", 0)])
def test_a_qlik_api_host_config_naming_its_user_under_a_key_it_does_not_read(
    tmp_path: Path, key: str, expected: int
) -> None:
    files = {"package.json": PACKAGE.replace("}}", ', "@qlik/api": "2"}}'), "server.mjs": API.replace("@USER@", key)}
    assert findings(tmp_path, files) == [("server.mjs", 12, "oauth-impersonation-user", "error")] * expected


PROXY = """const express = require('express');
const app = express();
app.get('/api/apps', async (req, res) => {
  const r = await fetch(`https://${process.env.QLIK_TENANT}/api/v1/items?resourceType=app`, {
    headers: { Authorization: @HEADER@ },
  });
  res.json(await r.json());
});
app.listen(3000);
"""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("'Bearer' + process.env.QLIK_API_KEY", 1),
        ("`Bearer${process.env.QLIK_API_KEY}`", 1),
        ("process.env.QLIK_API_KEY", 1),
        ("`Token ${process.env.QLIK_API_KEY}`", 1),
        ("`Bearer ${process.env.QLIK_API_KEY}`", 0),
        ("'Bearer ' + process.env.QLIK_API_KEY", 0),
        ("authHeader", 0),  # made elsewhere
        ("`Basic ${credentials}`", 0),  # an OAuth client's own authentication at the token endpoint
    ],
)
def test_an_authorization_header_qlik_does_not_read(tmp_path: Path, header: str, expected: int) -> None:
    files = {"package.json": PACKAGE, "server.js": PROXY.replace("@HEADER@", header)}
    write(tmp_path, files)
    got = [(Path(f.path).name, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "auth-header-bearer"]
    assert got == [("server.js", 5)] * expected


def test_python_headers_without_bearer(tmp_path: Path) -> None:
    python = (
        "import os\nimport requests\n\nQLIK_API_KEY = os.environ['QLIK_API_KEY']\n\n\ndef apps():\n"
        "    r = requests.get(f\"https://{os.environ['QLIK_TENANT']}/api/v1/items\",\n"
        '                     headers={"Authorization": QLIK_API_KEY})\n    return r.json()\n'
    )
    write(tmp_path, {"qlik.py": python})
    got = [(Path(f.path).name, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "auth-header-bearer"]
    assert got == [("qlik.py", 9)]
    write(
        tmp_path,
        {"qlik.py": python.replace('"Authorization": QLIK_API_KEY', '"Authorization": f"Bearer {QLIK_API_KEY}"')},
    )
    assert [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "auth-header-bearer"] == []
