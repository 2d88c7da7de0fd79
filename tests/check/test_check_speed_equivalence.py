"""check's fast paths give what the slower readings they replace give (issue 16, "Speed").

- a page's tags are found with ``html.parser`` alone: the same tags at the same places as Beautiful Soup
  builds over the same parser, and Beautiful Soup's own error when the parser rejects the markup; a start
  tag the rules do not read is passed over without reading its attributes, and leaves the parser where
  reading it whole did;
- a script a page loads is parsed for its role only when it writes a directive: its role and facts are
  those a full parse gives, and so is a module with no "<" and no string naming a server's module; a role
  asked for again is the one worked out anew;
- tree-sitter's byte offsets map to character offsets across non-ASCII text;
- the tokenizer tells regular expressions, divisions and template literals apart as before, and its token
  expression (commonest tokens first, comments and strings read by runs) gives the tokens of the expression
  it replaced;
- a file the record manages is read for conflict markers unless it is a link, as before;
- one query of a tree captures what the module facts' and the module table's own queries capture, and its
  nodes are put in order (start, then longest first) by two stable sorts as by one on the pair;
- a script passed over for JSX props (no element, no key in its text) has none a key names;
- a string passed over as hint text on its key's length is one no placeholder key is given;
- a name is declared twice in a file exactly when the declaration's regular expression matches twice;
- a Next.js config is found in a project's root from one listing where ``root.glob("next.config.*")`` found one;
- what a project's package.json says (its packages, Parcel's inlining) is the same read from the text the
  project read once as from the file;
- a file's lines start one past each newline, as a search for each found them;
- a file is read whole through its descriptor, and one that cannot be read says why as before;
- the paths a tree walk makes from a folder and an entry's name are the paths ``Path(entry.path)`` made;
- enigma.js's import names are looked for only in a script that names "enigma.js", as its expression requires;
- a script's declarations, string literals and the ends of its values, found by searching its tokens' kinds and
  passing over bracketed values, are those a step for every token found, and so are its statements' ranges,
  read passing over bracketed parts, and its literals assigned to keys, read from the punctuators' texts;
- the token at a file offset is found in the script's one list of starts, as in a list made for the question;
- a file's path is shown from the texts of its path and its project's root as relative_to and a join of paths
  showed it, and is made relative to the root from those texts as relative_to made it;
- the names a script sends as the web integration id are read from its literals as from every token;
- a regular expression searched from its literal runs (:class:`mashup_gen.checker.hints.Quick`) finds the
  matches its own search finds, on every page, script and data file of the corpus, the examples and the
  fixtures, and on text made of its own pieces.

Speed itself is measured in bench/ (scenarios check and check-mixed), never asserted here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import ParserRejectedMarkup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tree_sitter import Query, QueryCursor

from mashup_gen.checker import js
from mashup_gen.checker.facts.capability import _assignment
from mashup_gen.checker.facts.liveness import _word
from mashup_gen.checker.facts.placeholders import _PROP_KEYS, _key, _may_name_a_prop_key
from mashup_gen.checker.facts.requests import _ENIGMA_IMPORT, enigma_import_names
from mashup_gen.checker.facts.strings import _default_import, declared_twice, is_hint_text
from mashup_gen.checker.hints import Hint, Quick
from mashup_gen.checker.js import IDENT, NUMBER, PUNCT, REGEX, STRING, TEMPLATE, Script
from mashup_gen.checker.project import Project, _start_tags, _start_tags_by_soup, _tag_finder, parse_page
from mashup_gen.checker.scan import (
    DATA_SUFFIXES,
    JS_SUFFIXES,
    MARKUP_SUFFIXES,
    MAX_BYTES,
    Problem,
    ProjectFiles,
    SourceFile,
    _walk,
    read_source,
)
from mashup_gen.source.facts import _directives, _in_order, facts_patterns, module_facts
from mashup_gen.source.grammars import parser
from mashup_gen.source.model import file_model
from mashup_gen.source.modules import _query as table_query
from mashup_gen.source.modules import module_table
from mashup_gen.source.queries import TABLE_CALLEES, shared_captures
from mashup_gen.source.roles import _classify, classify
from mashup_gen.source.syntax import Parsed, parse
from tests.paths import CORPUS, EXAMPLES, TESTS

# Pieces of markup that move html.parser between its states: comments, raw text of script and style,
# declarations, processing instructions, broken tags, and the tags the rules read.
_MARKUP = st.lists(
    st.sampled_from(
        [
            "<script>", "</script>", "<script src='a.js'>", "<SCRIPT type=module>", "<style>", "</style>",
            "<!--", "-->", "<!-- a -- b -->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<!x>", "<?php echo 1 ?>",
            "<meta charset=utf-8>", "<Meta http-equiv=x content='a'>", "<link rel=stylesheet href=/r.css/>",
            "<qlik-embed ui='analytics/chart'>", "<base href=/>", "<img src=x>", "<iframe>", "<form action=/>",
            "<a href=x>", "<a/>", "</a >", "<a\nhref=1>", "<p/>", "<div class='a'>", "</div>", "<textarea>",
            "</textarea>", "<title>", "</title>", "<", "</", ">", "'", '"', "=", "&amp;", "<0>", "text", " ",
            "\n", "\r\n", "é", "…",
        ]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_MARKUP)
def test_page_tags_are_the_ones_beautiful_soup_builds(text: str) -> None:
    assert _start_tags(text) == _start_tags_by_soup(text)


def test_every_page_of_the_corpus_and_examples_gives_the_same_tags() -> None:
    pages = [p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in (".html", ".php", ".vue")]
    assert len(pages) >= 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert _start_tags(text) == _start_tags_by_soup(text), path


def _tags_reading_every_start_tag(text: str) -> list[tuple[str, int, int]]:
    """What :func:`_start_tags` finds, with html.parser reading every start tag whole (its attributes too)."""
    from html.parser import HTMLParser

    finder = _tag_finder()
    parser = finder(convert_charrefs=False)
    parser.parse_starttag = lambda i: HTMLParser.parse_starttag(parser, i)
    parser.feed(text)
    parser.close()
    return parser.found


# Start tags the rules do not read, whole and broken: quoted ">" and "/>", unquoted and unterminated values.
_OTHER_TAGS = st.sampled_from(
    [
        "<div class='a>b'>", '<span title="x/>y"/>', "<p a=1 b c='d'>", "<div a='>", '<div a="', "<br/>",
        "<input value=&gt;>", "<custom-el x=y/>", "<div\n  id=main\n>", "<x-y a=b c", "<div =a>", "<div/ a>",
        "<textarea a=b>", "<title x>", "<noscript>", "<SPAN>", "<a href='x'>", "<script a=b/>", "<style x>",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_MARKUP, _OTHER_TAGS), max_size=12).map("".join))
def test_start_tags_passed_over_leave_the_parser_where_reading_them_whole_did(text: str) -> None:
    assert _start_tags(text) == _tags_reading_every_start_tag(text)


def test_every_page_of_the_corpus_examples_and_fixtures_gives_the_tags_of_reading_every_start_tag() -> None:
    suffixes = (".html", ".htm", ".php", ".vue", ".svelte", ".astro", ".ejs", ".cshtml", ".jsp")
    pages = [p for folder in (CORPUS, EXAMPLES, TESTS) for p in folder.rglob("*") if p.suffix in suffixes]
    assert len(pages) >= 50
    for path in pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            expected = _tags_reading_every_start_tag(text)
        except Exception as exc:  # the parser gives up on this markup: it gives up the same way
            with pytest.raises(type(exc)):
                _start_tags(text)
            continue
        assert _start_tags(text) == expected, path


def test_markup_the_parser_rejects_fails_with_beautiful_soups_error(tmp_path) -> None:
    text = "<html><![foo[ x ]]><script src='a.js'></script></html>"
    with pytest.raises(ParserRejectedMarkup, match="unknown status keyword"):
        parse_page(SourceFile(tmp_path / "index.html", "index.html", text))


def test_a_parsed_page_keeps_its_tags_in_document_order(tmp_path) -> None:
    text = '<html><head><meta charset="utf-8"><script src="a.js"></script></head>\n<body><a href="/x">x</a></body>'
    page = parse_page(SourceFile(tmp_path / "index.html", "index.html", text))
    starts = [("meta", text.index("<meta")), ("script", text.index("<script")), ("a", text.index("<a "))]
    assert [(t.name, t.start) for t in page.tags] == starts
    assert page.tags[1].get("src") == "a.js"


# Pieces of JavaScript that decide a file's role: directives (as directives or elsewhere), server imports,
# JSX, and text that only mentions a directive.
_SCRIPT = st.lists(
    st.sampled_from(
        [
            '"use client";\n', "'use server';\n", '"use strict";\n', "// use server\n", "/* use client */\n",
            'import express from "express";\n', 'import { x } from "./x";\n', 'const fs = require("fs");\n',
            "const el = <div className='a' />;\n", 'const s = "use server";\n', "export default function A() {}\n",
            "fetch('/api/v1/items');\n",
        ]
    ),
    max_size=6,
).map("".join)  # fmt: skip


# The reference a file's role is held to: its directives, imported modules (import, export from, require,
# import()) and JSX read by a query of their own. file_model reads them from the piece's module facts instead
# (one query of the tree for the role, the facts and the module table).
_OUTLINE = (
    "(import_statement source: (string) @source)",
    "(export_statement source: (string) @source)",
    "(call_expression function: [(identifier) (import)] @callee arguments: (arguments . (string) @argument))",
)


def outline(parsed: Parsed) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """(directives, imported modules, has JSX) of a parsed piece, by the reference query."""
    patterns = _OUTLINE + (
        ("[(jsx_element) (jsx_self_closing_element)] @jsx",) if parsed.grammar != "typescript" else ()
    )
    query = Query(parser(parsed.grammar).language, "\n".join(patterns))
    imports: list[str] = []
    has_jsx = False
    for _pattern, match in QueryCursor(query).matches(parsed.root):
        if "jsx" in match:
            has_jsx = True
        elif "source" in match:
            imports.append(parsed.text(match["source"][0])[1:-1])
        elif parsed.text(match["callee"][0]) in ("require", "import"):
            imports.append(parsed.text(match["argument"][0])[1:-1])
    return tuple(_directives(parsed)), tuple(imports), has_jsx


_PATHS = [
    "js/app.js", "src/App.jsx", "server/index.js", "app/page.tsx", "app/api/x/route.ts", "lib/a.ts",
    "vite.config.js", "pages/api/hello.js", "src/components/Chart.tsx", "middleware.ts", "index.mjs",
]  # fmt: skip
_GRAMMARS = {".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".tsx": "tsx", ".ts": "typescript"}


@settings(max_examples=300, deadline=None)
@given(_SCRIPT, st.sampled_from(_PATHS), st.booleans(), st.booleans())
def test_a_script_has_the_role_and_facts_of_a_full_parse(
    code: str, relative: str, next_app: bool, from_page: bool
) -> None:
    grammar = _GRAMMARS[relative[relative.rfind(".") :]]
    directives, imports, has_jsx = outline(parse(code, grammar))
    model = file_model(relative, code, next_app=next_app, from_page=from_page)
    expected = classify(
        relative,
        directives=directives,
        imports=imports,
        has_jsx=has_jsx,
        next_app=next_app,
        from_page=from_page,
    )
    assert model.role == expected
    assert model.facts == module_facts(parse(code, grammar))


# Pieces around what _outlines reads from the text: a "<" (JSX, a comparison, a type argument) and strings that
# name a server's module or start like one (node:, a sub-path, a longer name, unterminated, escaped, a URL).
_OUTLINE_PIECES = st.lists(
    st.sampled_from(
        [
            'import x from "./views.js";\n', "import y from 'fs';\n", "import z from 'fsX';\n", "import 'fsX\n",
            'import q from "node:path";\n', "const e = require('express/lib/router');\n", "require('f\\s');\n",
            'import("next/headers");\n', 'export * from "http";\n', 'const u = "https://x.qlikcloud.com";\n',
            "const el = <a />;\n", "if (a < b) {}\n", "let p: Promise<X>;\n", "const s = 'express';\n",
            "export const GET = () => 1;\n", "// import 'fs'\n", "`${'crypto'}`;\n", "import w from 'fs", "'",
        ]
    ),
    max_size=5,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_OUTLINE_PIECES, st.sampled_from(_PATHS), st.booleans(), st.booleans())
def test_a_script_classified_from_its_text_has_the_role_of_a_full_parse(
    code: str, relative: str, next_app: bool, from_page: bool
) -> None:
    grammar = _GRAMMARS[relative[relative.rfind(".") :]]
    directives, imports, has_jsx = outline(parse(code, grammar))
    expected = classify(
        relative, directives=directives, imports=imports, has_jsx=has_jsx, next_app=next_app, from_page=from_page
    )
    assert file_model(relative, code, next_app=next_app, from_page=from_page).role == expected


def test_a_module_without_markup_nor_server_imports_is_classified_without_a_parse() -> None:
    model = file_model("js/views.js", 'import { s } from "./session.js";\nexport const v = 1;\n')
    assert model.parsed is None and model.role == "browser"
    assert [i.source for i in model.facts.imports] == ["./session.js"]
    assert file_model("js/views.js", 'import fs from "fs";\n').parsed is not None  # it may be server code
    assert file_model("js/views.js", "export const A = () => <div />;\n").parsed is not None  # JSX or not


@pytest.mark.parametrize("next_app", [False, True])
@pytest.mark.parametrize("from_page", [False, True])
def test_a_role_asked_for_again_is_the_one_worked_out_anew(next_app: bool, from_page: bool) -> None:
    paths = ["app.js", "app/page.tsx", "server/index.js", "next.config.mjs", "src\\App.vue", "./lib//qlik.ts", "a.html"]
    outlines = [
        ((), (), False),
        (("use client",), (), True),
        (("use server",), ("fs",), False),
        ((), ("express",), True),
    ]
    for path in paths:
        for directives, imports, has_jsx in outlines:
            args = dict(directives=directives, imports=imports, has_jsx=has_jsx, next_app=next_app, from_page=from_page)
            fresh = _classify.__wrapped__(path, directives, imports, has_jsx, next_app, from_page)
            assert classify(path, **args) is fresh and classify(path, **args) is fresh  # computed, then kept
            assert classify(path, **{**args, "imports": list(imports)}) is fresh  # a list is read as its tuple


def test_a_script_whose_role_no_outline_changes_is_not_parsed_until_its_facts_are_asked_for() -> None:
    model = file_model("js/app.js", 'import express from "express";\nconst a = 1;\n', from_page=True)
    assert model.parsed is None and model.role == "browser"
    assert [i.source for i in model.facts.imports] == ["express"]
    assert file_model("app/api/x/route.ts", "export const GET = () => 1;\n").parsed is None
    directive = file_model("js/app.js", '"use server";\nconst a = 1;\n', from_page=True)
    assert directive.parsed is not None and directive.role == "server"
    imports = file_model("lib/a.js", 'import express from "express";\n')
    assert imports.parsed is not None and imports.role == "server"


def test_a_file_is_parsed_once_for_its_facts_and_its_module_table() -> None:
    code = 'import { HOST } from "./config";\nexport const cfg = { host: HOST };\n'
    model = file_model("src/app.ts", code, from_page=True)
    assert model.parsed is None
    tree = model.tree
    assert tree is not None and model.tree is tree and model.parsed is tree  # parsed on first use, kept
    assert tree.grammar == "typescript" and tree.code == code
    assert model.facts == module_facts(parse(code, "typescript"))
    assert file_model("src/App.vue", "<template><p/></template>").tree is None  # no grammar reads it whole


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab \n'\"=;", "é", "…", "😀", "中"]), max_size=40), st.integers(0, 50))
def test_byte_offsets_map_to_character_offsets_across_non_ascii_text(code: str, base: int) -> None:
    parsed = parse(code, "javascript", base)
    for index in range(len(code) + 1):
        byte = len(code[:index].encode("utf-8"))
        assert parsed.offset(byte) == base + index


def _kinds(code: str) -> list[tuple[int, str]]:
    script = Script(code)
    return [(t.kind, script.text(i)) for i, t in enumerate(script.tokens)]


def test_a_slash_is_a_division_after_a_value_and_a_regular_expression_elsewhere() -> None:
    assert _kinds("a / b") == [(IDENT, "a"), (PUNCT, "/"), (IDENT, "b")]
    assert _kinds("f(x) / 2") == [(IDENT, "f"), (PUNCT, "("), (IDENT, "x"), (PUNCT, ")"), (PUNCT, "/"), (NUMBER, "2")]
    assert _kinds("x = /ab+c/g") == [(IDENT, "x"), (PUNCT, "="), (REGEX, "/ab+c/g")]
    assert _kinds("return /x/") == [(IDENT, "return"), (REGEX, "/x/")]
    assert _kinds("/x/.test(s)")[:2] == [(REGEX, "/x/"), (PUNCT, ".")]
    assert _kinds("`a` / 2") == [(TEMPLATE, "`a`"), (PUNCT, "/"), (NUMBER, "2")]


def test_a_template_literal_is_one_token_whatever_its_substitutions_hold() -> None:
    code = "u = `${base}/api/${ {a: '}'}.a }`; n = 1"
    assert _kinds(code) == [
        (IDENT, "u"), (PUNCT, "="), (TEMPLATE, "`${base}/api/${ {a: '}'}.a }`"), (PUNCT, ";"),
        (IDENT, "n"), (PUNCT, "="), (NUMBER, "1"),
    ]  # fmt: skip
    assert _kinds("'a' + \"b\"") == [(STRING, "'a'"), (PUNCT, "+"), (STRING, '"b"')]


# The token expression as it was (strings first, comments and strings read character by character), and its
# groups' kinds: the definition the faster expression of mashup_gen.checker.js must give the same tokens as.
_FIRST_TOKEN = re.compile(
    r"(?:\s+|//[^\n]*|/\*.*?(?:\*/|\Z)|<!--[^\n]*)*+"
    r"""(?:(?P<s>"(?:[^"\\\n]|\\.|\\\n)*"?|'(?:[^'\\\n]|\\.|\\\n)*'?)"""
    r"|(?P<i>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)"
    r"|(?P<n>\.?\d(?:[\w.]|[eE][-+])*)"
    r"|(?P<x>[/`])"
    r"|(?P<p>=>|\.\.\.|\?\.|[=!]==?|[<>]=?|&&=?|\|\|=?|\?\?=?|\*\*=?|<<=?|>>>?=?|[-+*%&|^]=?|\S))",
    re.S,
)
_FIRST_GROUPS = {"_TOKEN": _FIRST_TOKEN, "_GROUP_KINDS": (-1, STRING, IDENT, NUMBER, -1, PUNCT), "_SPECIAL": 4}


