"""Facts read from JavaScript/TypeScript syntax trees: directives, imports and exports, calls, assignments
(setAttribute, dataset, properties), object literals, JSX attributes and environment reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mashup_gen.source.facts import FIELDS, ModuleFacts, module_facts
from mashup_gen.source.model import script_facts
from mashup_gen.source.syntax import parse

CODE = """"use client";
// leading comment
import { QlikEmbed } from "@qlik/embed-react";
export { helper } from "./helper";
const mod = await import("./lazy");
const cfg = require("./config.json");
const host = process.env.NEXT_PUBLIC_QLIK_HOST;
const id = import.meta.env.VITE_QLIK_CLIENT_ID;
el.dataset.appId = "8c1a";
el.setAttribute("data-host", `https://${host}`);
export const settings = { host, clientId: id, "redirect-uri": "/callback" };
export default function Sheet() {
  return <QlikEmbed ui="analytics/sheet" appId={settings.appId} hidden />;
}
"""


def facts():
    return module_facts(parse(CODE, "tsx"))


def test_directives_are_the_leading_strings() -> None:
    assert facts().directives == ["use client"]
    assert module_facts(parse('x();\n"use server";', "javascript")).directives == []


def test_imports_static_dynamic_required_and_re_exported() -> None:
    sources = [(i.source, i.dynamic) for i in facts().imports]
    assert ("@qlik/embed-react", False) in sources
    assert ("./helper", False) in sources
    assert ("./lazy", True) in sources
    assert ("./config.json", False) in sources


def test_exports() -> None:
    assert facts().exports == ["settings", "default"]


def test_calls_and_assignments() -> None:
    f = facts()
    (set_attribute,) = [c for c in f.calls if c.callee == "el.setAttribute"]
    assert set_attribute.arguments == ('"data-host"', "`https://${host}`")
    targets = {a.target: a.value for a in f.assignments}
    assert targets["el.dataset.appId"] == '"8c1a"'
    assert targets["host"] == "process.env.NEXT_PUBLIC_QLIK_HOST"


def test_object_literals() -> None:
    assert {"host": "host", "clientId": "id", "redirect-uri": '"/callback"'} in facts().objects


def test_environment_reads() -> None:
    reads = [(r.via, r.name) for r in facts().env]
    assert reads == [("process.env", "NEXT_PUBLIC_QLIK_HOST"), ("import.meta.env", "VITE_QLIK_CLIENT_ID")]
    for read in facts().env:
        assert CODE[read.start : read.end] == f"{read.via}.{read.name}"


def test_jsx_attributes_with_literal_and_expression_values() -> None:
    f = facts()
    assert f.has_jsx
    attributes = {a.name: (a.value, a.literal) for a in f.attributes}
    assert attributes == {
        "ui": ("analytics/sheet", True),
        "appId": ("settings.appId", False),
        "hidden": (None, False),
    }
    ui = next(a for a in f.attributes if a.name == "ui")
    assert CODE[ui.start : ui.end] == "analytics/sheet"


def test_template_literals_say_when_they_are_dynamic() -> None:
    values = {v.value: v.dynamic for v in facts().strings if v.template}
    assert values == {"https://${host}": True}


def test_vue_script_blocks_are_read_with_file_offsets() -> None:
    text = (
        '<template><qlik-embed :app-id="appId" /></template>\n'
        '<script setup lang="ts">\nconst appId: string = "8c1a";\n'
        "const host = import.meta.env.VITE_QLIK_HOST;\n</script>\n"
    )
    f = script_facts("Sheet.vue", text)
    (value,) = [v for v in f.strings if v.value == "8c1a"]
    assert text[value.start : value.end] == "8c1a"
    assert [r.name for r in f.env] == ["VITE_QLIK_HOST"]


def test_files_no_grammar_reads_have_no_facts() -> None:
    assert script_facts("notes.txt", "fetch('x')").calls == []


def test_each_kind_of_fact_is_read_on_first_use_only() -> None:
    f = facts()
    assert [i.source for i in f.imports][:1] == ["@qlik/embed-react"]
    read = set(vars(f))
    assert "imports" in read
    assert not read & {"calls", "strings", "assignments", "objects", "attributes", "env", "exports"}


@settings(max_examples=60, deadline=None)
@given(st.permutations([*FIELDS, "has_jsx"]))
def test_facts_are_the_same_whichever_kind_is_read_first(order: list[str]) -> None:
    f = facts()
    first = {name: getattr(f, name) for name in order}
    assert first == {name: getattr(facts(), name) for name in [*FIELDS, "has_jsx"]}
    assert f == facts() and f.has_errors is False


def test_facts_without_a_tree_are_empty_lists_a_caller_fills() -> None:
    merged = ModuleFacts()
    merged.imports.extend(facts().imports)
    merged.objects.extend(facts().objects)
    assert merged.imports == facts().imports and merged.objects == facts().objects
    assert merged.calls == [] and merged.has_jsx is False and merged != facts()
