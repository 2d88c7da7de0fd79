"""A script that reads its app id from the Qlik Sense hub's own address (``location.pathname`` matched against
``/sense/app/<id>``) runs on the hub's page (pasted into its console, or injected there): its socket to the page's
own host is same-origin and signed in by the hub, so the engine-url rules do not judge it. The same socket in
code that does not run on the hub, or a socket to another host from the hub, is still judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

HUB = """(async () => {
  const m = location.pathname.match(/^(.*)\\/sense\\/app\\/([0-9a-f-]+)/i);
  const prefix = m[1] || "";
  const appId = m[2];
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(`${scheme}://%s${prefix}/app/${appId}`);
  ws.onopen = () => ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, handle: -1, method: "GetActiveDoc", params: [] }));
})();
"""


def engine_findings(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.line or 0) for f in found if f.rule.startswith("engine-url")]


def test_a_hub_scripts_same_origin_socket_is_not_judged(tmp_path: Path) -> None:
    write(tmp_path, {"scripts/variables.js": HUB % "${location.host}"})
    assert engine_findings(tmp_path) == []


@pytest.mark.parametrize(
    ("script", "host"),
    [
        # The same socket in a page's script that does not read the hub's address.
        (HUB.replace("location.pathname.match", "String(window.appPath).match"), "${location.host}"),
        # From the hub, a socket to another server.
        (HUB, "${tenantHost}"),
    ],
)
def test_other_sockets_are_still_judged(tmp_path: Path, script: str, host: str) -> None:
    code = "const tenantHost = 'acme.eu.qlikcloud.com';\n" + script % host
    write(tmp_path, {"scripts/variables.js": code})
    assert {rule for rule, _ in engine_findings(tmp_path)} == {
        "engine-url-no-csrf",
        "engine-url-no-web-integration-id",
    }
