"""A Qlik URL template that takes its tenant (`wss://${HOST}/app/...`, `https://${HOST}/api/v1/...`,
`${TENANT_URL}/api/v1/...`) or its engine app id (`wss://.../app/${APP}`) from a constant is judged at the
constant: an empty or placeholder value there is a tenant or app left unfilled, whatever the constant is called.
An empty base before the path (the page's own origin, through a proxy), a name assigned again later, and real
values stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script src="main.js"></script></body></html>'
ENGINE = (
    "enigma.create({ schema: {}, url: `wss://${HOST}/app/${APPID}?qlik-web-integration-id="
    + ID
    + "&qlik-csrf-token=${t}` });\n"
)
REST = (
    "fetch(`${BASE}/api/v1/items`, { credentials: 'include', headers: { 'qlik-web-integration-id': '" + ID + "' } });\n"
)


def placeholder_lines(tmp_path: Path, constants: str, use: str = ENGINE) -> list[int | None]:
    write(tmp_path, {"index.html": PAGE, "main.js": constants + "const t = sessionStorage.getItem('t');\n" + use})
    return sorted(f.line for f in check_paths([str(tmp_path)]).findings if f.rule == "placeholder")


@pytest.mark.parametrize(
    ("constants", "lines"),
    [
        (f"const HOST = '';\nconst APPID = '{APP}';\n", [1]),
        (f"const HOST = 'QLIK_HOST';\nconst APPID = '{APP}';\n", [1]),
        (f"const HOST = '{TENANT}';\nconst APPID = '';\n", [2]),
        (f"const HOST = '{TENANT}';\nconst APPID = 'YOUR_APP';\n", [2]),
    ],
    ids=["empty-host", "host-placeholder", "empty-app", "app-placeholder"],
)
def test_an_unfilled_constant_in_the_engine_url(tmp_path: Path, constants: str, lines: list[int]) -> None:
    assert placeholder_lines(tmp_path, constants) == lines


def test_a_placeholder_base_before_the_rest_path(tmp_path: Path) -> None:
    assert placeholder_lines(tmp_path, "const BASE = 'tenant-url';\n", REST) == [1]


@pytest.mark.parametrize(
    ("constants", "use"),
    [
        (f"const HOST = '{TENANT}';\nconst APPID = '{APP}';\n", ENGINE),
        (f"let HOST = '';\nHOST = location.hash.slice(1);\nconst APPID = '{APP}';\n", ENGINE),
        ("const BASE = '';\n", REST),
    ],
    ids=["real", "assigned-later", "same-origin-base"],
)
def test_real_later_or_same_origin_values_are_silent(tmp_path: Path, constants: str, use: str) -> None:
    assert placeholder_lines(tmp_path, constants, use) == []


def test_a_global_of_another_classic_script(tmp_path: Path) -> None:
    page = '<!doctype html><html><body><script src="config.js"></script><script src="main.js"></script></body></html>'
    main = "const t = sessionStorage.getItem('t');\n" + ENGINE
    write(tmp_path, {"index.html": page, "config.js": f"var HOST = '';\nvar APPID = '{APP}';\n", "main.js": main})
    found = [
        (f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(tmp_path)]).findings if f.rule == "placeholder"
    ]
    assert found == [("config.js", 1)]


def test_a_parameter_is_not_a_component_prop_of_the_same_name(tmp_path: Path) -> None:
    connect = (
        "export default function connect({ host, appId }) {\n"
        "  const t = sessionStorage.getItem('t');\n"
        f"  return enigma.create({{ schema: {{}}, url: `wss://${{host}}/app/${{appId}}?qlik-web-integration-id={ID}"
        "&qlik-csrf-token=${t}` });\n}\n"
    )
    files = {
        "package.json": '{"name": "s", "devDependencies": {"svelte": "4.0.0", "vite": "5.0.0"}}',
        "index.html": '<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>',
        "src/App.svelte": '<script>\n  export let host = "";\n</script>\n<p>{host}</p>\n',
        "src/connect.js": connect,
        "src/main.js": f"import connect from './connect.js';\nconnect({{ host: '{TENANT}', appId: '{APP}' }});\n",
    }
    write(tmp_path, files)
    assert [f for f in check_paths([str(tmp_path)]).findings if f.rule == "placeholder"] == []


def test_a_parameter_default_is_not_the_value_used(tmp_path: Path) -> None:
    code = (
        "function open(host = '', appId = '') {\n  const t = sessionStorage.getItem('t');\n"
        f"  return enigma.create({{ schema: {{}}, url: `wss://${{host}}/app/${{appId}}?qlik-web-integration-id={ID}"
        "&qlik-csrf-token=${t}` });\n}\n"
        f"open('{TENANT}', '{APP}');\n"
    )
    write(tmp_path, {"index.html": PAGE, "main.js": code})
    assert [f for f in check_paths([str(tmp_path)]).findings if f.rule == "placeholder"] == []
