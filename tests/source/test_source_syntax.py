"""The source model's parsing: tree-sitter trees, character offsets in the file (non-ASCII text included),
error tolerance, and tree-sitter loaded only when something is parsed."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from mashup_gen.source.facts import module_facts
from mashup_gen.source.grammars import grammar_for
from mashup_gen.source.syntax import parse, walk


def test_grammars_by_suffix() -> None:
    assert grammar_for("a.js") == "javascript"
    assert grammar_for("A.JSX") == "javascript"
    assert grammar_for("a.ts") == "typescript"
    assert grammar_for("a.tsx") == "tsx"
    assert grammar_for("page.php") == "php"
    assert grammar_for("view.ejs") == "embedded_template"
    assert grammar_for("README") is None
    assert grammar_for("x.vue") is None  # split into blocks first


def test_offsets_are_character_offsets_after_non_ascii_text() -> None:
    code = 'const café = "naïve 😀"; load("https://acme.eu.qlikcloud.com");'
    facts = module_facts(parse(code, "javascript"))
    for value in facts.strings:
        assert code[value.start : value.end] == value.value


def test_a_base_offset_maps_a_block_into_its_file() -> None:
    text = '<template><p>é</p></template>\n<script>const host = "acme.eu.qlikcloud.com";</script>'
    start = text.index("const")
    end = text.index("</script>")
    facts = module_facts(parse(text[start:end], "javascript", start))
    (value,) = facts.strings
    assert text[value.start : value.end] == "acme.eu.qlikcloud.com"


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\n\r'), max_size=30),
    value=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\n\r'), min_size=1),
)
def test_every_string_span_slices_back_to_its_value(before: str, value: str) -> None:
    code = f'// {before}\nconst x = "{value}";\n'
    facts = module_facts(parse(code, "javascript"))
    spans = [(v.start, v.end, v.value) for v in facts.strings]
    assert (code.index('"') + 1, code.rindex('"'), value) in spans
    for start, end, text in spans:
        assert code[start:end] == text


def test_broken_code_still_yields_facts() -> None:
    code = 'const a = {;\nfetch("https://acme.eu.qlikcloud.com/api/v1/items", {credentials: "include"});\n'
    parsed = parse(code, "javascript")
    facts = module_facts(parsed)
    assert parsed.has_errors and facts.has_errors
    assert any(c.callee == "fetch" for c in facts.calls)


def test_walk_visits_every_node_once() -> None:
    parsed = parse("f(a, [b, c]);", "javascript")
    identifiers = [parsed.text(n) for n in walk(parsed.root) if n.type == "identifier"]
    assert identifiers == ["f", "a", "b", "c"]


def test_help_does_not_load_tree_sitter() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom mashup_gen.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\nprint(any(m.startswith('tree_sitter') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_nul_character_does_not_end_the_parse() -> None:
    code = 'const a = "\x00\x80";\nconst host = "acme.eu.qlikcloud.com";\n'
    values = [v.value for v in module_facts(parse(code, "javascript")).strings]
    assert values == ["\x00\x80", "acme.eu.qlikcloud.com"]