def _first_tokens(code: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    """The tokens the first token expression gives (the tokenizer's loop is the same)."""
    with monkeypatch.context() as patch:
        for name, value in _FIRST_GROUPS.items():
            patch.setattr(js, name, value)
        patch.setattr(js, "_BRACKET_GROUP", 5)  # the first expression's punctuators, braces among them
        return js._scan(code, 0)[0]


# Pieces that move the tokenizer between its states: comments of each kind (closed or not), strings with escapes
# and line continuations, template literals and their substitutions, regular expressions and divisions, numbers,
# non-ASCII names and characters beyond the Basic Multilingual Plane.
_JS_PIECES = st.lists(
    st.sampled_from(
        [
            "/*", "*/", "/* a * b */", "/**/", "/***/", "//", "// x\n", "<!--", "-->", "'", '"', "`", "${", "}",
            "{", "(", ")", "[", "]", ",", ";", ":", ".", "...", "?.", "?", "=", "==", "===", "=>", "!", "<", ">",
            "</a>", "/", "/x/g", "*", "**", "\\", "\\\n", "\\'", '\\"', "a", "_$b", "return", "é", "\U0001d465",
            "1", ".5", "1e-3", "0x1F", " ", "\n", "\t", "\r\n", "\u00a0", "+", "-", "&&", "||", "??", "|=",
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(_JS_PIECES)
def test_the_token_expression_gives_the_tokens_of_the_one_it_replaced(code: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert js._scan(code, 0)[0] == _first_tokens(code, monkeypatch)


def test_every_script_and_page_of_the_corpus_and_examples_gives_the_same_tokens(monkeypatch) -> None:
    suffixes = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".html", ".vue", ".svelte", ".php")
    files = [p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in suffixes]
    assert len(files) >= 50
    for path in files:
        code = path.read_text(encoding="utf-8", errors="replace")
        assert js._scan(code, 0)[0] == _first_tokens(code, monkeypatch), path


def _scanned(code: str) -> tuple[list[tuple[int, int, int]], list[str | None]]:
    """The tokens _scan reads token by token, and each punctuator's text (None for every other token)."""
    tokens = js._scan(code, 0)[0]
    return tokens, [code[start:end] if kind == PUNCT else None for kind, start, end in tokens]


# Pieces around what the split reads at once and what it leaves to Python: template literals whose substitutions
# hold plain code, strings (closed or not), templates, brackets, comments, "/" and "<"; regular expressions holding
# quotes and backticks (the split read their text as code); numbers starting with "."; text after the last token.
_SPLIT_PIECES = st.lists(
    st.sampled_from(
        [
            "`", "`a`", "`${x}`", "${", "}", "${'}'}", '${"a"}', "${`b`}", "${`${c}`}", "${ {a: 1}.a }", "${a / b}",
            "${a < b}", "${'\\'}", "${'x\n", "${/*}*/}", "'", '"', "/'/g", "/`/", "/[/]/", "x / y", "return /a/",
            ").5", "a.5", "1.5", "..5", "\\", "\\`", "$", "$$", "{", "(", ")", "]", ";", "\n", " ", "// c", "/* c",
            "*/", "<!--", "é", "\U0001d465", "a", "=", "+",
        ]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.one_of(_JS_PIECES, _SPLIT_PIECES))
def test_the_split_reading_gives_the_tokens_read_one_by_one(code: str) -> None:
    tokens, punct, kinds = js._tokenize_with_kinds(code)
    assert (tokens, punct) == _scanned(code)
    assert kinds == bytes(token.kind for token in tokens)
    assert all(type(token) is js.Token for token in tokens)


def test_every_script_of_the_corpus_and_examples_gives_the_same_tokens_split() -> None:
    suffixes = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".html", ".vue", ".svelte", ".php")
    files = [p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in suffixes]
    for path in files:
        code = path.read_text(encoding="utf-8", errors="replace")
        assert js._tokenize(code) == _scanned(code), path
        assert js._tokenize_with_kinds(code)[2] == bytes(token.kind for token in _scanned(code)[0]), path
        assert Script(code).tokens == js._scan(code, 0)[0], path


# Pieces of statements: declarations, calls, TypeScript annotations, functions, brackets (balanced or not, a
# closer no opener matches), lines without semicolons.
_DECLARATION_PIECES = st.lists(
    st.sampled_from(
        [
            "const ", "let ", "var ", "function ", "a", "b", " = ", ": T", "<X>", "(", ")", "{", "}", "[", "]",
            "; ", ",", "\n", "return ", "x.y", "f(1)", "'s'", "`t`", ".", "=>", "==", "?", "async ", "1",
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


class _ReferenceScript(Script):
    """A statement's range as it was read, with a method call for each token's parent: the definition the
    reading from the parents' list must give the same ranges as (and, in _same_structures, the calls by name
    and the punctuators' indexes as a loop over every token found them); the declarations and the ends of
    values as a step for every token read them."""

    def statement(self, index: int) -> tuple[int, int]:
        """Token range of the statement around ``index``: from after the previous ``;``/brace to the next."""
        parent = self.parent(index)
        start = index
        while start > 0:
            prev = start - 1
            if self.parent(prev) == parent and self.tokens[prev].kind == PUNCT and self.text(prev) in (";", "{", "}"):
                break
            if prev == parent:
                break
            if self.parent(start) == parent and self.ends_statement(start):
                break  # a line without a semicolon before: the statement starts on this line
            start = prev
        end = index
        count = len(self.tokens)
        while end < count:
            if self.parent(end) == parent and self.tokens[end].kind == PUNCT and self.text(end) in (";", "}"):
                if self.text(end) == ";" or self.partner(end) < start:
                    break
            if end > index and self.parent(end) == parent and self.ends_statement(end):
                break  # a line without a semicolon: the statement ended on the line before
            end += 1
        return start, end

    @property
    def declarations(self) -> dict[str, tuple[int, int]]:  # type: ignore[override]
        """The declarations read by a step for every token, each value's end by a step for every token of it."""
        found: dict[str, tuple[int, int]] = {}
        tokens, code, punct = self.tokens, self.code, self._punct
        partner, parents = self._brackets
        count = len(tokens)
        typed: set[int] = set()
        for i in range(count - 2):
            kind, start, end = tokens[i]
            if kind != IDENT or i + 1 in typed:
                continue
            after = punct[i + 1]
            if after != "=" and after != ":" and tokens[i + 1][0] != IDENT:
                continue
            word = code[start:end]
            if word == "function" and tokens[i + 1][0] == IDENT:
                name = self.text(i + 1)
                j = i + 2
                if punct[j] == "(":
                    close = partner[j]
                    if close != -1 and close + 1 < count and punct[close + 1] == "{":
                        body_end = partner[close + 1]
                        if body_end != -1 and name not in found:
                            found[name] = (close + 2, body_end)
                continue
            at, equals = i, i + 1
            if word in ("var", "let", "const") and tokens[i + 1][0] == IDENT and punct[i + 2] == ":":
                at, equals = i + 1, self._annotated_equals(i + 2)
                word = self.text(at)
                typed.add(equals)
            if equals != -1 and punct[equals] == "=" and not (at >= 1 and punct[at - 1] == "."):
                name = word
                if name in found:
                    continue
                found[name] = (equals + 1, self.value_end(equals + 1, parents[at]))
        return found

    def assigned_literals(self, separators: tuple[str, ...]) -> list[tuple[int, str, str]]:  # type: ignore[override]
        """Each ``key SEP literal``, its key's kind and its separator read from the tokens."""
        tokens, code, found = self.tokens, self.code, []
        for value_index in self._string_indexes:
            i = value_index - 2
            if i < 0:
                continue
            key, sep = tokens[i], tokens[i + 1]
            if (key.kind != IDENT and key.kind != STRING) or sep.kind != PUNCT:
                continue
            text = code[sep.start : sep.end]
            if text in separators:
                found.append((i, text, value_index))
        return found

    def value_end(self, start: int, level: int, limit: int | None = None) -> int:
        """Where a value ends, read a token at a time."""
        punct = self._punct
        partner, parents = self._brackets
        stop = start
        end = len(self.tokens) if limit is None else min(len(self.tokens), start + limit)
        while stop < end:
            text = punct[stop]
            if text is not None:
                if (text == ";" or text == ",") and parents[stop] == level:
                    break
                if (text == "}" or text == ")" or text == "]") and partner[stop] < start:
                    break
            elif stop > start and parents[stop] == level and self.ends_statement(stop):
                break
            stop += 1
        return stop


def _same_structures(code: str, every: int = 1) -> None:
    script, reference = Script(code), _ReferenceScript(code)
    tokens, punct = script.tokens, script._punct
    assert script._kinds == bytes(token.kind for token in tokens)
    assert script.declarations == reference.declarations
    for separators in ((":", "=", ","), (":",), ("=",), (",",)):
        assert script.assigned_literals(separators) == reference.assigned_literals(separators)
    assert script._string_indexes == tuple(i for i, t in enumerate(tokens) if t.kind in (STRING, TEMPLATE))
    for index in range(0, len(tokens), every):
        level = script.parent(index)
        for limit in (None, 3, 40):
            assert script.value_end(index, level, limit) == reference.value_end(index, level, limit)
    calls: dict[str, list[int]] = {}
    for i in range(len(tokens) - 1):  # every word before a "(", one token at a time as it was read
        if punct[i + 1] == "(" and tokens[i].kind == IDENT:
            calls.setdefault(script.text(i), []).append(i)
    assert script._calls_by_name == calls
    for text in ("(", "{", "=", ",", ".", "=>"):
        assert script.punct_indexes(text) == [i for i, p in enumerate(punct) if p == text]
    for index in range(0, len(script.tokens), every):
        assert script.statement(index) == reference.statement(index)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_JS_PIECES, _SPLIT_PIECES, _DECLARATION_PIECES))
def test_statements_calls_and_punctuators_are_those_read_one_token_at_a_time(code: str) -> None:
    _same_structures(code)


def test_every_script_of_the_corpus_and_examples_gives_the_same_statements_and_calls() -> None:
    suffixes = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".html", ".vue", ".svelte", ".php")
    files = [p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in suffixes]
    for path in files:
        _same_structures(path.read_text(encoding="utf-8", errors="replace"), every=7)


def test_declarations_and_calls_are_read_from_the_tokens() -> None:
    script = Script("const n: Type = v; let host = cfg.host || 'x'; function go(a) { return a; }\nfetch(u);")
    names = {name: script.span_text(*span) for name, span in script.declarations.items()}
    assert names == {"n": "v", "host": "cfg.host || 'x'", "go": "return a;"}
    assert [script.text(i) for i, _ in script.find_calls(frozenset({"fetch", "go"}))] == ["go", "fetch"]
    assert script.is_punct(4, "=") and not script.is_punct(-1, "=") and not script.is_punct(10_000, "=")


_CONFLICT = "<<<<<<< ours\n.a { color: red; }\n=======\n.a { color: blue; }\n>>>>>>> theirs\n"


@pytest.mark.parametrize("linked", [False, True])
def test_a_managed_file_is_read_for_conflicts_unless_it_is_a_link(project: Path, tmp_path, invoke, linked) -> None:
    # mashup.css is managed by the record and is no page or script: the conflicts rule reads it itself.
    css = project / "mashup.css"
    if linked:
        target = tmp_path / "elsewhere.css"
        target.write_text(_CONFLICT, encoding="utf-8")
        css.unlink()
        css.symlink_to(target)
    else:
        css.write_text(_CONFLICT, encoding="utf-8")
    result = invoke("check", "--format", "json", str(project))
    rules = {(Path(f["path"]).name, f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert (("mashup.css", "conflict-markers") in rules) is not linked


def test_a_file_is_ruled_out_only_when_its_folder_has_no_entry_of_that_name(tmp_path) -> None:
    from mashup_gen.checker.project import Project
    from mashup_gen.checker.scan import discover

    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "Next.config.js").write_text("module.exports = {}\n", encoding="utf-8")
    (tmp_path / "lib").mkdir()
    (project,) = discover(tmp_path, str(tmp_path))
    checked = Project(project)
    assert checked.may_exist(tmp_path / "index.html")
    assert checked.may_exist(tmp_path / "next.config.js")  # a case-insensitive file system would find it
    assert checked.may_exist(tmp_path / "lib")  # a folder is an entry too: the caller asks what it is
    assert not checked.may_exist(tmp_path / "package.json")
    assert not checked.may_exist(tmp_path / "lib" / "nuxt.config.ts")
    assert not checked.may_exist(tmp_path / "missing" / "x.js")  # no such folder: nothing is in it
    assert not checked.may_exist(tmp_path / "index.html" / "x.js")  # a file is no folder
    assert checked.may_exist(tmp_path / "é.js")  # a non-ASCII name may be stored in another normalisation
    (tmp_path / "package.json").write_text("{}", encoding="utf-8")
    assert not checked.may_exist(tmp_path / "package.json")  # listed once per project: a check reads a still tree


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=64), st.text(max_size=32).map(lambda t: t.encode("utf-8"))), st.booleans())
def test_a_file_already_read_gives_the_conflicts_rule_the_bytes_on_disk(data: bytes, bom: bool) -> None:
    import tempfile

    from mashup_gen.checker.rules.conflicts import _read
    from mashup_gen.checker.scan import decode

    if bom:
        data = b"\xef\xbb\xbf" + data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_bytes(data)
        source = decode(path, "page.html", data)
        if isinstance(source, SourceFile):  # else check reads no text from it, and neither does this
            assert _read(path, source) == data


def test_a_script_path_resolves_as_path_resolve_does(tmp_path) -> None:
    from mashup_gen.checker.project import Project
    from mashup_gen.checker.scan import discover

    root = tmp_path / "app"
    (root / "js").mkdir(parents=True)
    (root / "index.html").write_text("<html></html>", encoding="utf-8")
    (root / "js" / "a.js").write_text("var a = 1;\n", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "b.js").write_text("var b = 2;\n", encoding="utf-8")
    (root / "linked").symlink_to(tmp_path / "shared")  # a linked folder
    (root / "js" / "c.js").symlink_to(tmp_path / "shared" / "b.js")  # a linked file
    (root / "js" / "gone.js").symlink_to(tmp_path / "nowhere.js")  # a dangling link
    (root / "js" / "deep" / "er").mkdir(parents=True)
    (root / "js" / "deep" / "er" / "d.js").write_text("var d = 4;\n", encoding="utf-8")
    (tmp_path / "shared" / "sub").mkdir()
    (tmp_path / "shared" / "sub" / "e.js").write_text("var e = 5;\n", encoding="utf-8")
    (root / "js" / "deep" / "to-shared").symlink_to(tmp_path / "shared")  # a linked folder below a real one
    (project,) = discover(root, str(root))
    checked = Project(project)
    for path in (
        root / "js" / "deep" / "er" / "d.js",
        root / "js" / "deep" / "to-shared" / "sub" / "e.js",
        root / "linked" / "sub" / "e.js",
        root / "js" / "deep" / ".." / "a.js",
        tmp_path / "shared" / "sub" / "e.js",
        root / "js" / "a.js",
        root / "linked" / "b.js",
        root / "js" / "c.js",
        root / "js" / "gone.js",
        root / "js" / "missing.js",
        root / "js" / ".." / "js" / "a.js",
        root / "linked" / ".." / "index.html",
        root / "js" / "a.js" / "..",
    ):
        expected = path.resolve() if path.exists() else path
        assert checked._real_path(path) == expected, path
    # A project whose root is reached through a link: its folders are where the link leads.
    (tmp_path / "via").symlink_to(tmp_path)
    (project,) = discover(tmp_path / "via" / "app", str(root))
    checked = Project(project)
    for path in (tmp_path / "via" / "app" / "js" / "deep" / "er" / "d.js", tmp_path / "via" / "app" / "js" / "a.js"):
        assert checked._real_path(path) == path.resolve(), path


def test_the_module_units_are_keyed_by_each_files_resolved_path(tmp_path, monkeypatch) -> None:
    from mashup_gen.checker.project import Project
    from mashup_gen.checker.scan import discover

    root = tmp_path / "app"
    (root / "js" / "deep").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    (root / "index.html").write_text('<script src="js/a.js"></script><script>var x = 1;</script>', encoding="utf-8")
    (root / "js" / "a.js").write_text('import "./deep/b.js";\n', encoding="utf-8")
    (root / "js" / "deep" / "b.js").write_text("var b = 2;\n", encoding="utf-8")
    (tmp_path / "shared" / "c.js").write_text("var c = 3;\n", encoding="utf-8")
    (root / "js" / "c.js").symlink_to(tmp_path / "shared" / "c.js")  # a linked file
    (root / "linked").symlink_to(tmp_path / "shared")  # a linked folder (not walked)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "via").symlink_to(tmp_path)
    for top in (root, Path("app"), tmp_path / "via" / "app"):  # absolute, relative, through a link
        (project,) = discover(top, str(top))
        checked = Project(project)
        expected = {unit.file.path.resolve(): unit for unit in checked.units if unit.script.offset == 0}
        assert len(expected) == 3  # a.js, deep/b.js and the linked c.js (the inline script is no module)
        assert checked._module_units() == expected
        assert list(checked._module_units()) == list(expected)


def _table_nodes(parsed, callees: frozenset[str]) -> list[tuple[int, int, str]]:
    nodes = QueryCursor(table_query(parsed.grammar, callees)).captures(parsed.root).get("node", [])
    return [(n.start_byte, n.end_byte, n.type) for n in sorted(nodes, key=lambda n: n.start_byte)]


def test_a_tree_is_walked_once_for_its_facts_and_its_module_table() -> None:
    code = 'import { HOST } from "./config";\nqlik.openApp(APP).getObject("x");\nexport const cfg = { host: HOST };\n'
    parsed = parse(code, "javascript")
    facts = module_facts(parsed)
    assert [i.source for i in facts.imports] == ["./config"]
    captured = parsed.captured
    assert captured is not None
    table = module_table(parsed, "app.js", None, TABLE_CALLEES)
    assert parsed.captured is captured  # the table read the same captures: no second walk
    assert table.exports.keys() == {"cfg"}
    assert [n[2] for n in _table_nodes(parsed, TABLE_CALLEES)].count("call_expression") == 2


def test_the_shared_query_captures_what_each_readers_own_query_does() -> None:
    scripts = [p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in _GRAMMARS]
    assert len(scripts) >= 20
    for path in scripts:
        grammar = _GRAMMARS[path.suffix]
        parsed = parse(path.read_text(encoding="utf-8"), grammar)
        shared = shared_captures(parsed)
        nodes = sorted(shared.get("node", ()), key=lambda n: n.start_byte)
        assert [(n.start_byte, n.end_byte, n.type) for n in nodes] == _table_nodes(parsed, TABLE_CALLEES), path
        own = QueryCursor(Query(parser(grammar).language, facts_patterns(grammar))).captures(parsed.root)
        for name in set(own) | set(shared) - {"node", "_name"}:
            spans = [sorted((n.start_byte, n.end_byte) for n in found.get(name, ())) for found in (own, shared)]
            assert spans[0] == spans[1], (path, name)


# Pieces of JSX and script whose props may or may not be named by a key (in any case, with - and _).
_JSX = st.lists(
    st.sampled_from(
        [
            "<QlikEmbed ", "<div ", "appId=", "app-id=", "APP_ID=", "webIntegrationId=", "clientId=", "host=",
            "objectId=", "data-x=", '"<app-id>" ', "'YOUR_APP_ID' ", "{id} ", "/>", ">", "</div>", "a < b; ",
            "const appId = 1; ", "x => y; ", "\n", "é", "_", "-",
        ]
    ),
    max_size=12,
).map("".join)  # fmt: skip


def test_captured_nodes_are_put_in_the_order_of_start_then_longest_first() -> None:
    suffixes = {".js": "javascript", ".mjs": "javascript", ".jsx": "javascript", ".ts": "typescript", ".tsx": "tsx"}
    files = [p for folder in (CORPUS, EXAMPLES) for p in folder.rglob("*") if p.suffix in suffixes]
    assert len(files) >= 30
    for path in files:
        parsed = parse(path.read_text(encoding="utf-8", errors="replace"), suffixes[path.suffix])
        nodes = [node for found in shared_captures(parsed).values() for node in found]
        by_key = sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))
        assert [(n.start_byte, n.end_byte, n.type) for n in _in_order(list(nodes))] == [
            (n.start_byte, n.end_byte, n.type) for n in by_key
        ], path


