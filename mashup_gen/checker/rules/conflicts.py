"""Files a merge left unfinished, and files that no longer agree with the project record.

An unresolved conflict (``<<<<<<< yours`` ... ``>>>>>>> template``, as ``regenerate`` writes them) makes a
script a syntax error and a page show both sides. A line that held the record's app id or OAuth client id
and now holds another (a conflict resolved by keeping your side) makes every command that trusts the
record work on the wrong value (see ``mashup_gen.agreement``).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path

from mashup_gen.agreement import disagreements
from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import SourceFile

MARKERS = Rule(
    "conflict-markers",
    Severity.ERROR,
    "The file holds an unresolved merge conflict (<<<<<<< / ======= / >>>>>>> lines): scripts with them do "
    "not run and pages show both sides.",
    "Keep the lines you want between the markers, delete the three marker lines, then run `mashup-gen check`.",
)
RECORD_DRIFT = Rule(
    "record-drift",
    Severity.ERROR,
    "A line that held the project record's app id or OAuth client id now holds another value: regenerate "
    "and check --online work on the record's value, not this one.",
    "Settle it one way: `mashup-gen regenerate --app-id VALUE` (or --client-id) makes the record and every "
    "file use this line's value; or put the record's value back on this line.",
)
RULES = (MARKERS, RECORD_DRIFT)

# Git's markers: seven characters at the start of a line, then a space and a label, or nothing.
_START = re.compile(r"^<{7}(?: |$)")
_MIDDLE = re.compile(r"^={7}$")
_END = re.compile(r"^>{7}(?: |$)")
_MAX_BYTES = 8 * 1024 * 1024  # not text a person merges by hand
# Encodings whose decoding (mashup_gen.checker.scan.decode) gives the bytes back exactly when encoded again.
_LOSSLESS = ("utf-8", "cp1252")
_UTF8_BOM = b"\xef\xbb\xbf"


def markers(text: str) -> list[tuple[int, str]]:
    """``(line, message)`` for each unresolved conflict in ``text``: where it starts, or a stray end marker."""
    found: list[tuple[int, str]] = []
    start: int | None = None
    middle: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        if _START.match(line):
            if start is not None:
                found.append((start, _unclosed(start)))
            start, middle = number, None
        elif _MIDDLE.match(line) and start is not None:
            middle = number
        elif _END.match(line):
            if start is None:
                found.append((number, f"a conflict end marker (line {number}) is left without its start"))
            else:
                where = f", ======= at line {middle}" if middle else ""
                found.append((start, f"unresolved merge conflict: lines {start}-{number}{where}"))
            start, middle = None, None
    if start is not None:
        found.append((start, _unclosed(start)))
    return found


def _unclosed(start: int) -> str:
    return f"unresolved merge conflict from line {start} (its >>>>>>> end marker is missing)"


def _read(path: Path, source: SourceFile | None = None) -> bytes | None:
    """A managed file's bytes (None for a link, anything but a regular file, or a large file); a page or script
    the check has read already is given back from its text, which decodes those bytes exactly."""
    try:
        # One lstat answers all three: not a link, a regular file, small enough (read for every managed file).
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_BYTES:
            return None
        if source is not None and source.encoding in _LOSSLESS:
            return (_UTF8_BOM if source.bom else b"") + source.text.encode(source.encoding)
        return path.read_bytes()
    except OSError:
        return None


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Conflict markers in the pages and scripts checked and in every text file the record manages; then the
    record's ids against the lines the tool wrote them on."""
    texts: dict[Path, str] = {path: source.text for path, source in project.sources.items()}
    record = project.record
    managed: dict[Path, bytes] = {}
    if record is not None:
        # JSON and YAML the project read already (a vendored enigma.js schema of 200 KB) are not read again
        read = {**{source.path: source for source in project.data_files}, **project.sources}
        for name in record.files:
            path = project.root / name
            data = _read(path, read.get(path))
            if data is not None:
                managed[path] = data
                if path not in texts and b"\0" not in data[:8000]:
                    texts[path] = data.decode("utf-8", "replace")
    conflicted: set[Path] = set()
    for path, text in texts.items():
        if "<<<<<<<" not in text and ">>>>>>>" not in text:
            continue
        for line, message in markers(text):
            conflicted.add(path)
            yield MARKERS.at(project.found.display(path), line, message)
    if record is None or record.pending is not None:
        return  # a run that did not finish: `regenerate` completes it first
    for path, data in managed.items():
        if path in conflicted:
            continue  # the conflict is reported; settling it settles this too
        written = record.files[path.relative_to(project.root).as_posix()]
        for found in disagreements(written, data, record.answers):
            yield RECORD_DRIFT.at(project.found.display(path), found.line, f"{found.describe()}: {found.text}")
