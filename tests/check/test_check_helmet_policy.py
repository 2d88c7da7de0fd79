"""csp-blocks-tenant: helmet's Content-Security-Policy header. Since helmet 4 its default policy is
default-src 'self' with no connect-src, so a page whose browser code opens the engine socket or calls the REST
API of the tenant is blocked; directives given to helmet whose connect-src (else default-src) leaves the tenant
out block it too. A connectSrc naming the tenant, a computed source, no policy (contentSecurityPolicy: false)
and helmet 3 (no default policy) stay silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

BROWSER = f"""const tenant = 'https://{TENANT}';
fetch(tenant + '/api/v1/users/me', {{ credentials: 'include', headers: {{ 'qlik-web-integration-id': wiid }} }})
  .then(() => enigma.create({{ schema, url: `wss://{TENANT}/app/${{appId}}?qlik-web-integration-id=${{w}}` }}));
"""
PAGE = '<!doctype html><html><body><script src="main.js"></script></body></html>\n'


def server(helmet_call: str) -> str:
    return (
        "const express = require('express');\n"
        "const helmet = require('helmet');\n"
        "const app = express();\n"
        f"app.use({helmet_call});\n"
        "app.use(express.static('public'));\n"
    )


def blocked(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "csp-blocks-tenant"]


def project(root: Path, helmet_call: str, version: str = "^7.1.0") -> Path:
    manifest = f'{{"dependencies": {{"express": "^4.19.2", "helmet": "{version}"}}}}'
    files = {"package.json": manifest, "server.js": server(helmet_call), "public/index.html": PAGE}
    return write(root, {**files, "public/main.js": BROWSER})


def test_helmets_default_policy_blocks_the_tenant(tmp_path: Path) -> None:
    assert blocked(project(tmp_path, "helmet()")) == [("server.js", 4)]


def test_a_connect_src_without_the_tenant_is_reported_where_it_is_written(tmp_path: Path) -> None:
    call = (
        "helmet({\n  contentSecurityPolicy: {\n    directives: {\n      defaultSrc: [\"'self'\"],\n"
        "      connectSrc: [\"'self'\", 'https://cdn.jsdelivr.net'],\n    },\n  },\n})"
    )
    assert blocked(project(tmp_path, call)) == [("server.js", 8)]


def test_a_connect_src_with_the_tenant_no_policy_or_a_computed_source_stay_silent(tmp_path: Path) -> None:
    sources = f"\"'self'\", 'https://{TENANT}', 'wss://{TENANT}'"
    allowed = f"helmet({{ contentSecurityPolicy: {{ directives: {{ connectSrc: [{sources}] }} }} }})"
    assert blocked(project(tmp_path / "a", allowed)) == []
    assert blocked(project(tmp_path / "b", "helmet({ contentSecurityPolicy: false })")) == []
    computed = "helmet({ contentSecurityPolicy: { directives: { connectSrc: [\"'self'\", process.env.TENANT] } } })"
    assert blocked(project(tmp_path / "c", computed)) == []
    assert blocked(project(tmp_path / "d", "helmet()", version="^3.23.3")) == []


def test_a_page_that_talks_only_to_its_own_server_is_not_judged(tmp_path: Path) -> None:
    project(tmp_path, "helmet()")
    write(tmp_path, {"public/main.js": "fetch('/report').then((r) => r.json());\n"})
    assert blocked(tmp_path) == []
