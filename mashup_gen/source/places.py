"""The places of a file where a value is written as a literal, read from its syntax trees: what ``adopt``
edits (and may only edit) when it points a project at a tenant.

A :class:`Literal` is the raw text of one literal and its exact file span:

- a JavaScript/TypeScript string's contents (quotes excluded);
- each literal part of a template literal (between its ``${...}`` substitutions, which are code: a string
  inside a substitution is a literal of its own);
- an HTML attribute's value as written (entities not decoded; ``value`` decodes them), in pages, Vue/Svelte
  components and server templates (never inside the server template's own code);
- a JSX attribute's string value.

Comments, markup text and code are never places: a URL in a comment is prose, not a value the page uses.
Each literal says what it is the value of (``name``): the object property key (``host``, ``webIntegrationId``,
a header name), the variable or member assigned (``config.host`` gives ``host``), the attribute, for a
call's argument the callee and the argument's position (``setRequestHeader#1``), for an array's item its
position (``[]#1``).

Read-only: nothing here changes a file. tree-sitter is imported only when a file is read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from mashup_gen.source.blocks import in_template_code, template_blocks, template_language
from mashup_gen.source.grammars import grammar_for
from mashup_gen.source.syntax import Parsed, parse, walk

if TYPE_CHECKING:
    from tree_sitter import Node, Query

JS_GRAMMARS = ("javascript", "typescript", "tsx")
# Files read as markup: their scripts are parsed as JavaScript/TypeScript, their attributes are places.
MARKUP_SUFFIXES = (
    ".html",
    ".htm",
    ".vue",
    ".svelte",
    ".astro",
    ".php",
    ".ejs",
    ".erb",
    ".hbs",
    ".handlebars",
    ".mustache",
    ".jinja",
    ".jinja2",
    ".j2",
    ".njk",
    ".nunjucks",
    ".twig",
    ".liquid",
    ".cshtml",
    ".razor",
    ".aspx",
    ".ascx",
    ".jsp",
)
# <script type=...> that the browser runs as JavaScript.
_JS_TYPES = frozenset(
    {
        "",
        "text/javascript",
        "application/javascript",
        "module",
        "text/ecmascript",
        "application/ecmascript",
        "text/babel",
        "text/jsx",
    }
)
_LANG = re.compile(r"^(?:ts|typescript)$", re.I)


@dataclass(frozen=True)
class Literal:
    """One literal written in a file: its raw text and exact span, and what it is the value of."""

    start: int  # file character offsets of the raw text (inside the quotes)
    end: int
    raw: str  # the text as written
    kind: str  # "string", "template" (a literal part of a template literal), "attribute", "jsx-attribute"
    name: str = ""  # property key, assigned name, attribute name, or "callee#position" for a call argument
    element: str = ""  # the tag or JSX element an attribute belongs to (lower case for HTML)
    whole: bool = True  # the literal is the whole value (False: a part of a template literal with ${...})
    quoted: bool = True  # False for an HTML attribute value written without quotes (data-id=abc)

    @property
    def value(self) -> str:
        """The value: HTML entities decoded in an attribute; a script's raw text otherwise."""
        return html.unescape(self.raw) if self.kind == "attribute" else self.raw


@dataclass(frozen=True)
class Property:
    """A property of an object literal (``{host: "x", port: 443}``): its key and the span of its value."""

    key: str
    start: int  # file offsets of the value as written (a string with its quotes)
    end: int
    text: str  # the value as written
    object_start: int  # the object literal's span, to tell properties of one object from another's
    object_end: int
    shorthand: bool = False  # ``{host}``: the value is the variable of the same name
    key_start: int = -1  # where the property starts (its key)
    comma: tuple[int, int] | None = None  # the comma written after it, if any

    @property
    def literal(self) -> str | int | bool | None:
        """The value when it is a plain literal: a string without escapes, an integer, true or false."""
        return literal_value(self.text)


@dataclass(frozen=True)
class ObjectLiteral:
    """An object literal's layout: what adding a property in the author's own style needs."""

    start: int  # offset of "{"
    end: int  # just past "}"
    properties: tuple[Property, ...]
    first: int  # offset of the first entry (a property, a spread, a method); -1 when empty
    last_end: int  # just past the last entry, or past the comma after it; -1 when empty
    trailing_comma: bool

    def get(self, key: str) -> Property | None:
        """The property named ``key`` (the last one written, which is the one JavaScript keeps)."""
        return next((p for p in reversed(self.properties) if p.key == key), None)


