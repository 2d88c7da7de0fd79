"""Static values of JavaScript/TypeScript expressions, read from syntax trees: what a value built only from
literals, ``+``, template literals and variables declared as such comes to (``baseUrl: `${base}/resources```
with ``const base = `https://${host}```), and where a name was declared. Read-only, as :mod:`places` is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from mashup_gen.source.syntax import Parsed

if TYPE_CHECKING:
    from tree_sitter import Node, Query

# A JavaScript identifier (ASCII), as a variable's name is written.
IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


@cache
def _declarator_query(grammar: str) -> Query:
    from tree_sitter import Query

    from mashup_gen.source.grammars import parser

    return Query(parser(grammar).language, "(variable_declarator name: (identifier) @name value: (_) @value)")


def static_string(trees: list[Parsed], start: int, end: int, literal: Callable[[str], str] = str) -> str | None:
    """The value of the expression written at file offsets ``[start, end)`` when it is built only from string
    and template literals, ``+`` and variables declared (in the same script) as such: ``baseUrl: `${base}/resources```
    with ``const base = `https://${host}```. ``literal`` maps each literal's text (to see the value as it will
    be after other edits). None for anything else (``window.location``, a call, a variable never declared)."""
    for parsed in trees:
        code_start, code_end = parsed.base, parsed.base + len(parsed.code)
        if not (code_start <= start and end <= code_end):
            continue
        byte_start = len(parsed.code[: start - parsed.base].encode("utf-8", errors="surrogatepass"))
        byte_end = byte_start + len(
            parsed.code[start - parsed.base : end - parsed.base].encode("utf-8", "surrogatepass")
        )
        node = parsed.root.descendant_for_byte_range(byte_start, byte_end)
        while (
            node is not None
            and node.parent is not None
            and node.parent.start_byte == byte_start
            and (node.parent.end_byte == byte_end)
        ):
            node = node.parent  # the outermost node of exactly that span
        if node is None or (node.start_byte, node.end_byte) != (byte_start, byte_end):
            return None
        from tree_sitter import QueryCursor

        declared: dict[str, Node] = {}
        for _pattern, match in QueryCursor(_declarator_query(parsed.grammar)).matches(parsed.root):
            declared.setdefault(parsed.text(match["name"][0]), match["value"][0])
        return _evaluate(parsed, node, declared, literal, 0)
    return None


def _evaluate(
    parsed: Parsed, node: Node, declared: dict[str, Node], literal: Callable[[str], str], depth: int
) -> str | None:
    kind = node.type
    if kind == "string":
        return literal(parsed.text(node)[1:-1])
    if kind == "template_string":
        parts: list[str] = []
        cursor = node.start_byte + 1
        for child in node.named_children:
            if child.type != "template_substitution":
                continue
            parts.append(literal(parsed.data[cursor : child.start_byte].decode("utf-8", "replace")))
            inner = child.named_children[0] if child.named_child_count == 1 else None
            value = _evaluate(parsed, inner, declared, literal, depth) if inner is not None else None
            if value is None:
                return None
            parts.append(value)
            cursor = child.end_byte
        parts.append(literal(parsed.data[cursor : node.end_byte - 1].decode("utf-8", "replace")))
        return "".join(parts)
    if kind == "parenthesized_expression" and node.named_child_count == 1:
        return _evaluate(parsed, node.named_children[0], declared, literal, depth)
    if kind == "binary_expression":
        operator = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator is None or parsed.text(operator) != "+" or left is None or right is None:
            return None
        a = _evaluate(parsed, left, declared, literal, depth)
        b = _evaluate(parsed, right, declared, literal, depth) if a is not None else None
        return a + b if a is not None and b is not None else None
    if kind == "identifier" and depth < 4:
        value = declared.get(parsed.text(node))
        return _evaluate(parsed, value, declared, literal, depth + 1) if value is not None else None
    return None


def declaration(trees: list[Parsed], offset: int, name: str) -> tuple[int, int, str] | None:
    """The value ``name`` is first declared with (``const name = ...``) in the script that holds file offset
    ``offset``: its span and text; None when that script declares no such name."""
    from tree_sitter import QueryCursor

    for parsed in trees:
        if not (parsed.base <= offset <= parsed.base + len(parsed.code)):
            continue
        for _pattern, match in QueryCursor(_declarator_query(parsed.grammar)).matches(parsed.root):
            if parsed.text(match["name"][0]) == name:
                value = match["value"][0]
                return (*parsed.span(value), parsed.text(value))
        return None
    return None