@settings(max_examples=300, deadline=None)
@given(_JSX, st.sampled_from(["javascript", "tsx"]))
def test_a_script_passed_over_for_jsx_props_has_no_prop_named_by_a_key(code: str, grammar: str) -> None:
    named = [a for a in module_facts(parse(code, grammar)).attributes if _key(a.name) in _PROP_KEYS]
    if not _may_name_a_prop_key(code):
        assert named == []


def test_jsx_props_are_looked_for_only_where_an_element_and_a_key_may_be() -> None:
    assert _may_name_a_prop_key('<QlikEmbed app-id="<app-id>" />')
    assert _may_name_a_prop_key('<QlikEmbed WEB_INTEGRATION_ID="x" />')
    assert not _may_name_a_prop_key('const appId = "YOUR_APP_ID";')  # no element
    assert not _may_name_a_prop_key('<QlikEmbed host="<tenant>" />')  # a tenant prop is judged elsewhere


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["placeholder", "placeHolder", "PLACEHOLDER", "placeholders", "placeİolder", "İplaceholder", "p"]),
    st.sampled_from(["=", ":", ",", "=="]),
)
def test_a_string_is_hint_text_exactly_when_a_placeholder_key_is_given_it(word: str, separator: str) -> None:
    script = Script(f'x({word} {separator} "acme.eu.qlikcloud.com");')
    index = next(i for i, t in enumerate(script.tokens) if t.kind == STRING)
    expected = separator in ("=", ":") and word.lower() == "placeholder"
    assert is_hint_text(script, index) is expected


