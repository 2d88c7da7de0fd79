"""A script's quick hints (mashup_gen.checker.hints) answer exactly as the case-insensitive regexes they
stand for (issue 16, "Speed"): on ASCII and non-ASCII text, on random fragments and on every script of the
corpus and examples. Speed itself is measured in bench/, never asserted here."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mashup_gen.checker.facts.placeholders import _QUICK_FALLBACK_HINT
from mashup_gen.checker.facts.travel import _QUICK_COMPONENT_HINT, _QUICK_HINT
from mashup_gen.checker.hints import Hint
from tests.paths import CORPUS, EXAMPLES

HINTS = {"travel": _QUICK_HINT, "component": _QUICK_COMPONENT_HINT, "fallback": _QUICK_FALLBACK_HINT}

# Pieces that start, break and finish a match of each hint: Qlik keys in every case and spelling, the
# punctuation around them, word characters glued before them, '$' before a brace, quotes, fallbacks, and
# non-ASCII letters that case-insensitive matching treats as ASCII ones (the Kelvin sign, the long s).
_FRAGMENTS = st.lists(
    st.sampled_from(
        [
            "host", "HOST", "Host", "tenant", "TenantUrl", "qlik_host", "qlikAppId", "app_id", "appId", "APPID",
            "clientId", "client_id", "redirectUri", "redirect_url", "webIntegrationId", "qlik_web_integration_id",
            "integrationId", "webintid", "authType", "auth_type", "objectId", "sheet_id", "url", "id", "Id",
            "openApp", "OPENAPP", "setAttribute", "'data-host'", '"app-id"', "'web-integration-id'",
            "getObject", "visualization.get", "'your-id'", '"<obj>"', "'xxx'", "'abc'",
            ":", "=", " ", "\n", ",", "{", "}", "(", ")", "$", "'", '"', "`", ";", "||", "??", "x", "_", "9", "-",
            "cfg.x", "\u212a", "\u017f", "é",
        ]
    ),
    max_size=25,
).map("".join)  # fmt: skip


@pytest.mark.parametrize("name", sorted(HINTS))
@settings(max_examples=600, deadline=None)
@given(text=_FRAGMENTS)
def test_a_hint_matches_where_its_definition_does(name: str, text: str) -> None:
    hint = HINTS[name]
    assert hint.search(text) == (hint.definition.search(text) is not None)


@pytest.mark.parametrize("name", sorted(HINTS))
def test_every_script_of_the_corpus_and_examples_gets_the_same_answer(name: str) -> None:
    hint = HINTS[name]
    suffixes = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".vue", ".svelte", ".html")
    texts = [p.read_text(encoding="utf-8", errors="replace") for f in (CORPUS, EXAMPLES) for p in f.rglob("*")
             if p.suffix in suffixes]  # fmt: skip
    assert len(texts) >= 50
    answers = [hint.search(t) for t in texts]
    assert answers == [hint.definition.search(t) is not None for t in texts]
    assert any(answers) and not all(answers)  # the corpus has both kinds: the comparison means something


def test_a_word_start_part_needs_a_word_boundary_before_it() -> None:
    hint = Hint(re.compile(r"(?i)\bkey="), parts=(), word_start=(re.compile("key="),))
    assert hint.search("KEY=1") and hint.search("a.Key=1") and hint.search("xkey= key=")
    assert not hint.search("xkey=1") and not hint.search("_key=")


def test_needs_rule_out_text_without_them() -> None:
    hint = Hint(re.compile(r"(?i)a\|\|b"), parts=(re.compile(r"a\|\|b"),), needs=("||",))
    assert hint.search("A||B") and not hint.search("a|b")
    assert hint.search("\u00e9A||B")  # not ASCII: the definition answers


def test_a_required_regex_rules_out_text_it_does_not_match() -> None:
    hint = Hint(
        re.compile(r"(?i)id\s*=\s*x\|\|'"), parts=(re.compile(r"id\s*=\s*x\|\|'"),), requires=re.compile(r"\|\|'")
    )
    assert hint.search("ID = x||'a'")
    assert not hint.search("id = x|| 'a'") and not hint.search("id = x||")


# The fallback hint searches only the statement before each `|| "`: pieces that end a statement (";", a line
# break), break or continue a name before its "=" across lines (blanks re reads as \s: tab, \x1c), repeat an
# operator ("|||", "???") and put "id" inside words, each where the definition's own search must agree.
_STATEMENT_PIECES = st.lists(
    st.sampled_from(
        ["id", "width", "host", "url", "=", "==", " ", "\t", "\x1c", "\n", ";", "||", "|", "??", "?", "'", '"',
         "`", "x", "_", "9", "(", ")", ".", ",", "é", "\u212a"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(text=_STATEMENT_PIECES)
@example(text="id\n= x || 'y'")  # a name whose "=" is on the next line
@example(text="tenant \t\x1c\n \n\t= a ?? `b`")
@example(text="x;host = a ||\n'b'; url = c || d ||| 'e'")
@example(text="a = b ||| 'c'; width = d\n|| 'e'")
def test_the_fallback_hint_read_statement_by_statement_matches_where_its_definition_does(text: str) -> None:
    hint = HINTS["fallback"]
    assert hint._search(text) == (hint.definition.search(text) is not None)
