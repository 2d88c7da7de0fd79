"""Qlik Cloud's rules for the engine socket (the web integration id and the CSRF token in its URL) are judged on
sockets to a Qlik Cloud tenant, or to a host the code computes: a socket written whole to a named
client-managed server (Qlik's demo site, a company's Sense server) takes neither."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

APP = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";
const url = new URLSearchParams(location.search).get("engine_url") || "@URL@";
enigma.create({ schema, url }).open();
"""


def engine_rules(root: Path) -> set[str]:
    return {f.rule for f in check_paths([str(root)]).findings if f.rule.startswith("engine-url-")}


@pytest.mark.parametrize(
    ("url", "judged"),
    [
        ("wss://acme.eu.qlikcloud.com/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", True),
        ("wss://sense-demo.qlik.com/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", False),
        ("wss://qlik.corp.example/hdr/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", False),
        ("wss://${tenant}/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", True),
    ],
    ids=["cloud", "qlik-demo-server", "company-server", "computed-host"],
)
def test_engine_url_rules_judge_sockets_to_qlik_cloud(tmp_path: Path, url: str, judged: bool) -> None:
    code = APP.replace("@URL@", url)
    if "${" in url:
        code = "const tenant = window.TENANT;\n" + code.replace(f'"{url}"', f"`{url}`")
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script>',
            "main.js": code,
        },
    )
    found = engine_rules(tmp_path)
    assert (found == {"engine-url-no-web-integration-id", "engine-url-no-csrf"}) is judged
    if not judged:
        assert found == set()


@pytest.mark.parametrize(
    "url",
    [
        "ws://localhost:9076/app/engineData",
        "ws://localhost:4848/app/Helpdesk.qvf",
        "ws://qlik.corp.example/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
    ],
    ids=["qlik-core", "desktop", "plain-ws"],
)
def test_a_page_opening_a_local_or_plain_ws_engine_gets_one_client_managed_finding(tmp_path: Path, url: str) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script>',
            "main.js": APP.replace("@URL@", url),
        },
    )
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.severity.value == "error"]
    assert ("client-managed-api", 3) in found
    assert not [rule for rule, _ in found if rule.startswith("engine-url-")]


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("ws://${window.location.hostname || 'localhost'}:9076/app/apps/sales.qvf", "local engine"),
        ("ws://${tenant}/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", "plain ws://"),
    ],
)
def test_a_computed_host_on_an_engines_port_or_plain_ws(tmp_path: Path, url: str, what: str) -> None:
    code = "const tenant = window.TENANT;\n" + APP.replace('"@URL@"', f"`{url}`")
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script>',
            "main.js": code,
        },
    )
    errors = [f for f in check_paths([str(tmp_path)]).sorted() if f.severity.value == "error"]
    assert [(f.rule, f.line) for f in errors if f.rule != "login-missing"] == [("client-managed-api", 4)]
    assert what in errors[0].message or any(what in f.message for f in errors)


CLOUD = """export default function connect({ host, webIntegrationId, appId, csrf }) {
  return new WebSocket(`wss://${host}/app/${appId}?qlik-web-integration-id=${webIntegrationId}&qlik-csrf-token=${csrf}`);
}
"""


def test_a_local_socket_beside_a_qlik_cloud_one_is_the_development_switch(tmp_path: Path) -> None:
    """``config.local ? connectLocal() : connect(config)``: the page deployed for Qlik Cloud opens the cloud one."""
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script>',
            "main.js": APP.replace("@URL@", "ws://localhost:9076/app/engineData"),
            "cloud.js": CLOUD,
        },
    )
    assert "client-managed-api" not in {f.rule for f in check_paths([str(tmp_path)]).findings}
