"""A ``<qlik-embed>`` whose ui needs an app (every ``analytics/`` and ``classic/`` ui but an offline
``analytics/snapshot``) or a chart or sheet id
(``analytics/chart`` without a chart type made on the fly, ``analytics/sheet``, ``classic/chart``) shows an error
when neither the element, an ancestor's ``data-qlik-embed-*``, a meta tag, the loader nor the page's code gives
it: the error ``embed-element-incomplete``. Elements given everything, or filled in by code, are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP
from tests.check_support import embed_page as page


def incomplete(root: Path) -> list[tuple[int, str]]:
    found = check_paths([str(root)]).sorted()
    return [(f.line or 0, f.message) for f in found if f.rule == "embed-element-incomplete"]


@pytest.mark.parametrize(
    ("element", "missing"),
    [
        ('<qlik-embed ui="classic/app" sheet-id="abcDE"></qlik-embed>', ["app-id"]),
        (f'<qlik-embed ui="analytics/chart" app-id="{APP}"></qlik-embed>', ["object-id"]),
        ('<qlik-embed ui="analytics/sheet"></qlik-embed>', ["app-id", "object-id"]),
        ('<qlik-embed ui="analytics/field" field="Region"></qlik-embed>', ["app-id"]),
    ],
)
def test_an_element_missing_what_its_ui_needs_is_reported(tmp_path: Path, element: str, missing: list[str]) -> None:
    (tmp_path / "index.html").write_text(page(element))
    assert [message.rsplit(" ", 1)[-1] for line, message in incomplete(tmp_path) if line == 4] == missing


@pytest.mark.parametrize(
    "body",
    [
        f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>',
        f'<qlik-embed ui="analytics/chart" app-id="{APP}" type="barchart" measures=\'["=Sum(Sales)"]\'></qlik-embed>',
        f'<div data-qlik-embed-app-id="{APP}"><qlik-embed ui="analytics/selections"></qlik-embed></div>',
        '<qlik-embed id="viz" ui="classic/app"></qlik-embed>\n'
        f'<script>document.getElementById("viz").setAttribute("app-id", "{APP}");</script>',
        '<qlik-embed ui="ai/assistant" assistant-id="abc"></qlik-embed>',
        # an offline snapshot draws its own JSON: no app behind it
        '<qlik-embed id="snap" ui="analytics/snapshot"></qlik-embed>\n'
        '<script>fetch("snapshot.json").then((r) => r.text()).then((t) =>'
        ' document.getElementById("snap").setAttribute("snapshot-data", t));</script>',
    ],
)
def test_complete_or_code_filled_elements_are_silent(tmp_path: Path, body: str) -> None:
    (tmp_path / "index.html").write_text(page(body))
    assert incomplete(tmp_path) == []
