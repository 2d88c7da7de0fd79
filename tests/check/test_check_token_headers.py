"""A REST request that sends an Authorization header signs in with a token (an OAuth access token from
@qlik/api or the project's backend, an impersonation token), whether the code writes ``Bearer`` there or holds
the whole value in a variable (``Authorization: authHeader``, `` `${type} ${token}` ``,
``headers.set("Authorization", t)``): the tenant's cookie, web integration id and CSRF token do not apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

TENANT = "https://acme.eu.qlikcloud.com"
GET_TOKEN = "async function token() { return (await (await fetch('/api/token')).json()).access_token; }\n"


def rest_findings(root: Path, request: str) -> list[str]:
    write(
        root,
        {
            "index.html": '<!doctype html><html><body><script src="app.js"></script></body></html>\n',
            "app.js": GET_TOKEN + request,
        },
    )
    return [f.rule for f in check_paths([str(root)]).sorted() if f.rule.startswith("rest-")]


@pytest.mark.parametrize(
    "request_code",
    [
        "const auth = 'Bearer ' + await token();\n"
        f"fetch('{TENANT}/api/v1/reloads', {{ method: 'POST', headers: {{ Authorization: auth }} }});\n",
        "const type = 'Bearer';\n"
        "const value = `${type} ${await token()}`;\n"
        f"fetch('{TENANT}/api/v1/reloads', {{ method: 'POST', headers: {{ authorization: value }} }});\n",
        "const headers = new Headers();\nheaders.set('Authorization', await token());\n"
        f"fetch('{TENANT}/api/v1/reloads', {{ method: 'POST', headers }});\n",
    ],
)
def test_a_request_with_a_token_header_is_not_a_cookie_request(tmp_path: Path, request_code: str) -> None:
    # Before: three false errors each (no credentials, no web integration id, no CSRF token).
    assert rest_findings(tmp_path, "(async () => {\n" + request_code + "})();\n") == []


def test_a_request_without_one_still_needs_the_cookie(tmp_path: Path) -> None:
    code = f"fetch('{TENANT}/api/v1/reloads', {{ method: 'POST', headers: {{ Authorization: '' }} }});\n"
    assert "rest-no-credentials" in rest_findings(tmp_path, code)


def test_a_basic_authorization_is_no_qlik_token(tmp_path: Path) -> None:
    code = f"fetch('{TENANT}/api/v1/items', {{ headers: {{ Authorization: 'Basic dXNlcjpwYXNz' }} }});\n"
    assert "rest-no-credentials" in rest_findings(tmp_path, code)
