"""Component markup: the attributes of a Vue template, Svelte markup or an Angular template, read with the HTML
grammar: bound to an expression of the component's script (``:app-id="appId"``, ``app-id={appId}``,
``[attr.app-id]="appId"``) or literal, and the props the component gives the components it uses (a call of
each, for :class:`mashup_gen.source.modules.Resolver` to follow into their props)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mashup_gen.source.modules import Binding, Literal, chain, env_name
from mashup_gen.source.syntax import Parsed

if TYPE_CHECKING:
    from tree_sitter import Node


@dataclass(frozen=True)
class BoundAttribute:
    """An attribute of a component's markup: bound to an expression of the component's script
    (``:app-id="appId"``, ``v-bind:host="cfg.host"`` in Vue, ``app-id={appId}`` in Svelte, ``[appId]="appId"``
    or ``[attr.app-id]="appId"`` in Angular), or a literal value (``app-id="..."``)."""

    element: str
    name: str  # as written, without Vue's ``:``/``v-bind:`` or Angular's brackets and ``attr.``
    expression: str  # the expression, or the literal's value
    start: int  # file span of the expression or value
    end: int
    literal: bool = False
    tag: int = 0  # file offset of the element's start tag


def bound_attributes(text: str, start: int, end: int, syntax: str) -> list[BoundAttribute]:
    """The attributes of the markup ``text[start:end]`` (a Vue ``<template>``, Svelte markup or an Angular
    template: ``syntax`` is "vue", "svelte" or "angular"), read with the HTML grammar; offsets are file
    offsets."""
    from mashup_gen.source.syntax import parse, walk

    parsed = parse(text[start:end], "html", start)
    found: list[BoundAttribute] = []
    for node in walk(parsed.root):
        if node.type not in ("start_tag", "self_closing_tag"):
            continue
        element = ""
        for child in node.named_children:
            if child.type == "tag_name":
                element = parsed.text(child)
            elif child.type == "attribute" and child.named_child_count >= 2:
                attribute = _attribute(parsed, element, child, syntax)
                if attribute is not None:
                    found.append(replace(attribute, tag=parsed.span(node)[0]))
    return found


def _attribute(parsed: Parsed, element: str, node: Node, syntax: str) -> BoundAttribute | None:
    name = parsed.text(node.named_children[0])
    value = node.named_children[1]
    if value.type == "quoted_attribute_value":
        inner = next((c for c in value.named_children if c.type == "attribute_value"), None)
        if inner is None:
            return None
        value = inner
    expression, (a, b) = parsed.text(value), parsed.span(value)
    if syntax == "svelte" and expression.startswith("{") and expression.endswith("}"):
        return BoundAttribute(element, name, expression[1:-1].strip(), a + 1, b - 1)
    if syntax == "vue" and name.startswith(("v-bind:", ":")):
        return BoundAttribute(element, name.split(":", 1)[1], expression.strip(), a, b)
    if syntax == "angular" and name.startswith("[") and name.endswith("]"):
        return BoundAttribute(element, name[1:-1].removeprefix("attr."), expression.strip(), a, b)
    if name[:1].isalpha() and "{" not in expression and not (syntax == "vue" and name.startswith("v-")):
        return BoundAttribute(element, name, expression, a, b, literal=True)
    return None


def component_calls(attributes: list[BoundAttribute], path: str) -> dict[str, list[Callable[[], list[Binding | None]]]]:
    """A component's markup as calls of the components it uses: ``<SalesChart :app-id="appId" />`` passes
    ``{ appId }`` (kebab-case props are camelCase in the child); a bound value is an expression of this
    component's script, a literal one is written here."""
    elements: dict[int, tuple[str, dict[str, Binding]]] = {}
    for attribute in attributes:
        name, members = elements.setdefault(attribute.tag, (_pascal(attribute.element), {}))
        key = camel_case(attribute.name)
        if attribute.literal:
            literal = Literal(path, attribute.expression, attribute.start, attribute.end, attribute.name)
            members[key] = Binding("literal", literal=literal)
        elif chain(attribute.expression) or env_name(attribute.expression):
            members[key] = Binding("expr", expr=attribute.expression)
    calls: dict[str, list[Callable[[], list[Binding | None]]]] = {}
    for name, members in elements.values():
        if name[:1].isupper():
            props: list[Binding | None] = [Binding("object", members=members)]
            calls.setdefault(name, []).append(lambda props=props: props)
    return calls


def camel_case(name: str) -> str:
    """``app-id`` as a component's prop or a dataset key names it: ``appId``."""
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("-")) if "-" in name else name
