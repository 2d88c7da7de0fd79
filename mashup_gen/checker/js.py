"""A light JavaScript tokenizer and the few structures the rules need from it.

Not a parser: it tells strings, template literals, regular expressions and comments apart from code (so a
URL in a comment is not a finding and ``"//"`` in a string is not a comment), pairs brackets, and reads
object literals and call arguments. That is enough to find ``require.config({...})``, the capability API's
config object, ``fetch(url, options)`` and the strings that hold URLs, with exact offsets for ``file:line``
and for ``adopt``'s edits. Everything is linear in the size of the code.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mashup_gen.checker.hints import Quick

# Token kinds
IDENT, STRING, TEMPLATE, NUMBER, PUNCT, REGEX = range(6)

# Blanks and comments. A block comment is read as runs of characters other than "*" (one regex step per run, not
# per character as ".*?" took); the same text as "/\*.*?(?:\*/|\Z)" matches.
_SKIP_PART = r"(?:\s+|//[^\n]*|/\*[^*]*+(?:\*(?!/)[^*]*+)*+(?:\*/|\Z)|<!--[^\n]*)"
# Blanks and comments (possessive: never given back to match a "/" of a comment), then one token: one
# regex call per token, the tokenizer being check's hottest loop. The groups are numbered in the order of
# _GROUP_KINDS: a match's lastindex says its kind. The commonest tokens are tried first (identifiers, then
# the punctuators that never start a longer one), strings are read by runs of plain characters; the tokens
# are the ones the order "strings, identifiers, numbers, / and `, punctuators" gives, as no two of the
# first four start with the same character and the fast punctuators start no other token
# (tests/check/test_check_speed_equivalence.py holds both readings equal).
_TOKEN = re.compile(
    _SKIP_PART + r"*+(?:(?P<i>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)"
    r"|(?P<q>[(){}\[\],;:])"
    r"""|(?P<s>"(?:[^"\\\n]++|\\.)*+"?|'(?:[^'\\\n]++|\\.)*+'?)"""
    r"|(?P<n>\.?\d(?:[\w.]|[eE][-+])*)"
    r"|(?P<x>[/`])"  # a regular expression or a division, a template literal: read on in Python
    r"|(?P<p>=>|\.\.\.|\?\.|[=!]==?|[<>]=?|&&=?|\|\|=?|\?\?=?|\*\*=?|<<=?|>>>?=?|[-+*%&|^]=?|\S))",
    re.S,
)
_REGEX = re.compile(r"/(?![*/])(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")
_TEMPLATE_PART = re.compile(r"[`\\]|\$\{")
# After these a "/" starts a regular expression, not a division.
# Words that join two expressions (a line starting with one continues the line before) and words after which
# an expression must follow (a line ending in one goes on): neither ends a statement at a line break.
_CONTINUING_WORDS = frozenset({"instanceof", "in", "of", "as", "satisfies"})
_OPERATOR_WORDS = frozenset(
    {"new", "typeof", "instanceof", "in", "of", "await", "yield", "void", "delete", "return", "throw", "as", "case"}
)
_REGEX_AFTER_WORDS = frozenset(
    {
        "return",
        "typeof",
        "instanceof",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "case",
        "do",
        "else",
        "yield",
        "await",
    }
)
_UNESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": ""}
_OPEN = {"(": ")", "[": "]", "{": "}"}
_KIND_OF = itemgetter(0)  # a token's kind
_START_OF = itemgetter(1)  # a token's start
_STRING_KIND = re.compile(b"[%c%c]" % (STRING, TEMPLATE))  # a string or template token, in Script._kinds
_WORD_BEFORE_WORD = re.compile(b"%c(?=%c%c)" % (IDENT, IDENT, PUNCT))  # in Script._kinds


_GROUP_KINDS = (-1, IDENT, PUNCT, STRING, NUMBER, -1, PUNCT)  # by group number; group 5 is "/" or "`"
_SPECIAL, _BRACKET_GROUP = 5, 2  # braces are among the fast punctuators (group 2)
assert _TOKEN.groupindex == {"i": 1, "q": _BRACKET_GROUP, "s": 3, "n": 4, "x": _SPECIAL, "p": 6}


class Token(NamedTuple):
    """One token: its kind and its span in the code (a tuple: a file has tens of thousands, made fast)."""

    kind: int
    start: int
    end: int


