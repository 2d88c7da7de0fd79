"""qlik-embed's and @qlik/api's host is the tenant's origin: both join their own paths to the value as written
(``<host>/qlik-embed/main.js``, ``<host>/api/v1``), adding https:// only when no scheme is there. A Qlik Cloud
URL with a path after the tenant or over plain http:// is reported where it is written, in a loader's data-host,
a <meta name="qlik-embed-host"> and a host config's host; the bare host, a trailing slash and a client-managed
server's prefix stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, TENANT, write

from mashup_gen.checker import check_paths

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
CLIENT = "0123456789abcdef0123456789abcdef"
ELEMENT = f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDEF"></qlik-embed>'


def loader_page(host: str, meta: bool = False) -> str:
    setting = "" if meta else f' data-host="{host}"'
    head = f'<meta name="qlik-embed-host" content="{host}">\n' if meta else ""
    return (
        f"<!doctype html>\n<html><head>\n{head}"
        f'<script crossorigin="anonymous" src="{SRC}"{setting} data-auth-type="cookie"\n'
        f'  data-web-integration-id="abcdefghijABCDEFGHIJ0123456789_-"></script>\n'
        f"</head><body>\n{ELEMENT}\n</body></html>\n"
    )


def host_findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int | None]]:
    write(tmp_path, files)
    return [
        (f.path.rsplit("/", 1)[-1], f.line)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule == "embed-host-not-origin"
    ]


@pytest.mark.parametrize("host", [f"https://{TENANT}/sense/app/{APP}", f"http://{TENANT}", f"https://{TENANT}/api/v1"])
@pytest.mark.parametrize("meta", [False, True], ids=["data-host", "meta"])
def test_a_loader_host_that_is_not_the_tenant_origin(tmp_path: Path, host: str, meta: bool) -> None:
    assert host_findings(tmp_path, {"index.html": loader_page(host, meta)}) == [("index.html", 3)]


@pytest.mark.parametrize("host", [f"https://{TENANT}", f"https://{TENANT}/", TENANT, "https://sense.corp.local/embed"])
def test_a_loader_host_that_is_an_origin_is_silent(tmp_path: Path, host: str) -> None:
    assert host_findings(tmp_path, {"index.html": loader_page(host)}) == []


def code(host: str) -> str:
    return (
        "import { auth, qix } from '@qlik/api';\n"
        f"auth.setDefaultHostConfig({{\n  host: '{host}',\n  authType: 'oauth2',\n  clientId: '{CLIENT}',\n}});\n"
        f"qix.openAppSession({{ appId: '{APP}' }});\n"
    )


def project(host: str) -> dict[str, str]:
    return {
        "package.json": '{"name": "a", "type": "module", "dependencies": {"@qlik/api": "2.19.0"}}',
        "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
        "main.js": code(host),
    }


def test_a_host_config_host_with_a_path_is_found(tmp_path: Path) -> None:
    assert host_findings(tmp_path, project(f"https://{TENANT}/api/v1")) == [("main.js", 3)]


@pytest.mark.parametrize("host", [TENANT, f"https://{TENANT}/"])
def test_a_host_config_host_that_is_an_origin_is_silent(tmp_path: Path, host: str) -> None:
    assert host_findings(tmp_path, project(host)) == []
