"""adopt's object-literal edits on syntax trees (adopt.edits with source.places.ObjectLiteral): a property is
replaced, inserted or removed in the object's own layout (inline or one per line, trailing comma or not, the
file's line ending), and nothing else in the file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.adopt.edits import Edits, remove_property, set_property
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.places import places


def edited(code: str, change) -> str:  # type: ignore[no-untyped-def]
    source = SourceFile(Path("main.js"), "main.js", code)
    edits = Edits(source)
    obj = next(iter(places("main.js", code).objects.values()))
    change(edits, obj)
    return edits.apply()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('var c = { host: "h" };', 'var c = { host: "h", port: 443 };'),
        ('var c = { host: "h", };', 'var c = { host: "h", port: 443, };'),
        ("var c = {};", "var c = { port: 443 };"),
        ('var c = {\n  host: "h"\n};', 'var c = {\n  host: "h",\n  port: 443\n};'),
        ('var c = {\r\n\thost: "h",\r\n};', 'var c = {\r\n\thost: "h",\r\n\tport: 443,\r\n};'),
        ('var c = {\n    host: "h", // the tenant\n};', 'var c = {\n    host: "h", // the tenant\n    port: 443,\n};'),
        ('var c = {\r\n  host: "h" /* it */\r\n};', 'var c = {\r\n  host: "h", /* it */\r\n  port: 443\r\n};'),
        ('var c = { host: "h", port: "443" };', 'var c = { host: "h", port: 443 };'),
        ('var c = { host: "h", port: 443 };', 'var c = { host: "h", port: 443 };'),
        ("var c = { host: h, port };", "var c = { host: h, port: 443 };"),
    ],
)
def test_a_property_is_set_in_the_objects_own_layout(code: str, expected: str) -> None:
    assert edited(code, lambda edits, obj: set_property(edits, obj, "port", 443, False)) == expected


def test_an_expression_stays_unless_it_must_be_replaced() -> None:
    code = "var c = { host: location.hostname };"
    assert edited(code, lambda e, o: set_property(e, o, "host", "acme.eu.qlikcloud.com", False)) == code
    replaced = edited(code, lambda e, o: set_property(e, o, "host", "acme.eu.qlikcloud.com", True))
    assert replaced == 'var c = { host: "acme.eu.qlikcloud.com" };'


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("h = {\n  Accept: 'json',\n  Authorization: 'Bearer x',\n  X: 1\n};", "h = {\n  Accept: 'json',\n  X: 1\n};"),
        ("h = { Accept: 'json', Authorization: 'Bearer x' };", "h = { Accept: 'json' };"),
        ("h = { Authorization: 'Bearer x', Accept: 'json' };", "h = { Accept: 'json' };"),
        ("h = { Authorization: 'Bearer x' };", "h = {  };"),
    ],
)
def test_a_property_is_removed_with_its_comma(code: str, expected: str) -> None:
    def remove(edits: Edits, obj) -> None:  # type: ignore[no-untyped-def]
        assert remove_property(edits, obj, obj.get("Authorization"))

    assert edited(code, remove) == expected