# Pieces of code around declarations: keywords inside and after words, blanks of every kind (a no-break space,
# a line break), names inside other names, "==" and "=>".
_DECLARATIONS = st.lists(
    st.sampled_from(
        [
            "var", "let", "const", "x", "xx", "_", "$", "1", "é", "\u00a0", " ", "\t", "\n", "=", "==", "=>",
            ";", ".", "(", "myvar", "constx", "let\u00a0", "x\u00a0", "\u2003",
        ]
    ),
    max_size=24,
).map("".join)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(_DECLARATIONS, st.sampled_from(["x", "xx", "x\u00a0", "$", "é", "let", "x1"]))
def test_a_name_is_declared_twice_exactly_when_the_expression_matches_twice(code: str, name: str) -> None:
    expected = len(re.findall(rf"\b(?:var|let|const)\s+{re.escape(name)}\s*=", code)) >= 2
    assert declared_twice(code, name) is expected


def test_declarations_are_counted_in_a_file() -> None:
    code = "function a() { const options = {}; }\nfunction b() { let  options\n= { headers }; }"
    assert declared_twice(code, "options")
    assert not declared_twice(code, "headers")  # used, never declared
    assert not declared_twice("const options = 1; myvar options = 2; options = 3;", "options")


@pytest.mark.parametrize(
    "names",
    [
        [],
        ["next.config.js"],
        ["next.config.mjs", "package.json"],
        ["next.config."],
        ["Next.config.js"],  # another name on a case-sensitive file system
        ["next.configjs", "next-config.js", "app"],
        ["src/next.config.js"],  # not in the root
    ],
)
def test_a_next_config_is_found_where_the_glob_found_one(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    project = Project(ProjectFiles(root=tmp_path, display_root=""))
    assert project._is_next_app("{}") is any(tmp_path.glob("next.config.*"))
    assert project._is_next_app('{"dependencies": {"next": "15"}}')


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a\n\r\x0b\u2028é", max_size=40))
def test_a_files_lines_start_where_a_search_for_each_newline_finds_them(text: str) -> None:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    source = SourceFile(Path("a.js"), "a.js", text)
    assert source._line_starts == starts
    assert [source.position(offset) for offset in range(len(text) + 1)] == [
        (line + 1, offset - starts[line] + 1)
        for offset in range(len(text) + 1)
        for line in [max(k for k, start in enumerate(starts) if start <= offset)]
    ]


@pytest.mark.parametrize(
    "manifest",
    [
        None,  # no package.json
        "",
        "{",
        "[1, 2]",
        '{"dependencies": {"vite": "5"}, "devDependencies": {"svelte": "4"}}',
        '{"devDependencies": {"parcel": "2"}, "scripts": {"start": "parcel index.html"}}',
        '{"dependencies": {"parcel": "2"}, "@parcel/transformer-js": {"inlineEnvironment": false}}',
        '{"scripts": {"build": "parcel build"}, "peerDependencies": ["x"]}',
        "folder",  # a folder named package.json
    ],
)
def test_package_facts_from_the_projects_manifest_are_those_read_from_disk(tmp_path: Path, manifest) -> None:
    from mashup_gen.source.bundlers import dependencies, depends_on, inlines_process_env

    if manifest == "folder":
        (tmp_path / "package.json").mkdir()
    elif manifest is not None:
        (tmp_path / "package.json").write_text(manifest, encoding="utf-8")
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    files = ProjectFiles(root=tmp_path, display_root="", pages=[tmp_path / "index.html"])
    read = Project(files).manifest  # as the rules hand it on
    assert dependencies(tmp_path, read) == dependencies(tmp_path)
    assert inlines_process_env(tmp_path, read) is inlines_process_env(tmp_path)
    for name in ("vite", "svelte", "parcel", "x"):
        assert depends_on(tmp_path, name, read) is depends_on(tmp_path, name)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 65536, 65537, 300_000])