def literal_value(text: str) -> str | int | bool | None:
    """The value of a literal written as ``text``: a string (quotes of any kind, no escapes or substitutions),
    a decimal integer, true or false; None for anything else."""
    if len(text) >= 2 and text[0] in "\"'`" and text[-1] == text[0]:
        body = text[1:-1]
        if "\\" in body or text[0] in body or (text[0] == "`" and "${" in body):
            return None
        return body
    if text.isdigit():
        return int(text)
    return {"true": True, "false": False}.get(text)


@dataclass(frozen=True)
class Call:
    """A call: the name called (``openApp`` for ``qlik.openApp(...)``) and each argument's span and text."""

    name: str
    start: int
    end: int
    arguments: tuple[tuple[int, int, str], ...]
    statement: tuple[int, int] | None = None  # the statement, when the call is one on its own (``;`` included)


@dataclass(frozen=True)
class Prop:
    """A JSX attribute whose value is an expression (``app-id={APP}``): the span and text of the expression."""

    element: str
    name: str
    start: int
    end: int
    text: str


@dataclass
class Places:
    """Every literal and every object-literal property of one file, in source order."""

    literals: list[Literal]
    properties: list[Property]
    has_errors: bool = False  # a tree had to recover from a syntax error (the places found are still exact)
    objects: dict[int, ObjectLiteral] = field(default_factory=dict)  # by the offset of their "{"
    calls: list[Call] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)  # spans of comments (prose, never edited)
    props: list[Prop] = field(default_factory=list)  # JSX attributes given an expression
    text: str = ""  # the file's text, which every offset is into
    trees: list[Parsed] = field(default_factory=list)  # the JavaScript/TypeScript trees (for static_string)


def places(name: str, text: str) -> Places:
    """The places of a file, chosen by its name: a script, or markup with scripts (nothing for other files)."""
    found = Places([], [], text=text)
    lower = name.lower()
    grammar = grammar_for(lower)
    if grammar in JS_GRAMMARS:
        _script(parse(text, grammar), found)
    elif lower.endswith(MARKUP_SUFFIXES):
        _markup(text, template_language(lower, text), found)
    found.literals.sort(key=lambda p: p.start)
    found.properties.sort(key=lambda p: p.start)
    found.calls.sort(key=lambda c: c.start)
    found.comments.sort()
    return found


# -- scripts ------------------------------------------------------------------------------------------------

_SCRIPT_KINDS = ("string", "template_string", "object", "call_expression", "comment")


@cache
def _query(grammar: str) -> Query:
    from tree_sitter import Query

    from mashup_gen.source.grammars import parser

    kinds = _SCRIPT_KINDS + (("jsx_attribute",) if grammar in ("javascript", "tsx") else ())
    return Query(parser(grammar).language, "[" + " ".join(f"({kind})" for kind in kinds) + "] @node")


def _script(parsed: Parsed, found: Places) -> None:
    from tree_sitter import QueryCursor

    found.has_errors = found.has_errors or parsed.has_errors
    found.trees.append(parsed)
    for node in QueryCursor(_query(parsed.grammar)).captures(parsed.root).get("node", []):
        if node.type == "object":
            _object(parsed, node, found)
            continue
        if node.type == "call_expression":
            _call(parsed, node, found)
            continue
        if node.type == "comment":
            found.comments.append(parsed.span(node))
            continue
        if node.type == "jsx_attribute":
            _prop(parsed, node, found)
            continue
        if node.parent is not None and node.parent.type == "pair" and node.parent.child_by_field_name("key") == node:
            continue  # a quoted key ({"qlik-web-integration-id": ...}) names the value; it is not one
        name, holder = _value_of(parsed, node)
        kind = "jsx-attribute" if holder is not None and holder.type == "jsx_attribute" else "string"
        element = _jsx_element(parsed, holder) if kind == "jsx-attribute" else ""
        start, end = parsed.span(node)
        if node.type == "string":
            if end - start >= 2:
                found.literals.append(
                    Literal(
                        start + 1,
                        end - 1,
                        parsed.code[start + 1 - parsed.base : end - 1 - parsed.base],
                        kind,
                        name,
                        element,
                    )
                )
            continue
        # A template literal: each run of text between substitutions is a literal part; the substitutions
        # are code (their own strings are captured on their own).
        substitutions = [parsed.span(c) for c in node.named_children if c.type == "template_substitution"]
        cursor = start + 1
        whole = not substitutions
        for sub_start, sub_end in [*substitutions, (end - 1, end - 1)]:
            if sub_start > cursor:
                raw = parsed.code[cursor - parsed.base : sub_start - parsed.base]
                found.literals.append(Literal(cursor, sub_start, raw, "template", name, "", whole))
            cursor = sub_end


