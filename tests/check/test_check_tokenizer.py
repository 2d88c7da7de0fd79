"""The JavaScript tokenizer of check (mashup_gen.checker.js): blanks and comments are never tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mashup_gen.checker.js import IDENT, PUNCT, Script

_CODE = st.text(alphabet=st.sampled_from(list("ab1 \n\t/*`'\"{}()=;.$<!-\\")), max_size=60)


def test_a_file_ending_in_a_comment_has_no_token_from_it() -> None:
    assert Script("// only a comment\n").tokens == []
    assert Script('/// <reference types="vite/client" />\n').tokens == []
    script = Script("a = 1; /* b / c */ // d / e")
    assert [script.text(i) for i in range(len(script.tokens))] == ["a", "=", "1", ";"]


def test_punctuators_and_words_are_told_apart_after_blanks() -> None:
    script = Script("  x\t=>\n  y ?? z")
    assert [(t.kind, script.text(i)) for i, t in enumerate(script.tokens)] == [
        (IDENT, "x"), (PUNCT, "=>"), (IDENT, "y"), (PUNCT, "??"), (IDENT, "z"),
    ]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_CODE)
def test_tokens_are_ordered_inside_the_code_and_a_trailing_comment_adds_none(code: str) -> None:
    tokens = Script(code).tokens
    ends = 0
    for token in tokens:
        assert ends <= token.start < token.end <= len(code)
        ends = token.end
    # A line comment after the code (on its own line, past any open string or template) adds no token.
    closed = Script(code + "\n").tokens
    if closed and closed[-1].end <= len(code):
        assert Script(code + "\n// tail / note").tokens == closed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 \n:{}(),'\"`/?.")), max_size=60))
def test_punct_indexes_are_every_punctuator_of_that_text_in_order(code: str) -> None:
    script = Script(code)
    for text in (":", "(", ",", "?."):
        expected = [i for i, t in enumerate(script.tokens) if t.kind == PUNCT and script.text(i) == text]
        assert script.punct_indexes(text) == expected
        assert script.punct_indexes(text) == expected  # asked again: the same list


def test_punct_indexes_skip_colons_inside_strings_and_comments() -> None:
    script = Script("a: 'b:c' // d: e\n{ f: 1 }")
    assert [script.text(i - 1) for i in script.punct_indexes(":")] == ["a", "f"]