def _unescape(match: re.Match[str]) -> str:
    seq = match.group(1)
    if seq[0] == "u" and len(seq) > 1:
        try:
            return chr(int(seq[2:-1] if seq[1] == "{" else seq[1:], 16))
        except ValueError:
            return seq
    if seq[0] == "x" and len(seq) == 3:
        return chr(int(seq[1:], 16))
    return _SIMPLE_ESCAPES.get(seq, seq)


def _template_end(code: str, pos: int) -> int:
    """End of the template literal starting at ``pos`` (a backtick); nested ``${...}`` are skipped."""
    n = len(code)
    i = pos + 1
    while i < n:
        m = _TEMPLATE_PART.search(code, i)
        if m is None:
            return n
        s = m.group()
        if s == "`":
            return m.end()
        if s == "\\":
            i = m.end() + 1
            continue
        _, i = _scan(code, m.end(), stop_at_brace=True)
    return n


def _scan(code: str, pos: int, stop_at_brace: bool = False) -> tuple[list[Token], int]:
    # check's hottest loop: one C-level scanner match per token, its kind from the group that matched, the
    # previous token read back from the list only at a "/" (regular expression or division?), tuples built
    # without the NamedTuple's Python-level __new__.
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    kinds = _GROUP_KINDS
    depth = 0
    match = _TOKEN.scanner(code, pos).match
    while True:
        m = match()
        if m is None:  # only blanks and comments are left
            return tokens, len(code)
        group = m.lastindex
        start, end = m.span(group)
        if group != _SPECIAL:
            if stop_at_brace and group == _BRACKET_GROUP:
                ch = code[start]
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    if depth == 0:
                        return tokens, end
                    depth -= 1
            append(new(Token, (kinds[group], start, end)))
        elif code[start] == "`":
            end = _template_end(code, start)
            append(new(Token, (TEMPLATE, start, end)))
            match = _TOKEN.scanner(code, end).match
        else:  # "/" is always a punctuator of its own
            rm = _REGEX.match(code, start) if _regex_may_start(code, tokens) else None
            if rm:
                append(new(Token, (REGEX, start, rm.end())))
                match = _TOKEN.scanner(code, rm.end()).match
            else:
                append(new(Token, (PUNCT, start, end)))


# The whole-file reading of _scan's tokens, by C-level passes instead of one Python step per token. One split
# of the text by the token expression gives each token's text after its blanks and comments (three items a
# token: "", the blanks, the token); their running lengths give every offset, a table by first character every
# kind. A "/" or "`" is then settled in Python as _scan settles it; only a regular expression or a template
# literal read on from there moves the tokens after it: those are read again from its end, a few steps at most
# until a token starts where one of the split started (from there on both readings agree: a token depends only
# on where its match began), else by splitting the rest again. A template literal whose substitutions hold
# plain code, closed strings and simple templates (no brackets, "/", "<" or backslash: what _template_end reads
# to the first "}") is one token of the split already. tests/check/test_check_speed_equivalence.py holds these
# tokens equal to _scan's.
_SIMPLE_TEMPLATE = r"`(?:[^`\\$]++|\\.|\$(?!\{)|\$\{[^{}`'\"/<\\]*+\})*+`"
_SUBSTITUTION_STRING = r"""|"(?:[^"\\\n]++|\\.)*+"|'(?:[^'\\\n]++|\\.)*+'"""
# Its names are _TOKEN's within the Basic Multilingual Plane (the only text it reads), written as the characters
# they are not: such a class compiles in a hundredth of the time of one listing \u00a0-\uffff.
_SPLIT = re.compile(
    "(" + _SKIP_PART + r"*+)"
    r"((?:[^\x00-\x23\x25-\x40\x5b-\x5e\x60\x7b-\x9f][^\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x9f]*"
    r"|[(){}\[\],;:]"
    r"""|"(?:[^"\\\n]++|\\.)*+"?|'(?:[^'\\\n]++|\\.)*+'?"""
    r"|\.?\d(?:[\w.]|[eE][-+])*"
    r"|`(?:[^`\\$]++|\\.|\$(?!\{)|\$\{(?:[^{}`'\"/<\\]++" + _SUBSTITUTION_STRING + "|" + _SIMPLE_TEMPLATE + r")*+\})*+`"
    r"|[/`]"
    r"|=>|\.\.\.|\?\.|[=!]==?|[<>]=?|&&=?|\|\|=?|\?\?=?|\*\*=?|<<=?|>>>?=?|[-+*%&|^]=?|\S"
    r")|\Z)",  # the blanks and comments after the last token, as an empty token (dropped): never searched through
    re.S,
)
_SLASH_OR_TICK = 9  # a kind of the split only: "/" or "`", settled in Python
_KIND_BY_FIRST = bytearray([PUNCT]) * 0x10000  # a token's kind by its first character (the Basic Multilingual Plane)
for _first, _kind in (("A-Za-z_$", IDENT), ("\"'", STRING), ("0-9", NUMBER), ("/`", _SLASH_OR_TICK)):
    for _char in re.findall("[" + _first + "]", "".join(map(chr, range(128)))):
        _KIND_BY_FIRST[ord(_char)] = _kind
