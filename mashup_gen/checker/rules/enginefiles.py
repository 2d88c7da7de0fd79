"""Data the engine is told to read from its own file system: a ``folder`` data connection made in code
(``createConnection({qType: 'folder', qConnectionString: '/data/'})``), a halyard.js table from a file path
(halyard makes a folder connection for it), a load script reading an absolute path (``FROM [/data/x.csv]``,
``FROM [C:\\data\\x.qvd]``). Qlik Core, Qlik Sense Desktop and client-managed engines have such a file system;
a Qlik Cloud engine has none: it reads data only through the tenant's connections (``lib://DataFiles/...``, a
space's data files), so the connection is refused and the reload fails."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.js import IDENT, STRING
from mashup_gen.checker.project import Project, Unit
from mashup_gen.checker.rules.base import at_place

ENGINE_FILES = Rule(
    "engine-local-files",
    Severity.ERROR,
    "The code has the engine read data from its own file system: a folder data connection (createConnection "
    "with qType 'folder'), a halyard.js table from a file path (halyard makes a folder connection for it), or a "
    "load script reading an absolute path. Qlik Core, Qlik Sense Desktop and client-managed servers have such "
    "folders; a Qlik Cloud engine has none and reads data only through the tenant's data connections, so the "
    "connection or the reload fails.",
    "Upload the file to a space's data files (or a connection made in the tenant) and load it from there "
    "(LOAD * FROM [lib://DataFiles/movies.csv]); for data the page has, give halyard.js the rows themselves "
    "(inline) instead of a path.",
)
RULES = (ENGINE_FILES,)

# A load script reading a path on the engine's machine: FROM [/data/x.csv], FROM 'C:\data\x.qvd', FROM \\server\x.
_ABSOLUTE_FROM = re.compile(r"""(?i)\bFROM\s*[\[\'"]?\s*(?:[A-Za-z]:[\\/]|/(?!/)|\\\\)""")
_LOAD = re.compile(r"(?i)\bLOAD\b")
# halyard.js reads a string with an extension on one line, other than an http(s) URL, as a file path.
_FILE_PATH = re.compile(r"^[^\n]*\.[A-Za-z0-9]{1,5}$")
_WEB = re.compile(r"(?i)^\s*https?://")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per folder connection, halyard.js file table and absolute load path written in the code."""
    seen: set[tuple[int, int]] = set()
    for unit in project.units:
        code = unit.script.code
        for index, what in (*_folder_connections(unit, code), *_halyard_files(facts, unit, code)):
            place = string_place(unit, index)
            key = (id(place.file), place.position()[0])
            if key not in seen:
                seen.add(key)
                yield at_place(ENGINE_FILES, place, what)
    for unit, index, value in facts.strings:
        if "FROM" not in value.upper() or not _LOAD.search(value):
            continue
        m = _ABSOLUTE_FROM.search(value)
        if m is None:
            continue
        place = string_place(unit, index)
        key = (id(place.file), place.position()[0])
        if key not in seen:
            seen.add(key)
            shown = value[m.start() : m.start() + 60].split("\n")[0]
            yield at_place(ENGINE_FILES, place, f"the load script reads {shown!r}, a path on the engine's machine")


def _folder_connections(unit: Unit, code: str) -> Iterator[tuple[int, str]]:
    """The ``qConnectionString`` (or ``qType``) string of each object literal that defines a folder connection."""
    if "qType" not in code or "folder" not in code:
        return
    script = unit.script
    for index, value in script.string_values:
        if value.strip().lower() != "folder" or not script.is_punct(index - 1, ":"):
            continue
        if script.text(index - 2).strip("'\"") != "qType":
            continue
        brace = script.parent(index)
        obj = script.object_at(brace) if brace != -1 else None
        if obj is None:
            continue
        target = obj.get("qConnectionString")
        at = index
        shown = "a folder"
        if target is not None and target.value_end - target.value_start == 1:
            if script.tokens[target.value_start].kind == STRING:
                at = target.value_start
                shown = repr(script.string_value(at))
        yield at, f"a folder data connection to {shown} on the engine's machine"


def _halyard_files(facts: Facts, unit: Unit, code: str) -> Iterator[tuple[int, str]]:
    """The file path string of each ``new Halyard.Table(path, ...)``: where the path is written (its declaration
    when the call names a constant)."""
    if "Halyard" not in code:
        return
    script = unit.script
    for callee, paren in script.find_calls(frozenset({"Table"})):
        if script.callee_path(callee) != "Halyard.Table":
            continue
        args = script.call_arguments(paren)
        if not args or args[0][1] - args[0][0] != 1:
            continue
        first = args[0][0]
        owner, at = unit, first
        if script.tokens[first].kind == IDENT:
            entry = facts.declaration_of(unit, script.text(first))
            if entry is None:
                continue
            owner, (start, end) = entry
            if end - start != 1:
                continue
            at = start
        if owner is not unit or owner.script.tokens[at].kind != STRING:
            continue
        value = owner.script.string_value(at) or ""
        if _FILE_PATH.match(value.strip()) and not _WEB.match(value) and "${" not in value:
            yield at, f"halyard.js reads {value!r} through a folder connection on the engine's machine"
