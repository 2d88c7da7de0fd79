"""@qlik/embed-react's ``<QlikEmbed ui="analytics/chart" appId=...>`` renders qlik-embed with the same props: without
an ``objectId`` (or a ``type`` for a chart made on the fly) it shows an error instead of the chart. An element
that spreads props, whose ui is computed, or of another ui (whose props took other names in some versions:
classic/app's app and sheet) is not judged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

APP = "133dab5d-8f56-4d40-b3e0-a6b401391bde"
PAGE = '<!doctype html><html><body><script type="module" src="/src/Chart.jsx"></script></body></html>'
COMPONENT = """import { QlikEmbed } from '@qlik/embed-react';

export default function Chart(props) {
  return (
    <div>
      @ELEMENT@
    </div>
  );
}
"""


def incomplete(tmp_path: Path, element: str) -> list[tuple[int, str]]:
    write(
        tmp_path,
        {
            "package.json": json.dumps({"name": "r", "dependencies": {"react": "18", "@qlik/embed-react": "1.2.0"}}),
            "index.html": PAGE,
            "src/Chart.jsx": COMPONENT.replace("@ELEMENT@", element),
        },
    )
    findings = check_paths([str(tmp_path)]).sorted()
    return [(f.line, f.message) for f in findings if f.rule == "embed-element-incomplete"]


@pytest.mark.parametrize(
    ("element", "missing"),
    [
        (f'<QlikEmbed ui="analytics/chart" appId="{APP}" />', "objectId"),
        ('<QlikEmbed ui="analytics/chart" appId={props.app} />', "objectId"),
    ],
)
def test_a_literal_ui_without_what_it_needs(tmp_path: Path, element: str, missing: str) -> None:
    assert [(line, message.endswith(f"has no {missing}")) for line, message in incomplete(tmp_path, element)] == [
        (6, True)
    ]


@pytest.mark.parametrize(
    "element",
    [
        f'<QlikEmbed ui="analytics/chart" appId="{APP}" objectId="abcd" />',
        f'<QlikEmbed ui="analytics/chart" appId="{APP}" type="barchart" />',  # a chart made on the fly
        f'<QlikEmbed ui="analytics/chart" appId="{APP}" {{...props}} />',
        f'<QlikEmbed ui={{props.ui}} appId="{APP}" />',
        f'<QlikEmbed ui="analytics/selections" appId="{APP}" />',
        '<QlikEmbed ui="classic/app" app="x" sheet="y" />',  # classic/app's props had other names in some versions
    ],
)
def test_an_element_with_what_it_needs_or_props_from_elsewhere_is_silent(tmp_path: Path, element: str) -> None:
    assert incomplete(tmp_path, element) == []
