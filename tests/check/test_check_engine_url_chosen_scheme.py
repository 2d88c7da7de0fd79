"""An engine URL whose scheme a template chooses (``ws${secure ? 's' : ''}://${host}/app/...``, enigma.js's own
example, or ``${secure ? 'wss' : 'ws'}://...``) is a WebSocket URL either way, judged like one written whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

CONNECT = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";
const config = { host: window.QLIK_HOST, isSecure: true, appId: "@APP@" };
const session = enigma.create({
  schema,
  url: `@SCHEME@://${config.host}/app/${config.appId}@QUERY@`,
});
session.open().then((global) => global.openDoc(config.appId));
"""


def engine_rules(tmp_path: Path, scheme: str, query: str) -> set[tuple[str, int]]:
    code = CONNECT.replace("@SCHEME@", scheme).replace("@QUERY@", query).replace("@APP@", APP)
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": code,
        },
    )
    found = check_paths([str(tmp_path)]).findings
    return {(f.rule, f.line) for f in found if f.rule.startswith("engine-url-")}


SCHEMES = ["ws${config.isSecure ? 's' : ''}", "${config.isSecure ? 'wss' : 'ws'}"]


@pytest.mark.parametrize("scheme", SCHEMES, ids=["ws-then-s", "wss-or-ws"])
def test_a_chosen_scheme_engine_url_without_the_parameters_is_reported(tmp_path: Path, scheme: str) -> None:
    assert engine_rules(tmp_path, scheme, "") == {
        ("engine-url-no-web-integration-id", 6),
        ("engine-url-no-csrf", 6),
    }


@pytest.mark.parametrize("scheme", SCHEMES, ids=["ws-then-s", "wss-or-ws"])
def test_a_chosen_scheme_engine_url_with_both_parameters_is_silent(tmp_path: Path, scheme: str) -> None:
    query = f"?qlik-web-integration-id={ID}&qlik-csrf-token=${{window.csrf}}"
    assert engine_rules(tmp_path, scheme, query) == set()
    assert TENANT  # the host is the page's choice here (window.QLIK_HOST)
