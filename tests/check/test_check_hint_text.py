"""An input's placeholder (``<input placeholder="https://your-tenant.qlikcloud.com">``) is an example shown to the
person who types the tenant, not a value the code runs with: no placeholder, no tenant-mixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.facts.strings import is_hint_text
from mashup_gen.checker.js import Script

APP = (
    "const tenant = 'https://acme.us.qlikcloud.com';\n"
    "export const url = `${tenant}/api/v1/users/me`;\n"
    "export const items = 'https://acme.us.qlikcloud.com/api/v1/items';\n"
    "export function Connect({ value, setValue }) {\n"
    "  return (\n"
    "    <form>\n"
    '      <input type="text" placeholder="https://your-tenant.qlikcloud.com" value={value} />\n'
    '      <input placeholder="empresa.eu.qlikcloud.com (ej: otra.us.qlikcloud.com)" />\n'
    "    </form>\n"
    "  );\n"
    "}\n"
    "export const field = { placeholder: 'https://<tenant>.qlikcloud.com' };\n"
)


def rules_at(tmp_path: Path, code: str) -> list[tuple[str, int | None]]:
    (tmp_path / "package.json").write_text('{"dependencies": {"react": "^18.0.0"}}')
    (tmp_path / "index.html").write_text('<div id="root"></div><script type="module" src="/src/App.jsx"></script>\n')
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "App.jsx").write_text(code)
    found = check_paths([str(tmp_path)]).sorted()
    return [(f.rule, f.line) for f in found if f.rule in ("placeholder", "tenant-mixed")]


def test_an_inputs_placeholder_is_no_value(tmp_path: Path) -> None:
    assert rules_at(tmp_path, APP) == []


def test_the_same_urls_as_values_are_still_judged(tmp_path: Path) -> None:
    code = (
        APP
        + "export const fallback = 'https://your-tenant.qlikcloud.com';\nexport const b = 'https://beta.eu.qlikcloud.com';\n"
    )
    assert rules_at(tmp_path, code) == [("placeholder", 13), ("tenant-mixed", 14)]


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ('<input placeholder="x" />', True),
        ("const field = { placeholder: 'x' };", True),
        ("input.placeholder = 'x';", True),
        ("const host = 'x';", False),
        ("setPlaceholder('x');", False),
    ],
)
def test_is_hint_text(code: str, hint: bool) -> None:
    script = Script(code)
    index = next(i for i in range(len(script.tokens)) if script.string_value(i) == "x")
    assert is_hint_text(script, index) is hint


def test_markup_in_a_string_and_vs_codes_place_holder_are_hints(tmp_path: Path) -> None:
    code = APP + (
        "export const html = `<label>Tenant</label>\n"
        '<input id="t" placeholder="https://your-tenant.qlikcloud.com" value="${state.url}">`;\n'
        "export const ask = () => vscode.window.showInputBox({ placeHolder: 'https://your-tenant.qlikcloud.com' });\n"
    )
    assert rules_at(tmp_path, code) == []


def test_a_table_of_environment_variable_names_holds_no_value(tmp_path: Path) -> None:
    code = APP + "export const ENV = { QLIK_TENANT_URL: 'QLIK_TENANT_URL', QLIK_APP_ID: 'QLIK_APP_ID' };\n"
    assert rules_at(tmp_path, code) == []
    code = APP + "export const ENV = { QLIK_TENANT_URL: 'YOUR_TENANT_URL' };\n"  # a value never filled in
    assert rules_at(tmp_path, code) == [("placeholder", 13)]


def test_a_value_named_like_its_key_is_still_a_placeholder(tmp_path: Path) -> None:
    assert rules_at(tmp_path, APP + "export const settings = { appId: 'appId' };\n") == [("placeholder", 13)]