def test_a_file_is_read_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    data = bytes(ord("a") + i % 26 for i in range(size))
    (tmp_path / "a.js").write_bytes(data)
    source = read_source(tmp_path / "a.js", "a.js")
    assert isinstance(source, SourceFile) and source.text == data.decode()


def test_a_file_that_cannot_be_read_says_why_as_before(tmp_path: Path) -> None:
    (tmp_path / "folder.js").mkdir()
    assert read_source(tmp_path / "folder.js", "folder.js") == Problem("folder.js", "inaccessible", "Is a directory")
    missing = read_source(tmp_path / "missing.js", "missing.js")
    assert missing == Problem("missing.js", "inaccessible", "No such file or directory")
    big = tmp_path / "big.js"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    assert read_source(big, "big.js") == Problem("big.js", "too-large", "5 MB, over the 5 MB limit")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "import ", "enigma", ".js", "'enigma.js'", '"enigma.js"', " from ", "* as ", "e", "x", " = ",
                "require(", ")", " ", "\n", ";", "Enigma.js", "enigma_js",
            ]
        ),
        max_size=16,
    ).map("".join)
)  # fmt: skip
def test_enigma_is_imported_only_where_its_module_is_named(code: str) -> None:
    # The engine URL rule reads enigma's import names only from scripts naming "enigma.js".
    if "enigma.js" not in code:
        assert _ENIGMA_IMPORT.search(code) is None


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "import ", "import", "enigma", ".js", "'enigma.js'", '"enigma.js"', "'", '"', " from ", "from",
                "* as ", "*", "as", "e", "x", "$e", "_", "9", " = ", "=", "require(", "require", "(", ")", " ", "\n",
                ";", ".", ",", "é", "\u2003", "\u20ac", "Enigma.js",
            ]
        ),
        max_size=24,
    ).map("".join)
)  # fmt: skip
@example("import e from 'enigma.js';\nconst x = require( \"enigma.js\" )")
@example("import * as\u2003é from 'enigma.js'")  # a name and a blank beyond ASCII: the whole text is searched
@example("x = require('enigma.js'enigma.js')")
def test_enigmas_names_read_around_each_quoted_module_name_are_those_of_the_whole_text(code: str) -> None:
    expected = {n for m in _ENIGMA_IMPORT.finditer(code) for n in m.groups() if n}
    assert enigma_import_names(code) == expected


