"""Facts read from a JavaScript/TypeScript syntax tree: imports and exports, calls, object literals,
assignments (``el.setAttribute(...)``, ``el.dataset.x = ...``, ``el.prop = ...``), JSX attributes,
directives (``"use server"``/``"use client"``), string and template-literal values, and reads of the
environment (``process.env.X``, ``import.meta.env.X``). Every fact carries file character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from mashup_gen.source.syntax import Parsed

if TYPE_CHECKING:
    from tree_sitter import Node


@dataclass(frozen=True)
class Value:
    """A string or template literal: its contents (quotes excluded) and their span."""

    value: str
    start: int  # file offset of the contents (just inside the quote)
    end: int
    template: bool = False  # a template literal (``${}`` parts are not filled)
    dynamic: bool = False  # a template literal with substitutions


@dataclass(frozen=True)
class Import:
    """``import ... from "x"``, ``import("x")``, ``require("x")`` or ``export ... from "x"``."""

    source: str
    start: int
    end: int
    dynamic: bool = False


@dataclass(frozen=True)
class CallFact:
    """A call: the callee as written (``fetch``, ``el.setAttribute``, ``qlik.openApp``) and its arguments' text."""

    callee: str
    start: int
    end: int
    arguments: tuple[str, ...]


@dataclass(frozen=True)
class Assignment:
    """``target = value`` where target is a name or member (``el.dataset.appId``, ``config.host``)."""

    target: str
    value: str
    start: int  # the value's span
    end: int


@dataclass(frozen=True)
class Attribute:
    """A JSX attribute (``<QlikEmbed appId="x" />``): element name, attribute name and value text."""

    element: str
    name: str
    value: str | None  # the string's contents, the expression's text, or None for a bare attribute
    start: int
    end: int
    literal: bool  # the value is a string literal


@dataclass(frozen=True)
class EnvRead:
    """A read of the environment: ``process.env.NAME`` or ``import.meta.env.NAME``."""

    name: str
    via: str  # "process.env" or "import.meta.env"
    start: int
    end: int


def _string_value(parsed: Parsed, node) -> Value | None:
    text = parsed.text(node)
    if len(text) < 2:
        return None
    start, end = parsed.span(node)
    if node.type == "template_string":
        dynamic = any(child.type == "template_substitution" for child in node.named_children)
        return Value(text[1:-1], start + 1, end - 1, template=True, dynamic=dynamic)
    return Value(text[1:-1], start + 1, end - 1)


def _member_chain(parsed: Parsed, node) -> str:
    return parsed.text(node).replace("?.", ".").replace(" ", "").replace("\n", "")


def _jsx_name(parsed: Parsed, element) -> str:
    name = element.child_by_field_name("name")
    return parsed.text(name) if name is not None else ""


# Which fields each capture of the facts query feeds: every field is read from its own captures only, on
# first use (most of a project's scripts are asked for their imports alone).
_CAPTURES = {
    "string": ("string", "template_string"),
    "module": ("import_statement", "export_statement"),
    "call": ("call_expression",),
    "assign": ("assignment_expression", "variable_declarator"),
    "object": ("object",),
}
# Only a member of a member can be an environment read (process.env.X, import.meta.env.X): the rest, most of a
# script's member expressions, are not made into Python nodes at all.
_MEMBER_OF_MEMBER = "(member_expression object: (member_expression)) @env"
_JSX_KINDS = ("jsx_element", "jsx_self_closing_element")
_START_BYTE, _END_BYTE = attrgetter("start_byte"), attrgetter("end_byte")


def facts_patterns(grammar: str) -> str:
    """The query patterns the facts are read from, one capture name per kind of fact."""
    captures = dict(_CAPTURES, **({"jsx": _JSX_KINDS} if grammar in ("javascript", "tsx") else {}))
    patterns = [f"[{' '.join(f'({kind})' for kind in kinds)}] @{name}" for name, kinds in captures.items()]
    return "\n".join([*patterns, _MEMBER_OF_MEMBER])


def _in_order(nodes: list[Node]) -> list[Node]:
    """Nodes in source order, outer before inner."""
    # Two stable sorts on C-level keys, the outer first: the order of the key (start, -end), no Python call per node.
    nodes.sort(key=_END_BYTE, reverse=True)
    nodes.sort(key=_START_BYTE)
    return nodes