_KIND_BY_FIRST[0xA0:] = bytes([IDENT]) * (0x10000 - 0xA0)
_KIND_BY_ASCII = bytes(_KIND_BY_FIRST[:128]) + bytes(128)  # a table for bytes.translate (ASCII only)
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_DOT_NUMBER = re.compile(r"\.\d")  # where a number may start with "." (".5")
_RESYNC_STEPS = 16  # tokens read one by one after a literal before the rest is split again
_new_token = tuple.__new__
# Every text a punctuator token can have (mapped to itself) and none that another token can have: the single
# characters that start no other token, and the operators of the token expression. A number (".5"), a string
# ("'"), a template ("`") or a regular expression ("/x/") is never one of them.
_PUNCTUATORS = {
    text: text
    for text in [
        *(chr(c) for c in range(128) if _KIND_BY_FIRST[c] == PUNCT),
        *"=> ... ?. == === != !== <= >= && &&= || ||= ?? ??= ** **= << <<= >> >>> >>= >>>=".split(),
        *"-= += *= %= &= |= ^= /".split(),
    ]
}


def _split(code: str, pos: int) -> tuple[bytearray, list[int], list[int], list[str]]:
    """Kinds, starts, ends and texts of the tokens of ``code`` from ``pos`` as the split reads them ("/" and "`"
    left unsettled)."""
    parts = _SPLIT.split(code[pos:] if pos else code)
    while len(parts) > 1 and not parts[-2]:  # the empty tokens at the end (their blanks are no token's)
        del parts[-3:]
    texts = parts[2::3]
    # The text before each match is always empty (the expression matches wherever a search starts, "\S" or
    # "\Z" at worst): the offsets are summed over the blanks and the tokens alone, a third fewer steps.
    lengths = parts[1:]
    del lengths[2::3]
    offsets = list(accumulate(map(len, lengths), initial=pos))
    starts = offsets[1::2]
    ends = offsets[2::2]
    # Each kind is a byte, by the token's first character: on ASCII (nearly every script's first characters),
    # one translation of their bytes in C; else one look-up a character.
    firsts = "".join(map(itemgetter(0), texts))
    if firsts.isascii():
        kinds = bytearray(firsts.encode("ascii").translate(_KIND_BY_ASCII))
    else:
        kinds = bytearray(map(_KIND_BY_FIRST.__getitem__, map(ord, firsts)))
    for dot in _DOT_NUMBER.finditer(code, pos):  # a token ".5" is a number, not the punctuator "."
        i = bisect_left(starts, dot.start())
        if i < len(starts) and starts[i] == dot.start():
            kinds[i] = NUMBER
    return kinds, starts, ends, texts


def _tokenize(code: str) -> tuple[list[Token], list[str | None]]:
    """``_scan(code, 0)[0]``, the tokens of a whole script, read by C-level passes (see _SPLIT), and the text of
    each punctuator token (None for every other token)."""
    tokens, punct, _kinds = _tokenize_with_kinds(code)
    return tokens, punct