def _object(parsed: Parsed, node: Node, found: Places) -> None:
    object_start, object_end = parsed.span(node)
    properties: list[Property] = []
    tokens = [c for c in node.children if c.type != "comment"]  # comments are neither entries nor commas
    entries = [c for c in tokens if c.is_named]
    for index, child in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        comma = parsed.span(following) if following is not None and following.type == "," else None
        if child.type == "pair":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is None or value is None:
                continue
            start, end = parsed.span(value)
            name, key_start = _key_name(parsed, key), parsed.span(key)[0]
            text = parsed.text(value)
            properties.append(Property(name, start, end, text, object_start, object_end, False, key_start, comma))
        elif child.type == "shorthand_property_identifier":
            start, end = parsed.span(child)
            text = parsed.text(child)
            properties.append(Property(text, start, end, text, object_start, object_end, True, start, comma))
    found.properties.extend(properties)
    # The layout: the last entry, and whether a comma follows it.
    closing = len(tokens) - 1 if tokens and tokens[-1].type == "}" else len(tokens)
    before = tokens[closing - 1] if closing >= 2 else None
    trailing = before is not None and before.type == ","
    found.objects[object_start] = ObjectLiteral(
        object_start,
        object_end,
        tuple(properties),
        parsed.span(entries[0])[0] if entries else -1,
        parsed.span(before)[1] if before is not None and before.type != "{" else -1,
        trailing,
    )


def _prop(parsed: Parsed, node: Node, found: Places) -> None:
    """A JSX attribute given an expression: ``{APP}``, ``{config.appId}`` (string values are literals)."""
    if node.named_child_count != 2 or node.named_children[1].type != "jsx_expression":
        return
    inner = [c for c in node.named_children[1].named_children if c.type != "comment"]
    if len(inner) != 1:
        return
    start, end = parsed.span(inner[0])
    name = parsed.text(node.named_children[0])
    found.props.append(Prop(_jsx_element(parsed, node), name, start, end, parsed.text(inner[0])))


def _call(parsed: Parsed, node: Node, found: Places) -> None:
    function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if function is None or arguments is None or arguments.type != "arguments":
        return  # a tagged template (tag`...`) is no call with arguments
    name = function.child_by_field_name("property") if function.type == "member_expression" else function
    if name is None or name.type not in ("identifier", "property_identifier"):
        return
    args = tuple((*parsed.span(a), parsed.text(a)) for a in arguments.named_children if a.type != "comment")
    parent = node.parent
    statement = parsed.span(parent) if parent is not None and parent.type == "expression_statement" else None
    found.calls.append(Call(parsed.text(name), *parsed.span(node), args, statement))


def _key_name(parsed: Parsed, key: Node) -> str:
    text = parsed.text(key)
    if key.type == "string" and len(text) >= 2:
        return text[1:-1]
    return text


def _value_of(parsed: Parsed, node: Node) -> tuple[str, Node | None]:
    """What a literal is the value of (the key, name, member, attribute or call argument it stands for), and
    the node that says so (a pair, a declarator, a JSX attribute, ...)."""
    parent = node.parent
    while parent is not None and parent.type in (
        "parenthesized_expression",
        "binary_expression",
        "as_expression",
        "satisfies_expression",
        "jsx_expression",
    ):
        if parent.type == "binary_expression" and parent.child_by_field_name("operator") is not None:
            if parsed.text(parent.child_by_field_name("operator")) != "+":
                return "", parent
        node, parent = parent, parent.parent
    if parent is None:
        return "", parent
    kind = parent.type
    if kind == "pair" and parent.child_by_field_name("value") == node:
        return _key_name(parsed, parent.child_by_field_name("key")), parent
    if kind == "variable_declarator" and parent.child_by_field_name("value") == node:
        target = parent.child_by_field_name("name")
        return parsed.text(target) if target is not None and target.type == "identifier" else "", parent
    if (
        kind in ("assignment_expression", "augmented_assignment_expression")
        and parent.child_by_field_name("right") == node
    ):
        target = parent.child_by_field_name("left")
        if target is None:
            return "", parent
        if target.type == "member_expression":
            prop = target.child_by_field_name("property")
            return parsed.text(prop) if prop is not None else "", parent
        if target.type == "subscript_expression":
            index = target.child_by_field_name("index")
            return _key_name(parsed, index) if index is not None and index.type == "string" else "", parent
        return parsed.text(target), parent
    if kind == "jsx_attribute" and parent.named_child_count:
        return parsed.text(parent.named_children[0]), parent
    if kind == "arguments" and parent.parent is not None:
        function = parent.parent.child_by_field_name("function")
        callee = ""
        if function is not None:
            callee = function.child_by_field_name("property") if function.type == "member_expression" else function
            callee = parsed.text(callee) if callee is not None else ""
        position = [c.id for c in parent.named_children].index(node.id)
        return f"{callee}#{position}", parent
    if kind == "array":  # [["qlik-web-integration-id", id]]: headers as pairs
        position = [c.id for c in parent.named_children if c.type != "comment"].index(node.id)
        return f"[]#{position}", parent
    return "", parent