def _directives(parsed: Parsed) -> list[str]:
    """The leading expression statements that are plain strings ("use client", "use server", "use strict")."""
    found = []
    for child in parsed.root.named_children:
        if child.type == "comment":
            continue
        if child.type == "expression_statement" and child.named_child_count == 1:
            inner = child.named_children[0]
            if inner.type == "string":
                found.append(parsed.text(inner)[1:-1])
                continue
        break
    return found


class ModuleFacts:
    """Everything read from one piece of JavaScript/TypeScript.

    Each kind of fact is read from the tree on first use, all from one query of the tree: a project's scripts
    are nearly all asked for their imports, few for their calls, objects, assignments or strings. Without a
    tree (``ModuleFacts()``) every list starts empty, to be filled by the caller.
    """

    def __init__(self, parsed: Parsed | None = None) -> None:
        self._parsed = parsed
        self.has_errors = parsed.has_errors if parsed is not None else False

    @cached_property
    def _captures(self) -> dict[str, list[Node]]:
        from mashup_gen.source.queries import shared_captures

        if self._parsed is None:
            return {}
        # tree-sitter's query engine picks the nodes of interest in C: walking every node in Python would cost
        # several times the parse itself. The query also holds what the module table reads (one walk).
        return shared_captures(self._parsed)

    def _nodes(self, *names: str) -> list[Node]:
        """The captured nodes of ``names``, in source order (outer before inner)."""
        captures = self._captures
        return _in_order([node for name in names for node in captures.get(name, ())])

    @cached_property
    def directives(self) -> list[str]:
        """The leading plain-string statements ("use client", "use server", "use strict")."""
        return _directives(self._parsed) if self._parsed is not None else []

    @cached_property
    def imports(self) -> list[Import]:
        """``import``/``export ... from`` sources, ``require("x")`` and ``import("x")``, in source order."""
        found: list[Import] = []
        parsed = self._parsed
        for node in self._nodes("module", "call"):
            if node.type == "call_expression":
                function = node.child_by_field_name("function")
                arguments = node.child_by_field_name("arguments")
                callee = _member_chain(parsed, function) if function is not None else ""
                if callee in ("require", "import") and arguments is not None and arguments.named_children:
                    first = arguments.named_children[0]
                    if first.type == "string":
                        s, e = parsed.span(first)
                        found.append(Import(parsed.text(first)[1:-1], s + 1, e - 1, dynamic=callee == "import"))
                continue
            source = node.child_by_field_name("source")
            if source is not None:
                start, end = parsed.span(source)
                found.append(Import(parsed.text(source)[1:-1], start + 1, end - 1))
        return found

    @cached_property
    def exports(self) -> list[str]:
        """The names a piece exports ("default" for a default export)."""
        found: list[str] = []
        parsed = self._parsed
        for node in self._nodes("module"):
            if node.type != "export_statement":
                continue
            declaration = node.child_by_field_name("declaration")
            if any(c.type == "default" for c in node.children):
                found.append("default")
            elif declaration is not None:
                name = declaration.child_by_field_name("name")
                if name is not None:
                    found.append(parsed.text(name))
                for declarator in declaration.named_children:
                    if declarator.type == "variable_declarator":
                        found.append(parsed.text(declarator.child_by_field_name("name")))
        return found

    @cached_property
    def calls(self) -> list[CallFact]:
        """Every call, in source order."""
        found: list[CallFact] = []
        parsed = self._parsed
        for node in self._nodes("call"):
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            callee = _member_chain(parsed, function) if function is not None else ""
            args = tuple(parsed.text(a) for a in arguments.named_children) if arguments is not None else ()
            start, end = parsed.span(node)
            found.append(CallFact(callee, start, end, args))
        return found

    @cached_property
    def strings(self) -> list[Value]:
        """Every non-empty string and template literal, in source order."""
        parsed = self._parsed
        values = (_string_value(parsed, node) for node in self._nodes("string"))
        return [value for value in values if value is not None and value.value]

    @cached_property
    def assignments(self) -> list[Assignment]:
        """``target = value`` and ``name = value`` of a declaration, in source order."""
        found: list[Assignment] = []
        parsed = self._parsed
        for node in self._nodes("assign"):
            if node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and right is not None:
                    start, end = parsed.span(right)
                    found.append(Assignment(_member_chain(parsed, left), parsed.text(right), start, end))
                continue
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and value is not None and name.type == "identifier":
                start, end = parsed.span(value)
                found.append(Assignment(parsed.text(name), parsed.text(value), start, end))
        return found

    @cached_property
    def _objects(self) -> tuple[list[dict[str, str]], list[dict[str, tuple[int, int]]]]:
        objects: list[dict[str, str]] = []
        object_spans: list[dict[str, tuple[int, int]]] = []
        parsed = self._parsed
        for node in self._nodes("object"):
            entries: dict[str, str] = {}
            spans: dict[str, tuple[int, int]] = {}
            for pair in node.named_children:
                if pair.type == "pair":
                    key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                    if key is not None and value is not None:
                        name = parsed.text(key).strip("\"'")
                        entries[name] = parsed.text(value)
                        spans[name] = parsed.span(value)
                elif pair.type == "shorthand_property_identifier":
                    entries[parsed.text(pair)] = parsed.text(pair)
                    spans[parsed.text(pair)] = parsed.span(pair)
                elif pair.type == "spread_element":
                    # ``{...base, authType: "cookie"}``: keys may come from elsewhere; "..." says so.
                    entries.setdefault("...", parsed.text(pair))
                    spans.setdefault("...", parsed.span(pair))
            objects.append(entries)
            object_spans.append(spans)
        return objects, object_spans

    @cached_property
    def objects(self) -> list[dict[str, str]]:
        """key -> value text, per object literal (a spread ``...x`` is the key "...")."""
        return self._objects[0]

    @cached_property
    def object_spans(self) -> list[dict[str, tuple[int, int]]]:
        """key -> file span of the value, per object literal (the same order as :attr:`objects`)."""
        return self._objects[1]

    @cached_property
    def env(self) -> list[EnvRead]:
        """Reads of ``process.env.NAME`` and ``import.meta.env.NAME``, in source order."""
        found: list[EnvRead] = []
        parsed = self._parsed
        for node in self._nodes("env"):
            if not parsed.data.startswith((b"process", b"import"), node.start_byte):
                continue
            text = _member_chain(parsed, node)
            for via in ("process.env.", "import.meta.env."):
                if text.startswith(via) and text.count(".") == via.count("."):
                    start, end = parsed.span(node)
                    found.append(EnvRead(text[len(via) :], via[:-1], start, end))
        return found

    @cached_property
    def has_jsx(self) -> bool:
        """True when the piece has a JSX element."""
        return bool(self._captures.get("jsx"))

    @cached_property
    def attributes(self) -> list[Attribute]:
        """The attributes of every JSX element, in source order."""
        found: list[Attribute] = []
        parsed = self._parsed
        for node in self._nodes("jsx"):
            opening = node if node.type == "jsx_self_closing_element" else node.child_by_field_name("open_tag")
            if opening is None:
                continue
            element = _jsx_name(parsed, opening)
            for attribute in opening.named_children:
                if attribute.type != "jsx_attribute" or attribute.named_child_count == 0:
                    continue
                name = parsed.text(attribute.named_children[0])
                value_node = attribute.named_children[1] if attribute.named_child_count > 1 else None
                if value_node is None:
                    start, end = parsed.span(attribute)
                    found.append(Attribute(element, name, None, start, end, False))
                elif value_node.type == "string":
                    start, end = parsed.span(value_node)
                    value = parsed.text(value_node)[1:-1]
                    found.append(Attribute(element, name, value, start + 1, end - 1, True))
                else:
                    start, end = parsed.span(value_node)
                    text = parsed.text(value_node)
                    inner = text[1:-1].strip() if text.startswith("{") else text
                    found.append(Attribute(element, name, inner, start, end, False))
        return found

    def _fields(self) -> tuple[object, ...]:
        return (*(getattr(self, name) for name in FIELDS), self.has_jsx, self.has_errors)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModuleFacts):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable lists: not hashable, as the dataclass was not

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in (*FIELDS, "has_jsx", "has_errors"))
        return f"ModuleFacts({shown})"


# The list fields of ModuleFacts, in the order they were declared.
FIELDS = (
    "directives", "imports", "exports", "calls", "strings", "assignments", "attributes", "env", "objects",
    "object_spans",
)  # fmt: skip


def module_facts(parsed: Parsed) -> ModuleFacts:
    """The facts of a parsed JavaScript/TypeScript piece (each kind read on first use, see ModuleFacts)."""
    return ModuleFacts(parsed)
