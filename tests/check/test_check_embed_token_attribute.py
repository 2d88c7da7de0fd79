"""An access token written on a ``<qlik-embed>`` element or on qlik-embed's script tag as an attribute
(``data-access-token``, ``access-token``, ``token``), in markup or by code (``setAttribute``, ``dataset``): the
loader builds its host config from a fixed list of settings, none of them a token, so the token signs nothing
in: the error ``embed-token-attribute``, at the line that writes it. The documented hand-over (a global function
named by ``data-get-access-token``), a token attribute the project's own code reads back, and a token attribute on
another element are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
CLIENT = "0123456789abcdef0123456789abcdef"
SET = 'document.querySelector("qlik-embed").setAttribute'
FETCH = 'const r = await fetch("/api/qlik-token");\n  const token = await r.text();\n'


def page(loader: str, element: str, script: str = "") -> str:
    """A qlik-embed page: the loader's extra attributes on line 3, the element on line 5, the script from 6."""
    return (
        f'<!doctype html><html><head>\n<script crossorigin="anonymous" src="{SRC}"\n  data-host="https://{TENANT}" '
        f'data-auth-type="Oauth2" data-client-id="{CLIENT}" {loader}></script>\n</head><body>\n{element}\n'
        f"<script>\n{script}</script>\n</body></html>\n"
    )


ELEMENT = f'<qlik-embed id="sales" ui="classic/app" app-id="{APP}"></qlik-embed>'


def token_attributes(root: Path) -> list[tuple[int, str]]:
    found = [f for f in check_paths([str(root)]).sorted() if f.rule == "embed-token-attribute"]
    assert all(f.severity.value == "error" for f in found)
    return [(f.line or 0, f.message) for f in found]


@pytest.mark.parametrize(
    ("script", "line", "name"),
    [
        (
            f'async function init() {{\n  {FETCH}  {SET}("data-access-token", token);\n}}\ninit();\n',
            10,
            "data-access-token",
        ),
        (
            f'async function init() {{\n  {FETCH}  const chart = document.getElementById("sales");\n'
            '  chart.setAttribute("access-token", token);\n}\ninit();\n',
            11,
            "access-token",
        ),
        (
            f"async function init() {{\n  {FETCH}  document.querySelectorAll('qlik-embed').forEach((el) => {{\n"
            "    el.dataset.accessToken = token;\n  });\n}\ninit();\n",
            11,
            "data-access-token",
        ),
    ],
    ids=["setAttribute on the element found by tag", "setAttribute on the element found by id", "dataset in a loop"],
)
def test_code_setting_a_token_attribute_on_the_element_is_an_error(
    tmp_path: Path, script: str, line: int, name: str
) -> None:
    write(tmp_path, {"index.html": page("", ELEMENT, script)})
    [(found, message)] = token_attributes(tmp_path)
    assert found == line
    assert name in message


def test_a_token_attribute_in_markup_is_an_error(tmp_path: Path) -> None:
    element = f'<qlik-embed ui="classic/app" app-id="{APP}" access-token="eyJhbGciOi.x.y"></qlik-embed>'
    write(tmp_path, {"index.html": page('data-access-token="eyJhbGciOi.x.y"', element)})
    assert [line for line, _ in token_attributes(tmp_path)] == [3, 5]


@pytest.mark.parametrize(
    ("loader", "script"),
    [
        # the documented hand-over: a global function named by data-get-access-token
        ('data-get-access-token="getToken"', f"async function getToken() {{\n  {FETCH}  return token;\n}}\n"),
        # the attribute is the page's own store, read back by the function qlik-embed calls
        (
            'data-get-access-token="getToken"',
            f'async function load() {{\n  {FETCH}  {SET}("data-access-token", token);\n}}\n'
            'function getToken() {\n  return document.querySelector("qlik-embed").getAttribute('
            '"data-access-token");\n}\nload();\n',
        ),
        # another element's attribute is the page's own business
        (
            "",
            f"async function init() {{\n  {FETCH}  "
            'document.getElementById("status").setAttribute("data-token", token);\n}\n',
        ),
        # the same function looks the element up for something else: the attribute is another element's
        (
            "",
            'document.addEventListener("DOMContentLoaded", async () => {\n'
            '  document.querySelector("qlik-embed").setAttribute("theme", "breeze");\n'
            f"  {FETCH}"
            '  document.getElementById("status").setAttribute("data-token", token);\n});\n',
        ),
    ],
    ids=["token function", "read back by the token function", "another element", "another element beside it"],
)
def test_a_token_handed_over_properly_or_elsewhere_is_silent(tmp_path: Path, loader: str, script: str) -> None:
    element = ELEMENT + '\n<div id="status"></div>'
    write(tmp_path, {"index.html": page(loader, element, script)})
    assert token_attributes(tmp_path) == []


def component(config: str) -> str:
    """A React component handing @qlik/embed-react a host config (the token key on line 7)."""
    return (
        'import { QlikEmbed } from "@qlik/embed-react";\n'
        "export function Sales({ token }) {\n"
        "  const hostConfig = {\n"
        f'    host: "https://{TENANT}",\n'
        '    authType: "Oauth2",\n'
        f'    clientId: "{CLIENT}",\n'
        f"    {config}\n"
        "  };\n"
        f'  return <QlikEmbed hostConfig={{hostConfig}} ui="classic/app" appId="{APP}" />;\n'
        "}\n"
    )


def test_a_token_in_a_host_config_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"react": "^18.2.0", "@qlik/embed-react": "^1.2.0"}}',
            "src/Sales.jsx": component("accessToken: token,"),
        },
    )
    [(line, message)] = token_attributes(tmp_path)
    assert line == 7 and message.startswith("accessToken is no setting of a host config")


def test_a_token_function_in_a_host_config_is_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"react": "^18.2.0", "@qlik/embed-react": "^1.2.0"}}',
            "src/Sales.jsx": component("getAccessToken: async () => token,"),
        },
    )
    assert token_attributes(tmp_path) == []


def test_a_token_prop_on_the_element_in_jsx_is_an_error(tmp_path: Path) -> None:
    chart = (
        "export function Sales({ token }) {\n"
        f'  return <qlik-embed ui="classic/app" app-id="{APP}" access-token={{token}} />;\n'
        "}\n"
    )
    write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"react": "^18.2.0"}}',
            "index.html": page("", '<div id="root"></div>', ""),
            "src/Sales.jsx": chart,
        },
    )
    assert [line for line, _ in token_attributes(tmp_path)] == [2]
