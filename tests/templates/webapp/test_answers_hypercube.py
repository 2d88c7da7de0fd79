"""Answers of a web app's hypercube: dimensions (field names) and measures (expressions), typed or repeated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.answers import as_answer, check_answer, check_dimensions, check_measures, split_list
from mashup_gen.errors import InvalidValue


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Region", ["Region"]),
        ("Region Product", ["Region", "Product"]),
        ("Region, Product", ["Region", "Product"]),
        (" Region ,Product ", ["Region", "Product"]),
        ("[Order Date], Region", ["Order Date", "Region"]),
        ("[Order Date] Region", ["Order Date", "Region"]),
        ("", []),
    ],
)
def test_dimensions_typed(typed: str, expected: list[str]) -> None:
    assert check_dimensions(typed).value == expected


def test_dimensions_from_the_option_keep_spaces() -> None:
    assert check_dimensions(("Order Date", "[Ship Date]")).value == ["Order Date", "Ship Date"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sum(Sales)", ["Sum(Sales)"]),
        ("Sum(Sales), Count(DISTINCT Customer)", ["Sum(Sales)", "Count(DISTINCT Customer)"]),
        ("Sum(If(Year = 2024, Sales, 0)), Avg([Unit Price])", ["Sum(If(Year = 2024, Sales, 0))", "Avg([Unit Price])"]),
        ("Sum({<Region={'North, East'}>} Sales)", ["Sum({<Region={'North, East'}>} Sales)"]),
        ("Sum(Sales) / Count(Orders)", ["Sum(Sales) / Count(Orders)"]),
    ],
)
def test_measures_typed(typed: str, expected: list[str]) -> None:
    assert check_measures(typed).value == expected


def test_measures_from_the_option_are_whole_expressions() -> None:
    assert check_measures(("Sum(Sales), 2", " Count(X) ")).value == ["Sum(Sales), 2", "Count(X)"]


@pytest.mark.parametrize("bad", ["", " , ", (), ("Sum(Sales)", " ")])
def test_at_least_one_measure(bad: object) -> None:
    with pytest.raises(InvalidValue, match="expected a measure"):
        check_measures(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [("Sum(\x00Sales)",), "Sum(\x07)"])
def test_measures_refuse_control_characters(bad: object) -> None:
    with pytest.raises(InvalidValue, match="printable"):
        check_measures(bad)  # type: ignore[arg-type]


def test_empty_bracketed_field_is_refused() -> None:
    with pytest.raises(InvalidValue, match="field name"):
        check_dimensions(("[]",))


def test_check_answer_and_defaults_route_lists() -> None:
    assert check_answer("dimensions", "Region").value == ["Region"]
    assert check_answer("measures", ["Sum(Sales)"]).value == ["Sum(Sales)"]
    # A template's list default (a cookiecutter choice) arrives as its first item: it is stored as a list.
    assert as_answer("measures", "Sum(Sales)") == ["Sum(Sales)"]
    assert as_answer("title", "Sales") == "Sales"


_expression = st.text(st.characters(blacklist_categories=["Cs", "Cc", "Cn"]), min_size=1).filter(
    lambda s: s.strip() and "," not in s and not any(c in s for c in "()[]'\"")
)


@given(st.lists(_expression, min_size=1, max_size=5))
def test_comma_joined_measures_split_back(expressions: list[str]) -> None:
    expected = [e.strip() for e in expressions]
    assert split_list(", ".join(expressions), ",") == expected
