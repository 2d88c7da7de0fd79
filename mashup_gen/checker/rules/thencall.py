"""Code meant to run once the sign-in has answered, handed to ``.then`` as a call: ``login().then(mashup())``
runs ``mashup()`` at once, while the session check is still on its way, and hands ``.then`` its result
(undefined), so the capability API is loaded and the app opened before anyone knows whether the visitor is
signed in: a signed-out visitor gets the app's errors, and then the redirect."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import STRING, TEMPLATE, Script
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_token

CALLED_AT_ONCE = Rule(
    "then-called-at-once",
    Severity.ERROR,
    "A function that loads the capability API or opens the app is handed to .then as a call (.then(mashup())): "
    "it runs at once, before the promise (the sign-in, the session check) has answered, and .then gets its "
    "result instead of the function: a signed-out visitor gets the app's errors.",
    "Hand .then the function itself: .then(mashup), or .then(() => mashup()).",
)
RULES = (CALLED_AT_ONCE,)
_THEN = frozenset({"then"})


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per ``.then(name())`` whose function does Qlik's work and returns nothing to call."""
    for unit in project.units:
        script = unit.script
        for callee, paren in script.find_calls(_THEN):
            if not script.is_punct(callee - 1, "."):
                continue
            args = script.call_arguments(paren)
            if len(args) != 1:
                continue
            start, end = args[0]
            # exactly ``name(...)``: not ``a.b()``, not ``fn()()``, not a function expression
            if not (
                script.is_ident(start)
                and script.is_punct(start + 1, "(")
                and script.partner(start + 1) == end - 1
                and not script.is_ident(start, "function", "async")
            ):
                continue
            name = script.text(start)
            if _loads_qlik_and_returns_nothing(facts, unit, name):
                yield at_token(
                    CALLED_AT_ONCE,
                    unit,
                    start,
                    f".then({name}()) runs {name}() at once, before the promise has answered, and hands .then its "
                    f"result: {name} loads the capability API or opens the app",
                    f"Hand .then the function: .then({name}).",
                )


def _loads_qlik_and_returns_nothing(facts: Facts, unit: Unit, name: str) -> bool:
    """True when ``name`` is declared with ``function name() {...}`` in the project, its body loads js/qlik or
    opens an app, and it returns nothing (so no function for .then to call later)."""
    found = facts.declaration_of(unit, name)
    if found is None:
        return False
    holder, (start, end) = found
    script = holder.script
    if not (script.is_punct(start - 1, "{") and script.is_punct(start - 2, ")")):
        return False  # not a function declaration's body
    body = start - 1
    if any(script.is_ident(i, "return") and script.parent(i) == body for i in range(start, end)):
        return False  # it may return the function .then calls (a factory)
    return _does_qlik_work(script, start, end)


def _does_qlik_work(script: Script, start: int, end: int) -> bool:
    for i in range(start, end):
        kind = script.tokens[i].kind
        if kind in (STRING, TEMPLATE) and (script.string_value(i) or "").startswith("js/qlik"):
            return True
        if script.is_ident(i, "openApp") and script.is_punct(i + 1, "("):
            return True
    return False
