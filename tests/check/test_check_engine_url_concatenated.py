"""An engine URL written as a concatenation that starts with the scheme alone (``'wss://' + host + '/app/' +
appId``), in a variable handed to enigma.js or to a plain ``new WebSocket(...)``, is the engine's socket: without
the web integration id and the CSRF token Qlik Cloud refuses it, and the page needs a login flow. With both
parameters concatenated in, it is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

HEAD = """<!doctype html><html><body>
<script src="https://unpkg.com/enigma.js/enigma.min.js"></script>
<script>
const host = 'acme.eu.qlikcloud.com';
const appId = '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e';
"""
ENIGMA = """const url = 'wss://' + host + '/app/' + appId{query};
const session = enigma.create({{ schema, url }});
session.open().then((global) => global.openDoc(appId));
</script></body></html>
"""
RAW = """const socket = new WebSocket('wss://' + host + '/app/' + appId{query});
socket.onopen = () => socket.send(JSON.stringify({{ jsonrpc: '2.0', id: 1, method: 'OpenDoc', handle: -1,
  params: [appId] }}));
</script></body></html>
"""
SIGNED = " + '?qlik-web-integration-id=' + id + '&qlik-csrf-token=' + csrf"


def engine_findings(path: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(path)]).sorted() if f.rule.startswith("engine-url-")]


@pytest.mark.parametrize("body", [ENIGMA, RAW])
def test_a_concatenated_engine_url_without_the_id_and_token_is_reported(tmp_path: Path, body: str) -> None:
    (tmp_path / "index.html").write_text(HEAD + body.format(query=""))
    assert engine_findings(tmp_path) == [("engine-url-no-csrf", 6), ("engine-url-no-web-integration-id", 6)]


@pytest.mark.parametrize("body", [ENIGMA, RAW])
def test_the_same_url_with_both_parameters_is_silent(tmp_path: Path, body: str) -> None:
    (tmp_path / "index.html").write_text(HEAD + body.format(query=SIGNED))
    assert engine_findings(tmp_path) == []
