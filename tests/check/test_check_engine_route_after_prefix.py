"""An engine URL whose route follows an interpolated prefix (``wss://${host}${prefix}app/${appId}``: the prefix
ends in the slash) is the engine's socket as much as one that writes ``/app/`` out: without the web integration
id and the CSRF token Qlik Cloud refuses it; with both it is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body>
<script src="https://unpkg.com/enigma.js/enigma.min.js"></script>
<script>
const config = {{ host: 'acme.eu.qlikcloud.com', appId: '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e', prefix: '/' }};
const session = enigma.create({{
  url: `wss://${{config.host}}${{config.prefix}}app/${{config.appId}}{query}`,
  schema,
}});
session.open().then(global => global.openDoc(config.appId));
</script></body></html>
"""
SIGNED = "?qlik-web-integration-id=${id}&qlik-csrf-token=${csrf}"


def engine_findings(path: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(path)]).sorted() if f.rule.startswith("engine-url-")]


def test_a_route_after_an_interpolated_prefix_is_an_engine_url(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(query=""))
    assert engine_findings(tmp_path) == [("engine-url-no-csrf", 6), ("engine-url-no-web-integration-id", 6)]


@pytest.mark.parametrize("query", [SIGNED])
def test_the_same_url_with_the_id_and_token_is_silent(tmp_path: Path, query: str) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(query=query))
    assert engine_findings(tmp_path) == []