# Literals a string is asked for before an expression is searched in it (tenants, secrets): a string without
# the literal has no match. Pieces in every case, with the characters re.I folds to ASCII letters.


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "https://", "wss://", "http:", "//", "a.", "tenant.", "eu.", "qlikcloud.com", "QLIKCLOUD.COM",
                "qlikCloud.Com", "ql\u0131kcloud.com", "qli\u212acloud.com", "cloud", ".com", "eyJ", "eyj",
                "abcdefghijkl", ".", "Bearer ", "bearer ", "BEARER ", "0123456789abcdef0123", "=", " ", "-",
            ]
        ),
        max_size=12,
    ).map("".join)
)  # fmt: skip
def test_a_string_without_an_expressions_literal_has_no_match_of_it(value: str) -> None:
    from mashup_gen.checker.facts.patterns import BEARER, JWT, QLIKCLOUD_HOST, URL

    for literal, pattern in zip(("://", "cloud.com", "eyJ", "Bearer"), (URL, QLIKCLOUD_HOST, JWT, BEARER), strict=True):
        seen = value.lower() if pattern is QLIKCLOUD_HOST else value
        if literal not in seen:
            assert pattern.search(value) is None, (pattern.pattern, value)


@pytest.mark.parametrize("relative", [False, True])
def test_a_walk_makes_the_paths_that_parsing_each_entrys_path_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    names = ["index.html", "a b.js", "é.ts", "x.y.z.mjs", ".env", "package.json", "App.VUE", "-.js", "web.config"]
    for folder in ("", "src", "src/deep er", "café"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            (tmp_path / folder / name).write_text("x", encoding="utf-8")
    if relative:
        monkeypatch.chdir(tmp_path)
    top = Path(".") if relative else tmp_path
    parents: dict[Path, Path] = {}
    walked = _walk(top, parents)
    paths = [p for entry in walked.values() for kind in entry.values() for p in kind] + list(parents)
    assert len(paths) > 30
    # What Path(entry.path) made, the whole path parsed: every entry under the top, by its path as os.walk gives it.
    made = {str(Path(os.path.join(d, n))): Path(os.path.join(d, n)) for d, ds, fs in os.walk(top) for n in ds + fs}
    for path in paths:
        parsed = made[str(path)]
        assert (path, str(path), path.parts, hash(path)) == (parsed, str(parsed), parsed.parts, hash(parsed))
    # The corpus's trees, as a user gives them.
    for folder in (CORPUS, EXAMPLES):
        for entry in _walk(folder).values():
            for path in (p for kind in entry.values() for p in kind):
                assert (path, str(path), path.parts) == (Path(str(path)), str(Path(str(path))), Path(str(path)).parts)


@settings(max_examples=200, deadline=None)
@given(_DECLARATION_PIECES, st.integers(min_value=0, max_value=50))
def test_the_token_at_an_offset_is_the_last_starting_at_or_before_it(code: str, base: int) -> None:
    from bisect import bisect_right

    from mashup_gen.checker.facts.liveness import token_at

    script = Script(code, base)
    starts = [token.start for token in script.tokens]
    assert script._starts == starts
    for offset in range(base - 2, base + len(code) + 2):
        assert token_at(script, offset) == max(bisect_right(starts, offset - base) - 1, 0)


_PATH_PARTS = st.lists(st.sampled_from(["a", "b", "B", ".", "..", "", "x y", "é", "~", "a.b", "-"]), max_size=4)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["", "/", "//"]),
    _PATH_PARTS,
    _PATH_PARTS,
    st.sampled_from(["", ".", "./", "/", "//", "a", "a/", "a//b", "./a", "../a", "~/x", "/abs/p"]),
)
def test_a_path_is_shown_as_relative_to_and_a_join_of_paths_show_it(
    anchor: str, root_parts: list[str], rest: list[str], display_root: str
) -> None:
    root = Path(anchor + "/".join(root_parts)) if anchor or root_parts else Path(".")
    files = ProjectFiles(root=root, display_root=display_root)
    for path in (root / "/".join(rest) if rest else root, Path("/".join(rest) or "."), Path("/other", *rest)):
        assert files.display(path) == files._display(path), (root, path, display_root)
    files.display_root = "moved"  # a changed root or display root is shown as changed
    assert files.display(root / "z") == files._display(root / "z")


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["", "/", "//"]), _PATH_PARTS, _PATH_PARTS, _PATH_PARTS)
def test_a_path_is_made_relative_to_the_project_root_as_relative_to_made_it(
    anchor: str, root_parts: list[str], rest: list[str], other: list[str]
) -> None:
    from mashup_gen.checker.project import _below_prefix

    root = Path(anchor + "/".join(root_parts)) if anchor or root_parts else Path(".")
    project = Project.__new__(Project)  # only what relative() reads
    project.root, project._relatives, project._root_prefix = root, {}, _below_prefix(root)
    for path in (root / "/".join(rest) if rest else root, Path("/".join(rest) or "."), Path("/", *other), root / ".."):
        try:
            expected = path.relative_to(root).as_posix()
        except ValueError:
            expected = path.name
        assert project.relative(path) == expected, (root, path)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["", "/", "//"]),
    _PATH_PARTS,
    st.lists(st.sampled_from(["a", "b", "x y", "é", "~", "a.b", "-", "back\\slash"]), max_size=4),
    st.sampled_from(["", ".", "./", "/", "//", "a", "a/", "a//b", "./a", "../a", "~/x", "/abs/p"]),
)
def test_a_folder_found_by_the_walk_is_shown_as_a_join_of_paths_shows_it(
    anchor: str, root_parts: list[str], names: list[str], display_root: str
) -> None:
    from mashup_gen.checker.scan import _child, _display_join, _shown_below

    top = Path(anchor + "/".join(root_parts)) if anchor or root_parts else Path(".")
    shown = _shown_below(top, display_root)
    assert shown(top) == _display_join(display_root, Path("."))
    folder = top
    for name in names:  # each folder below made as the walk makes it, from the one above and a name
        folder = _child(folder, name, os.path.join(str(folder), name))
        assert shown(folder) == _display_join(display_root, folder.relative_to(top)), (top, folder, display_root)


