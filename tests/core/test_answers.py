"""Answers: identifier formats (as observed on Qlik Cloud), objects and element names, free text."""

from __future__ import annotations

import pytest

from mashup_gen.answers import (
    check_answer,
    check_app_id,
    check_objects,
    check_origins,
    check_text,
    check_web_integration_id,
    parse_object,
)
from mashup_gen.errors import InvalidValue


def test_web_integration_id() -> None:
    good = "abcdefghijABCDEFGHIJ0123456789_-"
    assert check_web_integration_id(f" {good} ").value == good
    assert check_web_integration_id(good).warnings == []
    short = check_web_integration_id("abc")
    assert short.value == "abc" and "3 characters" in short.warnings[0]
    for bad in ["", "abc def", "abc/def", 'ab"c', "é" * 32]:
        with pytest.raises(InvalidValue, match="letters, digits"):
            check_web_integration_id(bad)


def test_app_id_is_a_lower_case_guid() -> None:
    assert check_app_id("1F5C9A9E-6A55-4B8E-9D3E-4F0F5B6C7D8E").value == "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"
    for bad in ["", "1f5c9a9e", "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8g", "{1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e}"]:
        with pytest.raises(InvalidValue, match="GUID"):
            check_app_id(bad)


@pytest.mark.parametrize(
    ("spec", "pair"),
    [
        ("kpi=QVwQm", ("kpi", "QVwQm")),
        ("QVwQm", ("QVwQm", "QVwQm")),
        ("CurrentSelections", ("CurrentSelections", "CurrentSelections")),
        (
            "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
            ("object-1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"),
        ),
        (" chart = nunQpgh ", ("chart", "nunQpgh")),
    ],
)
def test_objects(spec: str, pair: tuple[str, str]) -> None:
    assert parse_object(spec) == pair


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("kpi=", "OBJECT_ID"),
        ("kpi=a b", "OBJECT_ID"),
        ("1kpi=QVwQm", "valid HTML id"),
        ("k p i=QVwQm", "valid HTML id"),
        ('a"b=QVwQm', "valid HTML id"),
    ],
)
def test_bad_objects(spec: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason):
        parse_object(spec)


def test_element_names_are_unique_and_order_is_kept() -> None:
    assert list(check_objects(["b=x", "a=y"]).value.items()) == [("b", "x"), ("a", "y")]
    with pytest.raises(InvalidValue, match="unique"):
        check_objects(["a=x", "a=y"])
    with pytest.raises(InvalidValue, match="at least one"):
        check_objects([])
    assert check_objects({"a": "x"}).value == {"a": "x"}


def test_text() -> None:
    assert check_text('Sales </script> "q" 🎉\r\nnext').value == 'Sales </script> "q" 🎉\nnext'
    for bad in ["", "   ", "a\x00b", "a\x1bb", "a\x85b"]:
        with pytest.raises(InvalidValue):
            check_text(bad)


def test_origins() -> None:
    assert check_origins(["http://localhost:8000", "https://x.example.com", "http://localhost:8000"]).value == (
        "http://localhost:8000 https://x.example.com"
    )
    assert check_origins("http://localhost:8000").value == "http://localhost:8000"
    with pytest.raises(InvalidValue, match="trailing slash"):
        check_origins(["https://x.example.com/"])


def test_unknown_keys_are_plain_text() -> None:
    assert check_answer("color", "blue").value == "blue"
    assert check_answer("color", "").value == ""
    with pytest.raises(InvalidValue, match="text"):
        check_answer("color", 3)
