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


JOINED = """import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";
const config = { host: window.QLIK_HOST, isSecure: true, appId: "@APP@" };
@URL@
enigma.create({ schema, url }).open();
"""
PROTOCOL = 'const protocol = config.isSecure ? "wss" : "ws";\n'


@pytest.mark.parametrize(
    "url",
    [
        'const url = (config.isSecure ? "wss://" : "ws://") + config.host + "/app/" + config.appId@QUERY@;',
        PROTOCOL + "const url = `${protocol}://${config.host}/app/${config.appId}@TEMPLATE_QUERY@`;",
        'const protocol = location.protocol === "https:" ? "wss:" : "ws:";\n'
        "const url = `${protocol}//${config.host}/app/${config.appId}@TEMPLATE_QUERY@`;",
    ],
    ids=["parenthesized-choice-joined", "scheme-in-a-constant", "scheme-with-colon-in-a-constant"],
)
@pytest.mark.parametrize("with_parameters", [False, True], ids=["bare", "with-parameters"])
def test_a_scheme_chosen_elsewhere_starts_a_socket_url(tmp_path: Path, url: str, with_parameters: bool) -> None:
    query = f' + "?qlik-web-integration-id={ID}&qlik-csrf-token=" + window.csrf' if with_parameters else ""
    template_query = f"?qlik-web-integration-id={ID}&qlik-csrf-token=${{window.csrf}}" if with_parameters else ""
    code = JOINED.replace("@URL@", url.replace("@QUERY@", query).replace("@TEMPLATE_QUERY@", template_query))
    write(
        tmp_path,
        {
            "package.json": '{"name": "e", "dependencies": {"enigma.js": "2"}}',
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": code.replace("@APP@", APP),
        },
    )
    found = {f.rule for f in check_paths([str(tmp_path)]).findings if f.rule.startswith("engine-url-")}
    assert found == (set() if with_parameters else {"engine-url-no-web-integration-id", "engine-url-no-csrf"})