# -- regular expressions searched from their literal runs (mashup_gen.checker.hints.Quick) -------------------


def _quick_patterns() -> list[Quick]:
    """Every Quick of the checker's modules, and the default-import expressions of a few names."""
    import importlib
    import pkgutil

    import mashup_gen.checker

    found: dict[int, Quick] = {}
    for info in pkgutil.walk_packages(mashup_gen.checker.__path__, "mashup_gen.checker."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            within = [*value.word_start, *value.parts] if isinstance(value, Hint) else [value]
            if isinstance(value, tuple):  # a table of patterns ((kind, Quick), ...): each of its Quicks
                within = [item for entry in value for item in (entry if isinstance(entry, tuple) else (entry,))]
            found.update((id(quick), quick) for quick in within if isinstance(quick, Quick))
    for name in ("config", "appId", "$x", "host", "signIn"):
        for quick in (_default_import(name), _word(name), _assignment(name)):
            found[id(quick)] = quick
    return list(found.values())


# Patterns that exercise each way Quick reads one: \b first, a set of alternatives first, case-insensitive
# (with the characters that fold to ASCII letters outside ASCII), a character set before the run, a group.
_PATTERNS = [
    r"\bwindow\.require\s*=(?!=)",
    r"(?i)\bdata-qlik-embed-|[\"']qlik-embed-[a-z-]+[\"']",
    r"[Rr]edirect[-_]?[Uu]r[IiLl]|[Cc]allback[-_]?[Uu]r[IiLl]|REDIRECT_UR[IL]",
    r"(?i)\b(?:window|globalThis|self)\s*\.\s*(qlik_?embed)\s*\.\s*([A-Za-z_$][\w$]*)\s*\(",
    r"(?<=[a-z])kit\b|\bsk(?:i|y)+t",
    r"(?i)(a)(?P<n>bc)?abc",
    r"^abc|xabc$",
    r"\Babc",
]
_PIECES = [
    "window", "Window", "WINDOW", ".require", "require", " = ", "==", "data-qlik-embed-", "DATA-QLIK-EMBED-",
    "qlik-embed-", "'", '"', "x", "edirect", "Redirect", "redirect_", "URI", "Url", "url", "ReDIRECT_URL",
    "allback", "Callback", "globalThis", "self", "SELF", ".", " ", "qlikEmbed", "qlik_embed", "(", "_", "a",
    "abc", "ABC", "kit", "skit", "skyit", "\n", "é", "\u212a", "\u0131", "\u017f", "K", "\u212ait", "0",
]  # fmt: skip


def _same_search(quick: Quick, text: str, pos: int = 0) -> None:
    fast, slow = quick.search(text, pos), quick.pattern.search(text, pos)
    assert (fast is None) == (slow is None), (quick.pattern.pattern, text, pos)
    if fast is not None and slow is not None:
        assert (fast.span(), fast.groups(), fast.re) == (slow.span(), slow.groups(), slow.re)
    spans = [(m.span(), m.groups()) for m in quick.finditer(text)]
    assert spans == [(m.span(), m.groups()) for m in quick.pattern.finditer(text)], (quick.pattern.pattern, text)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_PATTERNS),
    st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
    st.integers(min_value=0, max_value=20),
)
def test_a_pattern_searched_from_its_runs_finds_what_its_own_search_finds(pattern: str, text: str, pos: int) -> None:
    _same_search(Quick(re.compile(pattern)), text, pos)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_each_quick_pattern_of_the_checker_finds_what_its_own_search_finds(data: st.DataObject) -> None:
    quick = data.draw(st.sampled_from(_quick_patterns()))
    runs = [run for run, _ in quick.anchors or ()] + list(quick.needs)
    pieces = st.sampled_from(_PIECES + runs + [run.upper() for run in runs] + [run[1:] for run in runs])
    text = data.draw(st.lists(pieces, max_size=12).map("".join))
    _same_search(quick, text, data.draw(st.integers(min_value=0, max_value=len(text))))


def test_every_file_of_the_corpus_examples_and_fixtures_gives_each_quick_pattern_the_same_matches() -> None:
    patterns = _quick_patterns()
    assert len(patterns) >= 20
    suffixes = (*MARKUP_SUFFIXES, *JS_SUFFIXES, *DATA_SUFFIXES)
    files = [
        path
        for folder in (CORPUS, EXAMPLES, TESTS)
        for path in folder.rglob("*")
        if path.suffix.lower() in suffixes and "node_modules" not in path.parts and path.is_file()
    ]
    assert len(files) >= 100
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for quick in patterns:
            _same_search(quick, text)


def test_a_pattern_is_read_for_its_runs_and_their_distances_from_its_start() -> None:
    redirect = Quick(re.compile(r"[Rr]edirect[-_]?[Uu]r[IiLl]|REDIRECT_UR[IL]"))
    assert redirect.anchors == (("edirect", 1), ("REDIRECT_UR", 0))
    invented = Quick(re.compile(r"\b(?:window|self)\s*\.\s*(qlik_?embed)", re.I))
    assert invented.anchors == (("window", 0), ("self", 0))
    assert Quick(re.compile(r"\b[a-z]+\s*=\s*require\(")).anchors is None  # no run at a fixed distance
    assert Quick(re.compile(r"\b[a-z]+\s*=\s*require\(")).needs == ("require(",)


