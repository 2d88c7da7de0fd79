"""Values written as alternatives the code chooses between at run time: one tenant (and its web integration id)
per deployment stage, in one literal table, one array, or the two branches of a conditional."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.js import Script

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts


# Keys that name a deployment stage or a region: ``{ development: ..., production: ... }`` lists one value per stage.
_STAGE = re.compile(
    r"(?i)^(?:dev|development|prod|production|stag(?:e|ing)|test|testing|qa|uat|local|sandbox|demo|preview|"
    r"preprod|live|default|[a-z]{2})$"
)
_Path = tuple[str, ...]


def chosen_at_run_time(facts: Facts, values: list[tuple[Place, str]]) -> set[int]:
    """Indexes of the ``(place, value)`` pairs (tenants, web integration ids written in the code) written as one
    of several alternatives the code chooses between at run time:
    entries of one literal table keyed by stage (``{ development: { host: A }, production: { host: B } }``,
    ``{ dev: 'https://A', prod: 'https://B' }``), elements of one array of tenants, or the two branches of
    ``isProd ? 'A' : 'B'``. Such a project talks to one tenant (with its id) per deployment on purpose: that is
    not a mix-up. Two keys of one config (``{ host: A, loginUrl: 'https://B/login' }``) are no alternatives."""
    tokens: dict[tuple[int, int], tuple[Script, int, int]] = {}
    for unit, index, _value in facts.strings:
        place = string_place(unit, index)
        tokens[(id(unit.file), place.start)] = (unit.script, index, place.end)
    starts: dict[int, list[int]] = {}
    for file_id, start in tokens:
        starts.setdefault(file_id, []).append(start)
    located: list[tuple[int, str, Script, int, int, _Path]] = []
    for n, (place, value) in enumerate(values):
        file_id = id(place.file)
        start = max((s for s in starts.get(file_id, ()) if s <= place.start), default=None)
        if start is None:
            continue
        script, index, end = tokens[(file_id, start)]
        if place.start >= end:
            continue  # not in a string of the code (a page's attribute, say)
        root, path = _table_path(script, index)
        located.append((n, value, script, index, root, path))
    chosen: set[int] = set()
    for a, value_a, script_a, index_a, root_a, path_a in located:
        for _b, value_b, script_b, index_b, root_b, path_b in located:
            if value_a == value_b or script_a is not script_b:
                continue
            first, second = sorted((index_a, index_b))
            ternary = second == first + 2 and script_a.is_punct(first - 1, "?") and script_a.is_punct(first + 1, ":")
            if ternary or (root_a == root_b != -1 and _other_entry(path_a, path_b)):
                chosen.add(a)
            elif _fallback_of(script_a, first, second):
                chosen.add(a)
    return chosen


# A deployment stage written in a file's name: environment.prod.ts, config.development.js, settings-staging.json,
# config/production.json (node-config). No two-letter words here: a name's extension is no stage.
_STAGE_WORD = re.compile(
    r"(?i)^(?:dev|development|prod|production|stag(?:e|ing)|test|testing|qa|uat|local|sandbox|demo|preview|"
    r"preprod|live|default)$"
)
_NAME_PARTS = re.compile(r"[.\-_]")


def _family(path: str) -> tuple[str, bool]:
    """The file's name with its stage words taken out (``src/environments/environment.ts`` for
    ``environment.prod.ts``; ``config/*.json`` for ``config/production.json``), and whether it had any."""
    folder, _, name = path.replace("\\", "/").rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    parts = [p for p in _NAME_PARTS.split(stem) if p]
    kept = [p for p in parts if not _STAGE_WORD.match(p)]
    return f"{folder}/{'.'.join(kept) or '*'}.{suffix}", len(kept) != len(parts)


def stage_files(values: list[tuple[Place, str]], main: str) -> set[int]:
    """Indexes of the values written in one of a family of per-stage files (an Angular app's environment.ts and
    environment.prod.ts, which the production build swaps in; config/development.json and config/production.json)
    where another file of the family writes another value: the build or the deployment picks one file. Only when
    ``main`` (the project's value) is one of them: a third value elsewhere is still a mix with the family."""
    groups: dict[str, list[int]] = {}
    staged: set[str] = set()
    for n, (place, _value) in enumerate(values):
        family, has_stage = _family(str(place.file.path))
        groups.setdefault(family, []).append(n)
        if has_stage:
            staged.add(family)
    chosen: set[int] = set()
    for family in staged:
        members = groups[family]
        by_file: dict[str, set[str]] = {}
        for n in members:
            by_file.setdefault(str(values[n][0].file.path), set()).add(values[n][1])
        if len(by_file) < 2:
            continue
        for n in members:
            place, value = values[n]
            if any(path != str(place.file.path) and seen - {value} for path, seen in by_file.items()):
                chosen.add(n)
    return chosen if any(values[n][1] == main for n in chosen) else set()


_MAX_EXPRESSION = 200  # tokens between two alternatives of one expression: a table of a few stages


def _fallback_of(script: Script, first: int, second: int) -> bool:
    """True when the strings at ``first`` and ``second`` are alternatives of one expression: the second is the
    fallback after ``||`` or ``??`` (or a ternary's other arm) of an expression holding the first
    (``{ localhost: 'https://dev...' }[location.hostname] || 'https://prod...'``)."""
    level = script.parent(second)
    top = first  # the first string, or the bracket holding it, at the second's level
    while script.parent(top) != level:
        top = script.parent(top)
        if top == -1:
            return False
    if second - top > _MAX_EXPRESSION:
        return False
    found = False
    for i in range(top + 1, second):
        if script.parent(i) != level:
            continue
        if script.is_punct(i, ",") or script.is_punct(i, "=") or script.is_punct(i, ";") or script.ends_statement(i):
            found = False  # another declarator, assignment or statement: not one expression
        elif script.is_punct(i, "||") or script.is_punct(i, "??"):
            found = True
        elif script.is_punct(i, ":") and any(
            script.parent(j) == level and script.is_punct(j, "?") for j in range(top, i)
        ):
            found = True  # cond ? { dev: 'A' }[stage] : 'B'
    return found


def _table_path(script: Script, index: int) -> tuple[int, _Path]:
    """The outermost object or array literal that holds the string at ``index`` only through property values
    and array elements (each the whole value), and the keys on the way down (``[]`` for an element); -1 when
    the string is in no such literal."""
    path: list[str] = []
    root, child = -1, index
    while True:
        opener = script.parent(child)
        if opener == -1:
            break
        end = script.partner(child) + 1 if script.is_punct(child, "{") or script.is_punct(child, "[") else child + 1
        if script.is_punct(opener, "["):
            if not (script.is_punct(child - 1, "[") or script.is_punct(child - 1, ",")) or not (
                script.is_punct(end, ",") or script.is_punct(end, "]")
            ):
                break
            path.append("[]")
        elif script.is_punct(opener, "{"):
            obj = script.object_at(opener)
            prop = None if obj is None else next((p for p in obj.properties if p.value_start == child), None)
            if prop is None or prop.value_end != end:
                break
            path.append(prop.key)
        else:
            break
        root, child = opener, opener
    return root, tuple(reversed(path))


def _other_entry(a: _Path, b: _Path) -> bool:
    """True when two paths from one table differ in one step only, and that step picks another entry of the
    table (another element, another stage's key, or an outer key above the same inner key)."""
    if len(a) != len(b) or not a:
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if not differ:
        return "[]" in a  # two elements of one array of tenants (``[{ host: A }, { host: B }]``)
    if len(differ) != 1:
        return False
    step = differ[0]
    return step < len(a) - 1 or bool(_STAGE.match(a[step]) and _STAGE.match(b[step]))