def _jsx_element(parsed: Parsed, attribute: Node | None) -> str:
    opening = attribute.parent if attribute is not None else None
    name = opening.child_by_field_name("name") if opening is not None else None
    return parsed.text(name) if name is not None else ""


# -- markup ----------------------------------------------------------------------------------------------


def _markup(text: str, language: str | None, found: Places) -> None:
    parsed = parse(text, "html")
    found.has_errors = parsed.has_errors
    code_blocks = template_blocks(text, language) if language else []
    for node in walk(parsed.root):
        if node.type in ("start_tag", "self_closing_tag"):
            _attributes(parsed, node, code_blocks, found)
        elif node.type == "comment":
            found.comments.append(parsed.span(node))
        elif node.type == "script_element":
            _inline_script(parsed, node, code_blocks, found)


def _tag_name(parsed: Parsed, start_tag: Node) -> str:
    for child in start_tag.named_children:
        if child.type == "tag_name":
            return parsed.text(child).lower()
    return ""


def _attribute_values(parsed: Parsed, start_tag: Node):
    """``(name, value node)`` of each attribute with a value, in order."""
    for attribute in start_tag.named_children:
        if attribute.type != "attribute":
            continue
        name = value = None
        for child in attribute.named_children:
            if child.type == "attribute_name":
                name = parsed.text(child).lower()
            elif child.type == "attribute_value":
                value = child
            elif child.type == "quoted_attribute_value":
                value = next((c for c in child.named_children if c.type == "attribute_value"), None)
        if name is not None and value is not None:
            yield name, value


def _attributes(parsed: Parsed, start_tag: Node, code_blocks, found: Places) -> None:
    element = _tag_name(parsed, start_tag)
    seen: set[str] = set()
    for name, value in _attribute_values(parsed, start_tag):
        if name in seen:
            continue  # the first of duplicate attributes wins in HTML
        seen.add(name)
        start, end = parsed.span(value)
        if code_blocks and (in_template_code(code_blocks, start) or in_template_code(code_blocks, end - 1)):
            continue  # computed by the server template: not a literal
        quoted = value.parent is not None and value.parent.type == "quoted_attribute_value"
        found.literals.append(Literal(start, end, parsed.text(value), "attribute", name, element, quoted=quoted))


def _inline_script(parsed: Parsed, node: Node, code_blocks, found: Places) -> None:
    start_tag = next((c for c in node.named_children if c.type == "start_tag"), None)
    body = next((c for c in node.named_children if c.type == "raw_text"), None)
    if start_tag is None or body is None:
        return
    attributes = {name: parsed.text(value) for name, value in _attribute_values(parsed, start_tag)}
    if (attributes.get("type") or "").strip().lower() not in _JS_TYPES:
        return  # JSON, a client-side template: not code the browser runs
    grammar = "typescript" if _LANG.match((attributes.get("lang") or "").strip()) else "javascript"
    start, end = parsed.span(body)
    if code_blocks and any(b.kind == "code" and start <= b.start < end for b in code_blocks):
        # Server template code inside the script (``var id = "<?= $id ?>";``) is text to the JavaScript
        # grammar; a literal that holds it is computed, not written: leave those out.
        inline = Places([], [])
        _script(parse(parsed.code[start:end], grammar, start), inline)
        found.literals.extend(
            p
            for p in inline.literals
            if not any(b.kind == "code" and p.start < b.end and b.start < p.end for b in code_blocks)
        )
        found.properties.extend(inline.properties)
        found.objects.update(inline.objects)
        found.calls.extend(inline.calls)
        found.comments.extend(inline.comments)
        found.trees.extend(inline.trees)
        found.props.extend(inline.props)
        found.has_errors = found.has_errors or inline.has_errors
        return
    _script(parse(parsed.code[start:end], grammar, start), found)
