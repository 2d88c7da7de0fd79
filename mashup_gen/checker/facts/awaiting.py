"""Whether a page waits for its session check before it loads the capability API.

The session check is a request (``fetch``/``$.ajax`` of ``/api/v1/users/me``): its answer arrives later.
Qlik's example loads ``js/qlik`` in the check's ``.then``; a page that calls ``login();`` and then, on the
next line, ``require(["js/qlik"], ...)`` at the same level loads the API and opens the app at once, with or
without a session, so a signed-out visitor first gets the app's errors and only then the redirect.

The question is asked narrowly, so that an answer is sure: the ``require`` of ``js/qlik`` and the check (or
the call of the named function holding it) are top-level statements of one script, or of two scripts of one
page, and nothing blocks before them (a top-level ``await``, a synchronous XMLHttpRequest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.liveness import token_at, unit_at
from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.hints import Quick
from mashup_gen.checker.js import IDENT, Script
from mashup_gen.checker.project import Project, Unit

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts

# XMLHttpRequest.open(method, url, false): the request blocks until the answer, so code after it waits.
_SYNC_XHR = re.compile(r"\.open\s*\([^()]*,\s*false\s*\)")
# A script that replaces RequireJS's require with one holding calls back until the session is confirmed
# (`mashup-gen adopt`'s helper does): the page's own require([...]) then waits.
_HELD_REQUIRE = Quick(re.compile(r"\bwindow\.require\s*=(?!=)"))


@dataclass(frozen=True)
class UngatedLoad:
    """A session check whose answer the capability API's load does not wait for."""

    check: Place  # the statement that starts the check: the call of the function holding it, or the check
    load: Place  # the ``require`` of ``js/qlik``


# Statements that run nothing when the script runs, or only maybe: a check inside them is not started there.
_NOT_RUN = frozenset(
    {"class", "export", "import", "if", "else", "for", "while", "do", "switch", "try", "return", "function"}
)


def _top_statement(script: Script, index: int) -> int:
    """The first token of the top-level statement holding token ``index``."""
    outer = index
    while script.parent(outer) != -1:
        outer = script.parent(outer)
    return script.statement(outer)[0]


def _declared_name(script: Script, first: int) -> str | None:
    """The name a top-level statement starting at ``first`` declares (``[async] function name``,
    ``const/let/var name = ...``), or None."""
    i = first + 1 if script.is_ident(first, "async") else first
    if script.is_ident(i, "function") and script.is_ident(i + 1):
        return script.text(i + 1)
    if script.is_ident(i, "const", "let", "var") and script.is_ident(i + 1) and script.is_punct(i + 2, "="):
        return script.text(i + 1)
    return None


def _top_starts(script: Script, name: str) -> list[int]:
    """Top-level statements ``name(...)``/``name().then(...)``: the function runs there and the script goes
    on at once (not ``await name()``, not ``const x = name()``)."""
    return [
        callee
        for callee, _ in script.find_calls(frozenset({name}))
        if script.parent(callee) == -1
        and not script.is_punct(callee - 1, ".")
        and script.statement(callee)[0] == callee
    ]


def _top_loads(script: Script) -> list[int]:
    """Callee indexes of top-level ``require([... "js/qlik" ...], ...)`` calls."""
    found = []
    for callee, paren in script.find_calls(frozenset({"require"})):
        if script.parent(callee) != -1 or script.is_punct(callee - 1, ".") or not script.is_punct(paren + 1, "["):
            continue
        close = script.partner(paren + 1)
        if close == -1:
            continue
        if any((script.string_value(i) or "").startswith("js/qlik") for i in range(paren + 2, close)):
            found.append(callee)
    return found


def _awaits_before(script: Script, before: int) -> bool:
    """True when a top-level statement before token ``before`` awaits (a module script: what follows waits)."""
    return any(script.parent(i) == -1 and script.is_ident(i, "await") for i in range(before))


def _started(script: Script, index: int, mates: list[Unit]) -> tuple[Unit, int] | None:
    """Where the check at token ``index`` of ``script`` is started as a top-level statement of one of the
    page's scripts ``mates`` (the first of which holds the check): the statement itself, or the first
    top-level call of the function declared around it; None when it is not (or cannot be told)."""
    first = _top_statement(script, index)
    name = _declared_name(script, first)
    if name is None:
        if script.tokens[first].kind == IDENT and script.text(first) not in _NOT_RUN:
            return mates[0], first
        if script.is_punct(first, "("):
            return mates[0], first  # (function () { ... })(): runs at once
        return None
    for unit in mates:
        starts = _top_starts(unit.script, name)
        if starts:
            return unit, starts[0]
    return None


def ungated_loads(facts: Facts) -> list[UngatedLoad]:
    """Session checks whose page loads ``js/qlik`` without waiting for their answer (see the module)."""
    project = facts.project
    found: list[UngatedLoad] = []
    seen: set[int] = set()
    for check in facts.session_checks:
        unit = unit_at(project, check)
        if unit is None or unit.role != "browser" or id(unit) in seen:
            continue
        mates = _page_mates(project, unit)
        if any(_SYNC_XHR.search(mate.script.code) or _HELD_REQUIRE.search(mate.script.code) for mate in mates):
            continue
        index = token_at(unit.script, check.start)
        started = _started(unit.script, index, mates)
        if started is None:
            continue
        starter, start = started
        if _awaits_before(starter.script, start):
            continue
        for mate in mates:
            loads = [
                i
                for i in _top_loads(mate.script)
                if not _awaits_before(mate.script, i) and not (mate is unit and _inside_call(unit.script, index, i))
            ]
            if loads:
                seen.add(id(unit))
                found.append(UngatedLoad(_place(starter, start), _place(mate, loads[0])))
                break
    return found


def _inside_call(script: Script, index: int, callee: int) -> bool:
    """True when token ``index`` is in the arguments of the call at ``callee`` (the check runs in the load's
    callback: what the API does there can wait for it)."""
    close = script.partner(callee + 1)
    return callee + 1 < index < (close if close != -1 else len(script.tokens))


def _place(unit: Unit, index: int) -> Place:
    return Place(unit.file, *unit.file_span(index, index + 1))


def _page_mates(project: Project, unit: Unit) -> list[Unit]:
    """``unit`` and every other script of a page that runs it (their top levels run one after another)."""
    mates = [unit]
    for page in project.pages:
        if any(u is unit for u in page.units):
            mates.extend(u for u in page.units if all(u is not m for m in mates))
    return mates