def _tokenize_with_kinds(code: str) -> tuple[list[Token], list[str | None], bytes]:
    """:func:`_tokenize`'s tokens and punctuators, and each token's kind as a byte (:attr:`Script._kinds`)."""
    if not code.isascii() and _BEYOND_BMP.search(code):
        tokens = _scan(code, 0)[0]  # a first character beyond the table's plane: read token by token
        punct = [code[start:end] if kind == PUNCT else None for kind, start, end in tokens]
        return tokens, punct, bytes(map(_KIND_OF, tokens))
    kinds, starts, ends, texts = _split(code, 0)
    at = 0
    while True:
        try:
            at = kinds.index(_SLASH_OR_TICK, at)
        except ValueError:
            break
        start = starts[at]
        if code[start] == "`":
            if ends[at] - start > 1:  # a whole template literal of the split
                kinds[at] = TEMPLATE
                at += 1
                continue
            end, kind = _template_end(code, start), TEMPLATE
        else:
            before = kinds[at - 1] if at else PUNCT
            may = (
                at == 0
                or (before == PUNCT and texts[at - 1] not in (")", "]", "}"))
                or (before == IDENT and texts[at - 1] in _REGEX_AFTER_WORDS)
            )
            found = _REGEX.match(code, start) if may else None
            if found is None:
                kinds[at] = PUNCT  # a division
                at += 1
                continue
            end, kind = found.end(), REGEX
        kinds[at], ends[at], texts[at] = kind, end, code[start:end]
        # Read on from the end of the literal until a token starts where one of the split started.
        new_kinds: list[int] | bytearray = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        new_texts: list[str] | None = None
        follow = at + 1
        match = _TOKEN.scanner(code, end).match
        for _ in range(_RESYNC_STEPS):
            m = match()
            if m is None:
                follow = len(starts)
                break
            group = m.lastindex
            s, e = m.span(group)
            follow = bisect_left(starts, s, follow)
            if follow < len(starts) and starts[follow] == s:
                break
            new_kinds.append(_SLASH_OR_TICK if group == _SPECIAL else _GROUP_KINDS[group])
            new_starts.append(s)
            new_ends.append(e)
        else:  # no agreement soon (a template's text read as code): split the rest again
            follow = len(starts)
            new_kinds, new_starts, new_ends, new_texts = _split(code, end)
        at += 1
        kinds[at:follow] = new_kinds
        starts[at:follow] = new_starts
        ends[at:follow] = new_ends
        texts[at:follow] = (
            new_texts if new_texts is not None else [code[s:e] for s, e in zip(new_starts, new_ends, strict=True)]
        )
    tokens = list(map(_new_token, repeat(Token), zip(kinds, starts, ends, strict=True)))
    return tokens, list(map(_PUNCTUATORS.get, texts)), bytes(kinds)


def _indexes(punct: list[str | None], text: str, start: int = 0) -> list[int]:
    """Indexes of ``text`` in ``punct`` from ``start`` on, in order: each found by list.index, which compares in C
    (a Python loop took a step for every token; a punctuator is one token in ten or fewer)."""
    found: list[int] = []
    at = start - 1
    find = punct.index
    try:
        while True:
            at = find(text, at + 1)
            found.append(at)
    except ValueError:
        return found


def _regex_may_start(code: str, tokens: list[Token]) -> bool:
    """True when a "/" after ``tokens`` starts a regular expression: after a punctuator other than a closing
    bracket, after a keyword such as ``return``, or at the start."""
    if not tokens:
        return True  # as after ";"
    kind, start, end = tokens[-1]
    if kind == PUNCT:
        return code[start:end] not in (")", "]", "}")
    return kind == IDENT and code[start:end] in _REGEX_AFTER_WORDS


@dataclass(frozen=True)
class Property:
    """One ``key: value`` of an object literal; ``value`` is a token range ``[start, end)``."""

    key: str
    key_index: int
    value_start: int  # token index; equal to value_end for a shorthand property
    value_end: int
    end: int  # token index just past the property (its comma, or the closing brace)


@dataclass(frozen=True)
class ObjectLiteral:
    """An object literal: the token indexes of its braces and its properties in order."""

    open: int
    close: int
    properties: tuple[Property, ...]

    def get(self, key: str) -> Property | None:
        """The last property named ``key`` (the one that wins at run time)."""
        found = None
        for prop in self.properties:
            if prop.key == key:
                found = prop
        return found