def test_a_python_without_res_parser_searches_with_the_pattern_alone() -> None:
    """Quick reads patterns with CPython's re._parser; where a Python has moved it, the checker still imports and
    every search is the pattern's own (a fresh interpreter, with the module made unimportable)."""
    code = (
        "import re, sys\n"
        "del re._parser\n"
        "sys.modules['re._parser'] = None\n"
        "from mashup_gen.checker.hints import Quick\n"
        "q = Quick(re.compile(r'\\bwindow\\.require\\b', re.IGNORECASE))\n"
        "assert (q.anchors, q.needs) == (None, ())\n"
        "for text in ('x = Window.Require;', 'window.requirejs', 'none', ''):\n"
        "    a, b = q.search(text), q.pattern.search(text)\n"
        "    assert (a and a.span()) == (b and b.span()), text\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr


def test_a_folder_given_twice_or_through_a_link_is_checked_once(tmp_path) -> None:
    from mashup_gen.checker import check_paths

    for name in ("a", "b"):
        (tmp_path / "tree" / name).mkdir(parents=True)
        (tmp_path / "tree" / name / "index.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "tree" / "a")
    tree = str(tmp_path / "tree")
    assert check_paths([tree]).projects == 2  # one path: its projects, each folder once, none resolved
    assert check_paths([tree, tree]).projects == 2
    assert check_paths([tree, str(tmp_path / "link")]).projects == 2
    assert check_paths([str(tmp_path / "link"), str(tmp_path / "tree" / "a")]).projects == 1


def test_the_roots_one_listing_answers_the_roles_and_may_exist_as_two_listings_did(tmp_path, monkeypatch) -> None:
    from mashup_gen.checker.project import Project
    from mashup_gen.checker.scan import discover

    calls: list[str] = []
    listdir = os.listdir

    def counted(folder: str = ".") -> list[str]:
        calls.append(str(folder))
        return listdir(folder)

    for config, next_app in (("next.config.mjs", True), ("Next.config.js", False), ("next.configure.js", False)):
        root = tmp_path / config
        root.mkdir()
        (root / "index.html").write_text("<html></html>", encoding="utf-8")
        (root / config).write_text("export default {};\n", encoding="utf-8")
        (project,) = discover(root, str(root))
        calls.clear()
        monkeypatch.setattr(os, "listdir", counted)
        checked = Project(project)
        assert checked._is_next_app("") is next_app  # a next.config.* by its exact name, as a glob finds it
        assert checked.may_exist(root / "NEXT.CONFIG.MJS") is (config == "next.config.mjs")  # without case
        assert checked.may_exist(root / config.upper()) and not checked.may_exist(root / "nuxt.config.ts")
        assert calls.count(str(root)) == 1  # listed once
        monkeypatch.setattr(os, "listdir", listdir)
    gone = Project(project)
    gone._root_names = FileNotFoundError(2, "gone")  # a root that vanished before it was listed
    assert not gone._is_next_app("") and gone._is_next_app('{"dependencies": {"next": "14"}}')
    assert not gone.may_exist(gone.root / "next.config.mjs")


# -- server sign-in code: the JWT signing search and the bracket scanner ---------------------------------------


def _code_files() -> list[Path]:
    suffixes = (*JS_SUFFIXES, ".py", ".php", ".cs", ".java", ".rb")
    return [
        path
        for folder in (CORPUS, EXAMPLES, TESTS)
        for path in folder.rglob("*")
        if path.suffix.lower() in suffixes and "node_modules" not in path.parts and path.is_file()
    ]


_SERVER_PIECES = [
    ".", " ", "\n", "\t", "\u00a0", "sign", "Sign", "(", ")", "jwt", "JWT", "encode", "::", "SignJWT", "Jwts",
    "JwtSecurityToken", "JWT.create", "x", "_", "'", '"', "`", "\\", "{", "}", "[", "]", "//", "/*", "*/", "#",
    ":", "https://", "'''", '"""', "grant_type", ",", "a",
]  # fmt: skip


def test_a_jwt_signing_is_found_where_its_expression_finds_one() -> None:
    from mashup_gen.checker.rules.jwtsigning import _SIGNS, signs

    files = _code_files()
    assert len(files) >= 100
    hits = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert signs(text) == (_SIGNS.search(text) is not None), path
        hits += signs(text)
    assert hits >= 3  # the fixtures sign JWTs: both answers were asked


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SERVER_PIECES), max_size=16).map("".join))
@example("token = jwt . \n sign (")
@example("design(x); a.\u00a0sign(")
def test_a_jwt_signing_is_found_where_its_expression_finds_one_in_any_text(text: str) -> None:
    from mashup_gen.checker.rules.jwtsigning import _SIGNS, signs

    assert signs(text) == (_SIGNS.search(text) is not None)


def _reference_brackets(text: str, hash_comments: bool) -> tuple[dict[int, int], list[tuple[int, int]], list]:
    """The bracket scanner as it was first written: one character at a time."""

    def string_end(start: int) -> int:
        quote = text[start]
        if text.startswith(quote * 3, start) and quote != "`":
            end = text.find(quote * 3, start + 3)
            return len(text) if end == -1 else end + 3
        i = start + 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == quote:
                return i + 1
            if text[i] == "\n" and quote != "`":
                return i
            i += 1
        return len(text)

    closers = {")": "(", "]": "[", "}": "{"}
    pairs: dict[int, int] = {}
    strings: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    stack: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            strings.append((i, string_end(i)))
            i = strings[-1][1]
            continue
        if (c == "/" and text.startswith("//", i) and text[max(0, i - 1)] != ":") or (c == "#" and hash_comments):
            end = text.find("\n", i)
            comments.append((i, n if end == -1 else end))
            i = comments[-1][1]
            continue
        if c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            comments.append((i, n if end == -1 else end + 2))
            i = comments[-1][1]
            continue
        if c in "([{":
            stack.append(i)
        elif c in closers:
            while stack and text[stack[-1]] != closers[c]:
                stack.pop()
            if stack:
                pairs[stack.pop()] = i
        i += 1
    return pairs, strings, comments


def _same_brackets(text: str) -> None:
    from mashup_gen.checker.facts.serverauth import Brackets

    for hash_comments in (False, True):
        brackets = Brackets(text, hash_comments)
        assert (brackets.pairs, brackets.strings, brackets.comments) == _reference_brackets(text, hash_comments)


def test_the_bracket_scanner_reads_every_code_file_as_one_character_at_a_time_did() -> None:
    for path in _code_files():
        _same_brackets(path.read_text(encoding="utf-8", errors="replace"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SERVER_PIECES), max_size=20).map("".join))
@example("a = 'x\\'y' // c(\n[b] /* ( */ {c: \"d\\\\\"} # e\nf(`g\nh`)")
@example("u = 'https://t/x' ## '''a\n(b'''")
def test_the_bracket_scanner_reads_any_text_as_one_character_at_a_time_did(text: str) -> None:
    _same_brackets(text)


def _sent_names_of_every_token(script: Script) -> list[str]:
    """The names :func:`mashup_gen.checker.facts.ids._sent_names` finds, read with a step for every token (how
    they were read before only the literals were)."""
    from mashup_gen.checker.facts.ids import _PARAM_NAME
    from mashup_gen.checker.facts.patterns import HEADER

    tokens = script.tokens
    names = []
    for i, token in enumerate(tokens):
        if token.kind == STRING:
            text = script.string_value(i) or ""
            if text.lower() == HEADER and (script.is_punct(i + 1, ":") or script.is_punct(i + 1, ",")):
                at = i + 2
            elif text.endswith("qlik-web-integration-id=") and script.is_punct(i + 1, "+"):
                at = i + 2
            else:
                continue
            if at < len(tokens) and tokens[at].kind == IDENT and not script.is_punct(at + 1, "."):
                if not script.is_punct(at + 1, "(") and not script.is_punct(at + 1, "["):
                    names.append(script.text(at))
        elif token.kind == TEMPLATE and "qlik-web-integration-id=${" in script.text(i):
            names.extend(m.group(1) for m in _PARAM_NAME.finditer(script.text(i)))
    return names


def _same_sent_names(code: str) -> None:
    from types import SimpleNamespace

    from mashup_gen.checker.facts.ids import _sent_names

    script = Script(code)
    assert _sent_names(SimpleNamespace(script=script)) == _sent_names_of_every_token(script), code[:200]


_SENT_PIECES = st.lists(
    st.sampled_from(
        [
            "'qlik-web-integration-id'", '"Qlik-Web-Integration-ID"', "'qlik-web-\\x69ntegration-id'", "''", "``",
            "'?qlik-web-integration-id='", "`a?qlik-web-integration-id=${ID}&b`", "`qlik-web-integration-id=${ x }`",
            ":", ",", "+", " ", "ID", "id", ".", "(", ")", "[", "]", "{", "}", "\n", "//", "/*", "*/", "'", "`",
            "\\", "headers", "setRequestHeader",
        ]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_SENT_PIECES)
def test_the_names_sent_as_the_integration_id_are_read_from_the_literals_as_from_every_token(code: str) -> None:
    _same_sent_names(code)


def test_every_script_gives_the_names_sent_as_the_integration_id_that_reading_every_token_gave() -> None:
    files = [p for p in _code_files() if p.suffix.lower() in JS_SUFFIXES]
    assert len(files) > 100
    for path in files:
        _same_sent_names(path.read_text(encoding="utf-8", errors="replace"))
