"""Config values handed in through a helper's parameter: ``require.config({ webIntegrationId:
config.webIntegrationId })`` inside ``function load(config)`` reads what each caller passes, and a caller that
builds ``{ host, port, prefix, appId }`` without the key hands over nothing. The object a caller passes is found
where it is written: inline, or the nearest ``const/let/var name = {...}`` before the call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mashup_gen.checker.js import IDENT, ObjectLiteral, Script

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts
    from mashup_gen.checker.facts.model import ConfigObject
    from mashup_gen.checker.project import Unit


@dataclass(frozen=True)
class Handed:
    """An object a caller hands to a helper whose config reads ``param.key`` from it, and lacks ``key``."""

    unit: Unit  # the caller's script
    obj: ObjectLiteral  # the object it passes (without the key)
    helper: str  # the helper's name
    key: str


_MEMBER = re.compile(r"^\s*([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\s*$")


def missing_keys(facts: Facts, config: ConfigObject, key: str) -> list[Handed]:
    """The callers' objects that lack ``key`` when ``config``'s ``key`` is ``param.key`` of its enclosing
    helper's parameter; empty when the value is anything else, the helper has no name, or any caller passes
    something not written as an object literal (a spread, a value from elsewhere: not known here)."""
    text = config.value_text(key)
    m = _MEMBER.match(text or "")
    if m is None or m.group(2) != key:
        return []
    helper = _enclosing_helper(config.unit.script, config.obj.open, m.group(1))
    if helper is None:
        return []
    name, position = helper
    found: list[Handed] = []
    for unit in facts.project.units:
        script = unit.script
        if name not in script.code:
            continue
        for callee, paren in script.find_calls(frozenset({name})):
            if unit is config.unit and script.is_ident(callee - 1, "function"):
                continue
            args = script.call_arguments(paren)
            if position >= len(args):
                return []
            obj = _object_passed(script, args[position], callee)
            if obj is None:
                return []  # not an object written here: what it holds is not known
            keys = {p.key for p in obj.properties}
            if key in keys or "..." in script.span_text(obj.open, obj.close + 1):
                continue
            found.append(Handed(unit, obj, name, key))
    return found


def _enclosing_helper(script: Script, index: int, param: str) -> tuple[str, int] | None:
    """``(name, parameter position)`` of the named function or arrow function whose body holds token
    ``index`` and whose parameter list names ``param``; None when there is none."""
    best: tuple[int, str, int] | None = None
    for name, (start, end) in script.declarations.items():
        if not start <= index < end:
            continue
        params = _parameters(script, name, start)
        if params is None or param not in params:
            continue
        if best is None or start > best[0]:
            best = (start, name, params.index(param))
    return (best[1], best[2]) if best is not None else None


def _parameters(script: Script, name: str, start: int) -> list[str] | None:
    """The parameter names of the function declared as ``name`` whose value (or body) starts at ``start``:
    ``async config => ...``, ``(config, options) => ...``, ``function (config) {...}``, and
    ``function name(config) {...}`` (its body starts after the parameter list)."""
    tokens = script.tokens
    i = start
    if i < len(tokens) and script.is_ident(i, "async"):
        i += 1
    if i < len(tokens) and script.is_ident(i, "function"):
        i += 1
        if i < len(tokens) and tokens[i].kind == IDENT and not script.is_punct(i, "("):
            i += 1
    if i < len(tokens) and tokens[i].kind == IDENT and script.is_punct(i + 1, "=>"):
        return [script.text(i)]
    if i < len(tokens) and script.is_punct(i, "("):
        close = script.partner(i)
        if close == -1 or not (script.is_punct(close + 1, "=>") or script.is_punct(close + 1, "{")):
            return None
        return _names(script, i, close)
    # function name(a, b) { body }: the declaration's range is the body, after "(...)"
    if start >= 2 and script.is_punct(start - 1, "{") and script.is_punct(start - 2, ")"):
        opener = script.partner(start - 2)
        if opener > 1 and script.is_ident(opener - 1, name) and script.is_ident(opener - 2, "function"):
            return _names(script, opener, start - 2)
    return None


def _names(script: Script, opener: int, close: int) -> list[str]:
    """The parameter names between a parameter list's parentheses (defaults and destructuring count as one)."""
    names: list[str] = []
    expect = True
    for j in range(opener + 1, close):
        if script.parent(j) != opener:
            continue
        if script.is_punct(j, ","):
            expect = True
        elif expect:
            names.append(script.text(j) if script.tokens[j].kind == IDENT else "")
            expect = False
    return names


def _object_passed(script: Script, argument: tuple[int, int], callee: int) -> ObjectLiteral | None:
    """The object literal an argument is: written inline, or the nearest ``const/let/var name = {...}`` before
    the call, when nothing assigns ``name.<key>`` in between (checked by the caller through the literal)."""
    start, end = argument
    if script.is_punct(start, "{"):
        return script.object_at(start)
    if end - start != 1 or script.tokens[start].kind != IDENT:
        return None
    name = script.text(start)
    for i in range(callee - 1, 0, -1):
        if script.is_ident(i, name) and script.is_punct(i + 1, "=") and script.is_ident(i - 1, "const", "let", "var"):
            if not script.is_punct(i + 2, "{"):
                return None
            assigned = f"{name}."
            between = script.span_text(i + 2, callee)
            obj = script.object_at(i + 2)
            if obj is None or re.search(rf"\b{re.escape(assigned)}\w+\s*=(?!=)", between):
                return None
            return obj
    return None
