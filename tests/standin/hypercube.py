"""The stand-in engine's data: one small table every app holds, and the hypercubes computed from it.

A hypercube groups the table's rows by its dimensions (fields) and computes its measures for each group, over
the rows the current selections leave possible. The layout it gives follows Qlik's engine: `qHyperCube` with
`qDimensionInfo`, `qMeasureInfo` and `qDataPages[0].qMatrix` (cells `{qText, qNum, qElemNumber, qState}`), and
an expression the stand-in cannot evaluate reported as `qError`, not as a failed call.

Measures it evaluates: `Sum`, `Count` (optionally `DISTINCT`), `Avg`, `Min` and `Max` of one field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The table every stand-in app holds: Region x Product with Sales and Quantity.
FIELDS = ("Region", "Product", "Sales", "Quantity")
ROWS: tuple[tuple[str, str, float, int], ...] = (
    ("North", "Bikes", 120.0, 4),
    ("North", "Helmets", 30.0, 6),
    ("South", "Bikes", 80.0, 3),
    ("South", "Helmets", 45.0, 9),
    ("East", "Bikes", 60.0, 2),
    ("West", "Helmets", 25.0, 5),
    ("West", "Bikes", 40.0, 1),
)

# qErrorCode the engine puts in a layout for an expression it cannot evaluate.
QERROR_BAD_EXPRESSION = 7005
QERROR_BAD_FIELD = 7006

_AGGREGATION = re.compile(
    r"^\s*(?P<fn>sum|count|avg|min|max)\s*\(\s*(?P<distinct>distinct\s+)?(?:\[(?P<bracketed>[^\]]+)\]|(?P<name>\w+))\s*\)\s*$",
    re.IGNORECASE,
)


def column(name: str) -> int | None:
    """The index of a field of the table, or None for a name the table does not have."""
    return FIELDS.index(name) if name in FIELDS else None


def distinct(index: int) -> list[Any]:
    """A field's distinct values in load order: qElemNumber is the position in this list."""
    values: list[Any] = []
    for row in ROWS:
        if row[index] not in values:
            values.append(row[index])
    return values


def evaluate(expression: str, rows: Sequence[tuple[Any, ...]]) -> float:
    """Evaluate a measure over rows; raise ValueError for an expression the stand-in does not know."""
    match = _AGGREGATION.match(expression.lstrip("="))
    if match is None:
        raise ValueError(f"unknown expression {expression!r}")
    index = column(match["bracketed"] or match["name"])
    if index is None:
        raise ValueError(f"unknown field in {expression!r}")
    fn = match["fn"].lower()
    values = [row[index] for row in rows]
    if fn == "count":
        return float(len(set(values)) if match["distinct"] else len(values))
    numbers = [v for v in values if isinstance(v, int | float)]
    if not numbers:
        return 0.0
    if fn == "sum":
        return float(sum(numbers))
    if fn == "avg":
        return float(sum(numbers) / len(numbers))
    return float(min(numbers) if fn == "min" else max(numbers))


def number_text(value: float) -> str:
    """A number as the engine's qText shows it here: whole numbers without decimals, others with two."""
    return str(int(value)) if value == int(value) else f"{value:.2f}"


@dataclass
class Cube:
    """One session object's hypercube definition."""

    qtype: str
    qid: str
    properties: dict[str, Any]
    dimensions: list[str]
    measures: list[str]
    fetch: tuple[int, int]


#: Field index -> the values selected in it (a field without selection is absent).
Selections = dict[int, set[Any]]


def possible_rows(selections: Selections) -> list[tuple[Any, ...]]:
    """The rows every selection allows."""
    return [row for row in ROWS if all(row[i] in chosen for i, chosen in selections.items())]


