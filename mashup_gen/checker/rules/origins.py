"""The origins a page is served from go into the web integration's allowlist, which matches them exactly:
``scheme://host[:port]``, no path, no trailing slash, no wildcard."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.errors import InvalidValue
from mashup_gen.record import RECORD_NAME
from mashup_gen.tenant import parse_origin

INVALID = Rule(
    "origin-invalid",
    Severity.ERROR,
    "An origin to allowlist is not one a web integration can match (it needs scheme://host[:port] exactly).",
    "Write it as scheme://host[:port]: no path, no trailing slash, no wildcard (https://www.example.com).",
)
RULES = (INVALID,)


def check_origins(values: Iterable[str]) -> Iterator[Finding]:
    """Findings for ``--origin`` values (not tied to a file)."""
    for value in values:
        try:
            parse_origin(value)
        except InvalidValue as exc:
            yield INVALID.at(None, None, f"--origin {value!r}: {exc.expected}")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings for the origins in the project record."""
    record = project.record
    if record is None:
        return
    origins = record.answers.get("origins")
    if not isinstance(origins, str):
        return
    invalid = []
    for value in origins.split():
        try:
            parse_origin(value)
        except InvalidValue as exc:
            invalid.append((value, exc.expected))
    if not invalid:
        return  # the record's line is looked for only when there is something to point at
    path = project.root / RECORD_NAME
    display = project.found.display(path)
    line = None
    try:
        text = path.read_text(encoding="utf-8")
        m = re.search(r'^\s*"origins"\s*:', text, re.M)
        line = text.count("\n", 0, m.start()) + 1 if m else None
    except (OSError, UnicodeDecodeError):
        pass
    for value, expected in invalid:
        yield INVALID.at(display, line, f"origin {json.dumps(value)} in the record: {expected}")
