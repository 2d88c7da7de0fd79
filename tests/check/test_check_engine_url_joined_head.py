"""An engine URL joined with ``+`` from a head that holds the socket's scheme and host (a name declared as
'wss://<tenant>', the tenant's https URL turned into wss with ``replace``, in a name or inline) and then
'/app/' + appId is a socket URL like its template form (``${wsBase}/app/${appId}``): judged for the web
integration id and the CSRF token. A query joined on from a name (``+ '?' + params``) is built elsewhere;
a plain ws:// socket to a Qlik Cloud tenant is refused whatever it carries (the tenant serves wss:// only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

HEAD = f"""import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
const TENANT_URL = 'https://{TENANT}';
const WS = 'wss://{TENANT}';
const wsBase = TENANT_URL.replace('https', 'wss');
const appId = '{APP}';
const token = sessionStorage.getItem('csrf');
"""
QUERY = f" + '?qlik-web-integration-id={ID}&qlik-csrf-token=' + token"


def socket_findings(tmp_path: Path, url: str) -> list[tuple[str, int | None]]:
    code = HEAD + f"const url = {url};\nenigma.create({{ schema, url }}).open();\n"
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2.15.0"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": code,
        },
    )
    rules = ("engine-url-no-web-integration-id", "engine-url-no-csrf", "client-managed-api")
    return [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule in rules]


@pytest.mark.parametrize(
    "head",
    ["WS", "wsBase", "TENANT_URL.replace('https://', 'wss://')", "TENANT_URL.replace(/^http/, 'ws')"],
)
def test_a_joined_socket_url_without_its_parameters_is_found(tmp_path: Path, head: str) -> None:
    found = socket_findings(tmp_path, f"{head} + '/app/' + appId")
    assert found == [("engine-url-no-csrf", 8), ("engine-url-no-web-integration-id", 8)]


@pytest.mark.parametrize("head", ["WS", "wsBase", "TENANT_URL.replace('https://', 'wss://')"])
def test_a_joined_socket_url_with_its_parameters_is_silent(tmp_path: Path, head: str) -> None:
    assert socket_findings(tmp_path, f"{head} + '/app/' + appId" + QUERY) == []


@pytest.mark.parametrize(
    "url",
    [
        "wsBase + '/app/' + appId + '?' + sessionStorage.getItem('q')",
        "wsBase + '/app/' + appId + '?accessToken=' + token",
    ],
)
def test_a_query_joined_from_a_name_or_a_token_is_not_judged(tmp_path: Path, url: str) -> None:
    assert socket_findings(tmp_path, url) == []


def test_a_plain_ws_socket_to_the_tenant_is_refused(tmp_path: Path) -> None:
    found = socket_findings(tmp_path, f"'ws://{TENANT}/app/' + appId" + QUERY)
    assert found == [("client-managed-api", 8)]