def layout(cube: Cube, selections: Selections) -> dict[str, Any]:
    """The object's layout: its properties echoed, with the hypercube computed under the selections."""
    rows = possible_rows(selections)
    dim_info: list[dict[str, Any]] = []
    error: dict[str, Any] | None = None
    columns: list[int] = []
    for name in cube.dimensions:
        index = column(name)
        info: dict[str, Any] = {"qFallbackTitle": name, "qCardinal": 0, "qGroupFieldDefs": [name]}
        if index is None:
            info["qError"] = {"qErrorCode": QERROR_BAD_FIELD, "qContext": name}
            error = error or {"qErrorCode": QERROR_BAD_FIELD, "qContext": name}
        else:
            info["qCardinal"] = len(distinct(index))
            info["qStateCounts"] = {"qSelected": len(selections.get(index, ()))}
            columns.append(index)
        dim_info.append(info)
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    if error is None:
        for row in rows:
            groups.setdefault(tuple(row[i] for i in columns), []).append(row)
    measure_info: list[dict[str, Any]] = []
    values: list[list[float | None]] = [[] for _ in groups]
    for expression in cube.measures:
        info = {"qFallbackTitle": expression, "qMin": 0, "qMax": 0}
        try:
            computed = [evaluate(expression, group) for group in groups.values()]
        except ValueError:
            info["qError"] = {"qErrorCode": QERROR_BAD_EXPRESSION, "qContext": expression}
            computed = [None] * len(groups)
        else:
            if computed:
                info["qMin"], info["qMax"] = min(computed), max(computed)
        for row_values, value in zip(values, computed, strict=True):
            row_values.append(value)
        measure_info.append(info)
    matrix: list[list[dict[str, Any]]] = []
    for (key, _), measures in zip(groups.items(), values, strict=True):
        cells = []
        for index, value in zip(columns, key, strict=True):
            selected = index in selections and value in selections[index]
            cell: dict[str, Any] = {
                "qText": value if isinstance(value, str) else number_text(value),
                "qElemNumber": distinct(index).index(value),
                "qState": "S" if selected else "O",
            }
            if isinstance(value, int | float):
                cell["qNum"] = value
            else:
                cell["qNum"] = "NaN"
            cells.append(cell)
        for value in measures:
            if value is None:
                cells.append({"qText": "-", "qNum": "NaN", "qElemNumber": -2, "qState": "L", "qIsNull": True})
            else:
                cells.append({"qText": number_text(value), "qNum": value, "qElemNumber": 0, "qState": "L"})
        matrix.append(cells)
    width, height = cube.fetch
    page = [row[:width] for row in matrix[:height]]
    hypercube: dict[str, Any] = {
        "qSize": {"qcx": len(columns) + len(cube.measures), "qcy": len(matrix)},
        "qDimensionInfo": dim_info,
        "qMeasureInfo": measure_info,
        "qDataPages": [
            {
                "qArea": {
                    "qTop": 0,
                    "qLeft": 0,
                    "qWidth": min(width, len(page[0]) if page else 0),
                    "qHeight": len(page),
                },
                "qMatrix": page,
            }
        ],
    }
    if error is not None:
        hypercube["qError"] = error
    layout = {k: v for k, v in cube.properties.items() if k != "qHyperCubeDef"}
    layout["qInfo"] = {"qId": cube.qid, "qType": cube.qtype}
    layout["qHyperCube"] = hypercube
    layout["qSelectionInfo"] = {"qInSelections": False}
    return layout


def select(cube: Cube, selections: Selections, dim_no: int, values: Sequence[Any], toggle: bool) -> bool:
    """Select the values (qElemNumbers) of the cube's dimension ``dim_no``; toggle adds to or removes from the
    field's selection. Returns False when the dimension is no field of the table."""
    index = column(cube.dimensions[dim_no])
    if index is None:
        return False
    values_of_field = distinct(index)
    chosen = {values_of_field[v] for v in values if isinstance(v, int) and 0 <= v < len(values_of_field)}
    current = selections.get(index, set())
    new = current ^ chosen if toggle else chosen
    if new:
        selections[index] = new
    else:
        selections.pop(index, None)
    return True
