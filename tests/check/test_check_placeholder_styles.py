"""More ways real code leaves a Qlik value unfilled: an x'd-out GUID, a bracketed name, REPLACE_ME, a value
blotted out with asterisks or cut short with dots when the code was published, "app id goes here". Real ids,
tenants and ordinary words stay values."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.facts.placeholders import is_placeholder


@pytest.mark.parametrize(
    "value",
    [
        "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "[YOUR_APP_ID]",
        "REPLACE_ME",
        "*****",
        "dc7755d243d14d646abcb1f......",
        "enter-app-id",
        "app id goes here",
    ],
)
def test_unfilled_values(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value", ["3f7c2a1e-9b8d-4c6e-a5f4-2d1b0c9e8f7a", "acme.eu.qlikcloud.com", "Xk3pQ9rT_aZ7bN2c", "sphere", "x1"]
)
def test_real_values(value: str) -> None:
    assert not is_placeholder(value)


def test_an_x_guid_app_id_in_code_is_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script src="app.js"></script></body></html>\n')
    (tmp_path / "app.js").write_text(
        "const config = { host: 'acme.eu.qlikcloud.com', appId: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' };\n"
    )
    found = [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]
    assert found == [("placeholder", 1)]


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        ('<qlik-embed ui="analytics/chart" app-id="133dab5d-8f56-4d40-b3e0-a6b401391bde" object-id="OBJECT_ID">', 1),
        ('<qlik-embed ui="analytics/sheet" app-id="133dab5d-8f56-4d40-b3e0-a6b401391bde" sheet-id="sheet_id">', 1),
        ('<qlik-embed ui="analytics/chart" app-id="133dab5d-8f56-4d40-b3e0-a6b401391bde" object-id="JRmKx">', 0),
    ],
)
def test_an_attribute_holding_its_own_name_is_unfilled(tmp_path: Path, element: str, expected: int) -> None:
    loader = (
        '<script src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.min.js" '
        'data-host="https://acme.eu.qlikcloud.com" data-auth-type="cookie" '
        'data-web-integration-id="Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"></script>'
    )
    (tmp_path / "index.html").write_text(f"<!doctype html><html><head>{loader}</head><body>\n{element}</qlik-embed>\n")
    found = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]
    assert [(f.line, "sheet or object id" in f.message) for f in found] == [(2, True)] * expected
