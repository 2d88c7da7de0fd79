"""A piece of source parsed with tree-sitter, and the mapping from the tree's byte offsets to character
offsets in the file (what findings report and ``adopt`` edits).

A piece may be a whole file or a block of one (a Vue ``<script>``, a PHP block, an inline ``<script>``):
``base`` is the character offset of the piece in its file, so every offset handed out is a file offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mashup_gen.source.grammars import parser

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class Parsed:
    """A syntax tree over ``code`` (which starts at character ``base`` of its file)."""

    code: str
    grammar: str
    base: int = 0
    data: bytes = b""
    tree: Tree | None = None
    # For each non-ASCII character: the byte offset just past it, and how many extra bytes precede that point.
    _byte_marks: list[int] = field(default_factory=list)
    _extra: list[int] = field(default_factory=list)
    # The tree's captures by the shared query (mashup_gen.source.queries), run on first use.
    captured: dict[str, list[Node]] | None = field(default=None, repr=False)

    @property
    def root(self) -> Node:
        """The tree's root node."""
        assert self.tree is not None
        return self.tree.root_node

    def offset(self, byte: int) -> int:
        """The file character offset of a byte offset in the tree."""
        if not self._byte_marks:  # ASCII code (most of it): bytes and characters line up
            return self.base + byte
        index = bisect_right(self._byte_marks, byte) - 1
        extra = self._extra[index] if index >= 0 else 0
        return self.base + byte - extra

    def span(self, node: Node) -> tuple[int, int]:
        """File character offsets ``(start, end)`` of a node."""
        if not self._byte_marks:  # asked for most nodes read: no bisection, no further calls on ASCII code
            return self.base + node.start_byte, self.base + node.end_byte
        return self.offset(node.start_byte), self.offset(node.end_byte)

    def text(self, node: Node) -> str:
        """The source text of a node."""
        if not self._byte_marks:  # ASCII code: a byte offset is a character offset, and no bytes are decoded
            return self.code[node.start_byte : node.end_byte]
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    @property
    def has_errors(self) -> bool:
        """True when tree-sitter had to recover from a syntax error (the tree is still usable)."""
        return self.root.has_error


def parse(code: str, grammar: str, base: int = 0) -> Parsed:
    """Parse ``code`` with ``grammar``; never raises for bad syntax (tree-sitter recovers with ERROR nodes)."""
    data = code.encode("utf-8", errors="surrogatepass")
    parsed = Parsed(code, grammar, base, data)
    if len(data) != len(code):
        # Byte offsets differ from character offsets only after non-ASCII characters: remember where.
        # Only those characters are visited (a regular expression finds them), not every character.
        marks, extras = parsed._byte_marks, parsed._extra
        extra = 0
        for m in _NON_ASCII.finditer(code):
            extra += len(m.group().encode("utf-8", errors="surrogatepass")) - 1
            marks.append(m.end() + extra)  # the byte just past it: its characters so far, plus the extra bytes
            extras.append(extra)
    # tree-sitter's lexers read a NUL byte as the end of the input: parse a copy where it is a blank (same
    # length, so every offset holds); node texts still come from the original bytes.
    parsed.tree = parser(grammar).parse(data.replace(b"\x00", b" ") if b"\x00" in data else data)
    return parsed


def walk(node: Node):
    """Every node under ``node`` (itself included), in source order, without recursion."""
    cursor = node.walk()
    while True:
        yield cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return