class Script:
    """Tokenized JavaScript: a .js file or one inline ``<script>`` (``offset`` is its start in the file)."""

    def __init__(self, code: str, offset: int = 0) -> None:
        self.code = code
        self.offset = offset

    @cached_property
    def tokens(self) -> list[Token]:
        """The tokens, made on first use: a vendored bundle dropped before any rule runs is never scanned."""
        # The punctuators' texts and the kinds' bytes come with the tokens.
        tokens, self.__dict__["_punct"], self.__dict__["_kinds"] = _tokenize_with_kinds(self.code)
        return tokens

    @cached_property
    def _punct(self) -> list[str | None]:
        """The text of each punctuator token, None for every other token: read by the loops below and by
        :meth:`is_punct`, the rules' most frequent question. Made with the tokens."""
        self.tokens  # noqa: B018  # sets it
        return self.__dict__["_punct"]

    # -- basic access -------------------------------------------------------------------------------

    @cached_property
    def _starts(self) -> list[int]:
        return list(map(_START_OF, self.tokens))

    def index_at(self, offset: int) -> int:
        """The index of the first token that starts at or after ``offset`` (in ``code``); ``len(tokens)`` when
        none does."""
        return bisect_left(self._starts, offset)

    def text(self, index: int) -> str:
        """The source text of one token."""
        t = self.tokens[index]
        return self.code[t.start : t.end]

    def span_text(self, start: int, end: int) -> str:
        """The source text of tokens ``[start, end)``, comments included."""
        if start >= end:
            return ""
        return self.code[self.tokens[start].start : self.tokens[end - 1].end]

    def is_punct(self, index: int, text: str) -> bool:
        """True when token ``index`` exists and is the punctuator ``text``."""
        punct = self._punct
        return 0 <= index < len(punct) and punct[index] == text

    def is_ident(self, index: int, *names: str) -> bool:
        """True when token ``index`` exists and is an identifier (one of ``names``, if given)."""
        if not 0 <= index < len(self.tokens):
            return False
        t = self.tokens[index]
        return t.kind == IDENT and (not names or self.code[t.start : t.end] in names)

    def string_value(self, index: int) -> str | None:
        """The value of a string token (escapes decoded); a template's raw text; None for other tokens."""
        t = self.tokens[index]
        if t.kind == STRING:
            body = self.code[
                t.start + 1 : t.end - 1 if t.end - t.start > 1 and self.code[t.end - 1] == self.code[t.start] else t.end
            ]
            return _UNESCAPE.sub(_unescape, body) if "\\" in body else body
        if t.kind == TEMPLATE:
            return self.code[t.start + 1 : t.end - 1]
        return None

    def literal(self, start: int, end: int) -> str | int | bool | None:
        """The value of a single-token literal in ``[start, end)`` (string, number, true/false), or None."""
        if end - start != 1:
            return None
        t = self.tokens[start]
        if t.kind == STRING or (t.kind == TEMPLATE and "${" not in self.code[t.start : t.end]):
            return self.string_value(start)
        if t.kind == NUMBER:
            try:
                return int(self.code[t.start : t.end])
            except ValueError:
                return None
        if t.kind == IDENT and self.text(start) in ("true", "false"):
            return self.text(start) == "true"
        return None

    # -- brackets ----------------------------------------------------------------------------------

    @cached_property
    def _brackets(self) -> tuple[list[int], list[int]]:
        """For every token: its partner bracket (or -1) and the innermost open bracket around it (or -1)."""
        punct = self._punct
        partner = [-1] * len(punct)
        parent = [-1] * len(punct)
        stack: list[int] = []
        top = -1  # stack[-1], or -1 when empty
        unmatched = False  # a closing bracket no opener matches
        for i, text in enumerate(punct):
            parent[i] = top
            if text is None or len(text) != 1:
                continue
            if text in _OPEN:
                stack.append(i)
                top = i
            elif text in ")]}":
                # Tolerate unbalanced code: close the nearest matching opener, dropping unclosed ones.
                for depth in range(len(stack) - 1, -1, -1):
                    if _OPEN[punct[stack[depth]]] == text:  # type: ignore[index]  # openers are punctuators
                        opener = stack[depth]
                        partner[opener], partner[i] = i, opener
                        parent[i] = stack[depth - 1] if depth else -1
                        del stack[depth:]
                        top = stack[-1] if stack else -1
                        break
                else:
                    unmatched = True
        self.__dict__["_unmatched_closer"] = unmatched
        return partner, parent

    @cached_property
    def _unmatched_closer(self) -> bool:
        """True when a closing bracket matches no opener (made with the brackets): then a bracketed value
        may hold a closer that ends it, and :meth:`value_end` reads it token by token."""
        self._brackets  # noqa: B018  # sets it
        return self.__dict__["_unmatched_closer"]

    def partner(self, index: int) -> int:
        """The matching bracket of the bracket at ``index``, or -1."""
        return self._brackets[0][index]

    def parent(self, index: int) -> int:
        """The innermost open bracket containing token ``index``, or -1 at top level."""
        return self._brackets[1][index]

    def enclosing_call(self, index: int) -> tuple[int, int] | None:
        """``(callee_index, open_paren_index)`` of the nearest call whose arguments contain ``index``."""
        p = self.parent(index)
        while p != -1:
            if self.is_punct(p, "(") and p > 0:
                before = self.tokens[p - 1]
                if before.kind == IDENT and self.text(p - 1) not in (
                    "if",
                    "while",
                    "for",
                    "switch",
                    "catch",
                    "function",
                ):
                    return p - 1, p
            p = self.parent(p)
        return None

    def enclosing_block(self, index: int) -> tuple[int, int]:
        """Token range of the innermost function body or block ``{...}`` around ``index`` (whole code at top)."""
        p = self.parent(index)
        while p != -1:
            if self.is_punct(p, "{") and not self._is_object_brace(p):
                end = self.partner(p)
                return p + 1, end if end != -1 else len(self.tokens)
            p = self.parent(p)
        return 0, len(self.tokens)

    def _is_object_brace(self, index: int) -> bool:
        if index == 0:
            return False
        before = self.tokens[index - 1]
        text = self.text(index - 1)
        if before.kind == PUNCT:
            return text in ("(", ",", ":", "=", "[", "?", "||", "&&", "??", "return")
        return before.kind == IDENT and text == "return"

    def statement(self, index: int) -> tuple[int, int]:
        """Token range of the statement around ``index``: from after the previous ``;``/brace to the next."""
        punct = self._punct
        partners, parents = self._brackets
        parent = parents[index]
        # Every test below is of a token at the statement's own level (its parent is ``parent``) or of
        # ``parent`` itself: a bracketed part met on the way is passed over in one step, from one bracket to
        # its partner (nothing inside is at that level, and ``parent`` is never inside: it stays open past
        # ``index``), its brackets tested as the walk tested them.
        start = index
        while start > 0:
            prev = start - 1
            text = punct[prev]
            if parents[prev] == parent and text in (";", "{", "}"):
                break
            if prev == parent:
                break
            if parents[start] == parent and self.ends_statement(start):
                break  # a line without a semicolon before: the statement starts on this line
            start = prev
            if (text == ")" or text == "]" or text == "}") and 0 <= partners[prev] < prev - 1:
                start = partners[prev] + 1  # the opener is the next token tested
        end = index
        count = len(punct)
        while end < count:
            text = punct[end]
            if parents[end] == parent and (text == ";" or text == "}"):
                if text == ";" or partners[end] < start:
                    break
            if end > index and parents[end] == parent and self.ends_statement(end):
                break  # a line without a semicolon: the statement ended on the line before
            if (text == "(" or text == "[" or text == "{") and partners[end] > end:
                end = partners[end]  # the closer is the next token tested
                continue
            end += 1
        return start, end

    # -- structures -------------------------------------------------------------------------------

    def object_at(self, open_index: int) -> ObjectLiteral | None:
        """Read the object literal whose ``{`` is at ``open_index``."""
        if not self.is_punct(open_index, "{"):
            return None
        close = self.partner(open_index)
        if close == -1:
            return None
        props: list[Property] = []
        i = open_index + 1
        while i < close:
            start = i
            # A property ends at the next comma at this level.
            j = i
            while j < close and not (self.is_punct(j, ",") and self.parent(j) == open_index):
                j += 1
            key_token = self.tokens[start]
            key: str | None = None
            if key_token.kind == IDENT or key_token.kind == NUMBER:
                key = self.text(start)
            elif key_token.kind == STRING:
                key = self.string_value(start)
            if key is not None and start + 1 < j and self.is_punct(start + 1, ":"):
                props.append(Property(key, start, start + 2, j, j))
            elif key is not None and j == start + 1:
                props.append(Property(key, start, start + 1, start + 1, j))  # shorthand {host}
            i = j + 1
        return ObjectLiteral(open_index, close, tuple(props))

    def call_arguments(self, open_index: int) -> list[tuple[int, int]]:
        """Token ranges of the arguments of the call whose ``(`` is at ``open_index``."""
        close = self.partner(open_index)
        if close == -1:
            close = len(self.tokens)
        args: list[tuple[int, int]] = []
        start = open_index + 1
        for j in range(open_index + 1, close):
            if self.parent(j) == open_index and self.is_punct(j, ","):
                args.append((start, j))
                start = j + 1
        if start < close:
            args.append((start, close))
        return args

    @cached_property
    def declarations(self) -> dict[str, tuple[int, int]]:
        """``name -> token range`` of the value of ``var/let/const name = ...``, ``name = ...`` and
        ``function name(...) {...}`` (the body), first declaration winning."""
        found: dict[str, tuple[int, int]] = {}
        tokens, code, punct = self.tokens, self.code, self._punct
        partner, parents = self._brackets
        count = len(tokens)
        typed: set[int] = set()  # the "=" of "const n: Type = v": not a declaration of Type
        # Only a word before "=" and a word before a word and "(" or ":" ("function f(", "const x: T") can
        # start one: those are found by C-level searches of the kinds and the "=" punctuators, in order,
        # instead of a step for every token of the project (a word before ":" starts none, nor does a word
        # before a word before anything else: "const x =" starts at "x").
        kinds = self._kinds
        candidates = [m.start() for m in _WORD_BEFORE_WORD.finditer(kinds) if punct[m.start() + 2] in ("(", ":")]
        candidates += [j - 1 for j in _indexes(punct, "=", 1) if j <= count - 2 and kinds[j - 1] == IDENT]
        candidates.sort()
        for i in candidates:
            if i + 1 in typed:
                continue
            _kind, start, end = tokens[i]
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
                at, equals = i + 1, self._annotated_equals(i + 2)  # TypeScript: const name: Type = value
                word = self.text(at)
                typed.add(equals)
            if equals != -1 and punct[equals] == "=" and not (at >= 1 and punct[at - 1] == "."):
                name = word
                if name in found:
                    continue
                found[name] = (equals + 1, self.value_end(equals + 1, parents[at]))
        return found

    def value_end(self, start: int, level: int, limit: int | None = None) -> int:
        """Where the value of a declaration or assignment starting at token ``start`` ends (exclusive): at a
        ``;`` or ``,`` of the declaration's own ``level`` (its parent bracket), at a bracket that closes one
        opened before the value, or at a line break that ends the statement (code without semicolons); at
        most ``limit`` tokens on."""
        punct = self._punct
        partner, parents = self._brackets
        # A bracket opened in the value is passed over to its partner in one step: nothing inside it is at
        # the value's level, and every closer inside closes a bracket opened inside, unless one matches no
        # opener at all (then every token is read).
        skip = not self._unmatched_closer
        stop = start
        end = len(self.tokens) if limit is None else min(len(self.tokens), start + limit)
        while stop < end:
            text = punct[stop]
            if text is not None:
                if (text == ";" or text == ",") and parents[stop] == level:
                    break
                if (text == "}" or text == ")" or text == "]") and partner[stop] < start:
                    break  # it closes a bracket opened before the value: the value has ended
                if skip and (text == "(" or text == "{" or text == "[") and partner[stop] > stop:
                    stop = partner[stop]  # its closer is passed over below, as a closer of the value's own
            elif stop > start and parents[stop] == level and self.ends_statement(stop):
                break  # a line without a semicolon: the value ended on the line before
            stop += 1
        return min(stop, end)

    def ends_statement(self, index: int) -> bool:
        """True when a line break before token ``index`` ends the statement before it (JavaScript's automatic
        semicolon insertion, for code written without semicolons): the line before ends in a value (a name,
        a literal, a closing bracket) and this line starts with another (a name, a literal), which cannot
        continue the expression. A line starting with an operator, ``.``, ``(`` or ``[`` continues it."""
        if index <= 0 or index >= len(self.tokens):
            return False
        kind, start, _ = self.tokens[index]
        if kind not in (IDENT, STRING, NUMBER) or self.code[start : self.tokens[index].end] in _CONTINUING_WORDS:
            return False
        before_kind, _, before_end = self.tokens[index - 1]
        if before_kind == PUNCT:
            if self._punct[index - 1] not in (")", "]", "}", "++", "--"):
                return False
        elif before_kind == IDENT and self.text(index - 1) in _OPERATOR_WORDS:
            return False
        return "\n" in self.code[before_end:start]

    def _annotated_equals(self, colon: int) -> int:
        """The ``=`` after a TypeScript type annotation starting at ``colon``, or -1 (bounded look-ahead)."""
        parent = self.parent(colon)
        for j in range(colon + 1, min(colon + 80, len(self.tokens))):
            if self.parent(j) == parent and self.is_punct(j, "="):
                return j
            if self.parent(j) == parent and (self.is_punct(j, ";") or self.is_punct(j, ")")):
                return -1
        return -1

    def find_calls(self, names: frozenset[str]) -> list[tuple[int, int]]:
        """``(callee_index, open_paren_index)`` of every call ``name(`` or ``x.name(`` with name in ``names``."""
        index = self._calls_by_name
        found = [i for name in names for i in index.get(name, ())]
        found.sort()
        return [(i, i + 1) for i in found]

    @cached_property
    def _calls_by_name(self) -> dict[str, list[int]]:
        # Every ``word(`` of the script, made once: rules ask for calls by name many times per file.
        tokens, code, punct = self.tokens, self.code, self._punct
        index: dict[str, list[int]] = {}
        for paren in _indexes(punct, "(", 1):  # a C-level search from one "(" to the next
            kind, start, end = tokens[paren - 1]
            if kind == IDENT:
                index.setdefault(code[start:end], []).append(paren - 1)
        return index

    def punct_indexes(self, text: str) -> list[int]:
        """Indexes of the punctuator tokens ``text``, in order (made once per text)."""
        found = self._punct_indexes.get(text)
        if found is None:
            found = self._punct_indexes[text] = _indexes(self._punct, text)
        return found

    @cached_property
    def _punct_indexes(self) -> dict[str, list[int]]:
        return {}

    def string_indexes(self) -> tuple[int, ...]:
        """Indexes of string and template tokens."""
        return self._string_indexes

    @cached_property
    def string_values(self) -> tuple[tuple[int, str], ...]:
        """``(token index, value)`` of every non-empty string and template literal, in order (made once: the
        script may be shared by many projects, see mashup_gen.checker.memo)."""
        values = ((index, self.string_value(index)) for index in self._string_indexes)
        return tuple((index, value) for index, value in values if value)

    def matches(self, pattern: re.Pattern[str] | Quick) -> bool:
        """True when ``pattern`` matches somewhere in the code (searched once per pattern for this script)."""
        found = self._matches.get(pattern)
        if found is None:
            found = self._matches[pattern] = pattern.search(self.code) is not None
        return found

    @cached_property
    def _matches(self) -> dict[re.Pattern[str] | Quick, bool]:
        return {}

    @cached_property
    def _string_indexes(self) -> tuple[int, ...]:
        # Made once: several facts walk the literals, far fewer than the tokens (found by a C-level search of
        # the kinds, one Python step a literal).
        return tuple([m.start() for m in _STRING_KIND.finditer(self._kinds)])

    @cached_property
    def _kinds(self) -> bytes:
        """Each token's kind, one byte a token: searched in C for the tokens of a kind or a run of kinds. Made
        with the tokens."""
        self.tokens  # noqa: B018  # sets it
        return self.__dict__["_kinds"]

    def assigned_literals(self, separators: tuple[str, ...]) -> list[tuple[int, str, str]]:
        """``(key_index, separator, value_index)`` for each ``key SEP literal`` where ``key`` is a word or a
        string, SEP one of ``separators`` (``:``, ``=``, ``,``) and the literal a string or template."""
        # The separator's text is the punctuators' list's (None for any other token); the key's kind is a byte.
        kinds, punct = self._kinds, self._punct
        found = []
        for value_index in self._string_indexes:
            i = value_index - 2
            if i < 0:
                continue
            text = punct[i + 1]
            if text is not None and text in separators and (kinds[i] == IDENT or kinds[i] == STRING):
                found.append((i, text, value_index))
        return found

    def callee_path(self, callee_index: int) -> str:
        """The dotted name a call is made on: ``axios.post`` for ``axios.post(``, ``fetch`` for ``fetch(``."""
        parts = [self.text(callee_index)]
        i = callee_index
        while i >= 2 and self.is_punct(i - 1, ".") and self.tokens[i - 2].kind == IDENT:
            parts.append(self.text(i - 2))
            i -= 2
        return ".".join(reversed(parts))
