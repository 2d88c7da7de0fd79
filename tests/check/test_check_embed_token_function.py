"""qlik-embed's data-get-access-token names a property of the global object (@qlik/api looks the value up as
globalThis[value]): a call written as the value, or a function declared in a module script or with const at the
top of a classic script, is never found; a classic `function`, or a module assigning window.name, is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "0123456789abcdef0123456789abcdef"


def _page(value: str, script: str, script_type: str = "") -> str:
    kind = f' type="{script_type}"' if script_type else ""
    return (
        "<!doctype html><html><head>\n"
        '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
        f'index.js" data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="{CLIENT}"\n'
        f'  data-get-access-token="{value}"></script>\n'
        f"<script{kind}>\n{script}</script>\n"
        f'</head><body><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>\n'
        "</body></html>\n"
    )


FETCH = '{\n  const r = await fetch("/token", { method: "POST" });\n  return r.text();\n}\n'


def _findings(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "embed-token-function"]


@pytest.mark.parametrize(
    ("value", "script", "script_type", "expected"),
    [
        ("getToken()", f"async function getToken() {FETCH}", "", [("embed-token-function", 3)]),
        ("getToken", f"async function getToken() {FETCH}", "module", [("embed-token-function", 5)]),
        ("getToken", f"const getToken = async () => {FETCH}", "", [("embed-token-function", 5)]),
        ("getToken", f"async function getToken() {FETCH}", "", []),
        ("getToken", f"var getToken = async function () {FETCH}", "", []),
        ("getToken", f"async function getToken() {FETCH}window.getToken = getToken;\n", "module", []),
        ("getToken", f"const getToken = async () => {FETCH}globalThis['getToken'] = getToken;\n", "", []),
    ],
)
def test_token_function_must_be_a_global_property(
    tmp_path: Path, value: str, script: str, script_type: str, expected: list
) -> None:
    write(tmp_path, {"index.html": _page(value, script, script_type)})
    assert _findings(tmp_path) == expected


def test_a_template_filled_value_is_not_judged(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": _page("{{ token_fn }}", f"async function other() {FETCH}")})
    assert _findings(tmp_path) == []
