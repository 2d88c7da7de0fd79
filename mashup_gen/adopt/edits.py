"""Edit primitives for adoption: non-overlapping text edits of one file, and the edits of a JavaScript object
literal or an HTML tag made in the file's own layout, so that everything else stays as the author wrote it."""

from __future__ import annotations

import json

from mashup_gen.checker.facts import Place
from mashup_gen.checker.project import Page, Tag
from mashup_gen.checker.scan import SourceFile
from mashup_gen.source.places import ObjectLiteral, Property


class Edits:
    """Non-overlapping text edits of one file; the first edit of a span wins (structural edits come first)."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.items: list[tuple[int, int, str]] = []

    def add(self, start: int, end: int, text: str) -> bool:
        """Replace ``[start, end)`` by ``text`` (insert when equal); False if it overlaps an earlier edit."""
        for s, e, _ in self.items:
            if start < e and s < end:
                return False
            if start == end and s < start < e:
                return False
            if s == e and start < s < end:
                return False
        self.items.append((start, end, text))
        return True

    def apply(self) -> str:
        """The file's text with every edit made."""
        text = self.source.text
        # Insertions at the same offset keep the order they were added in.
        order = sorted(enumerate(self.items), key=lambda item: (item[1][0], item[1][1], item[0]))
        parts: list[str] = []
        pos = 0
        for _, (start, end, new) in order:
            parts.append(text[pos:start])
            parts.append(new)
            pos = max(pos, end)
        parts.append(text[pos:])
        return "".join(parts)


def js_literal(value: object) -> str:
    """A JavaScript literal for a string, number or boolean."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)


def line_indent(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def set_property(edits: Edits, obj: ObjectLiteral, key: str, value: object, replace_expressions: bool) -> None:
    """Make ``key: value`` hold in the object literal ``obj`` (read from the file's syntax tree): replace the
    value, or insert the property; an expression stays unless ``replace_expressions``."""
    prop = obj.get(key)
    if prop is None:
        insert_property(edits, obj, f"{key}: {js_literal(value)}")
        return
    if prop.shorthand:  # {host}
        edits.add(prop.start, prop.end, f"{key}: {js_literal(value)}")
        return
    current = prop.literal
    if current == value and type(current) is type(value):
        return
    if current is None and not replace_expressions:
        return
    edits.add(prop.start, prop.end, js_literal(value))


def insert_property(edits: Edits, obj: ObjectLiteral, text: str) -> None:
    """Add a property after the object's last entry, in the object's own layout (one per line, or inline)."""
    if obj.first == -1:
        edits.add(obj.start + 1, obj.start + 1, f" {text} ")
        return
    code = edits.source.text
    anchor = obj.last_end
    if "\n" in code[obj.start : obj.end]:
        indent = line_indent(code, obj.first)
        newline = edits.source.newline
        line_end = code.find("\n", anchor)
        rest = code[anchor : len(code) if line_end == -1 else line_end].rstrip("\r")
        remark = rest.strip()
        if remark.startswith("//") or (remark.startswith("/*") and remark.endswith("*/") and remark.count("*/") == 1):
            # A remark after the last property stays with it: the new property goes on the next line.
            end = anchor + len(rest)
            if not obj.trailing_comma:
                edits.add(anchor, anchor, ",")
            edits.add(end, end, f"{newline}{indent}{text}," if obj.trailing_comma else f"{newline}{indent}{text}")
            return
        edits.add(anchor, anchor, f"{newline}{indent}{text}," if obj.trailing_comma else f",{newline}{indent}{text}")
    else:
        edits.add(anchor, anchor, f" {text}," if obj.trailing_comma else f", {text}")


def remove_property(edits: Edits, obj: ObjectLiteral, prop: Property) -> bool:
    """Delete one property, and the comma that separates it, from an object literal."""
    code = edits.source.text
    start, end = prop.key_start, prop.end
    position = obj.properties.index(prop)
    if prop.comma is not None:
        end = prop.comma[1]
        line_start = code.rfind("\n", 0, start) + 1
        line_end = code.find("\n", end)
        line_end = len(code) if line_end == -1 else line_end + 1
        if not code[line_start:start].strip() and not code[end:line_end].strip():
            start, end = line_start, line_end  # the property had its own line: remove the line
        else:
            while end < len(code) and code[end] in " \t":
                end += 1
    elif position > 0 and obj.properties[position - 1].comma is not None:
        start = obj.properties[position - 1].comma[0]  # the last property: drop the comma before it
    return edits.add(start, end, "")


# -- the steps ---------------------------------------------------------------------------------


def remove_tag(edits: Edits, page: Page, tag: Tag) -> None:
    text = page.file.text
    start, end = tag.start, tag.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        start, end = line_start, line_end
    edits.add(start, end, "")


def insert_tag(edits: Edits, page: Page, before: Tag | None, markup: str, head: bool = False) -> None:
    """Insert ``markup`` on its own line before ``before`` (or before ``</head>``/``</body>``)."""
    text = page.file.text
    newline = page.file.newline
    if before is not None:
        indent = line_indent(text, before.start)
        line_start = text.rfind("\n", 0, before.start) + 1
        if not text[line_start : before.start].strip():
            edits.add(line_start, line_start, f"{indent}{markup}{newline}")
        else:
            edits.add(before.start, before.start, markup)
        return
    anchor = page.head_close if head or page.body_close is None else page.body_close
    if anchor is None:
        anchor = page.head_close if page.head_close is not None else len(text)
    indent = line_indent(text, anchor) + "  "
    line_start = text.rfind("\n", 0, anchor) + 1
    if not text[line_start:anchor].strip():
        edits.add(line_start, line_start, f"{indent}{markup}{newline}")
    else:
        edits.add(anchor, anchor, markup)


def literal_place(place: Place) -> Place:
    """The whole string literal (quotes included) around a secret, when the secret is the whole string."""
    text = place.file.text
    start, end = place.start, place.end
    if start > 0 and end < len(text) and text[start - 1] in "\"'`" and text[end] == text[start - 1]:
        return Place(place.file, start - 1, end + 1)
    return place


def tag_at(page: Page, offset: int) -> Tag | None:
    return next((t for t in page.tags if t.start <= offset < t.end), None)
