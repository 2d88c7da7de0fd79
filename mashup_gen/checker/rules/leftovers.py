"""Files only client-managed Qlik Sense reads: Qlik Cloud ignores them, and they mislead the next reader."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project

LEFTOVER = Rule(
    "client-managed-leftover",
    Severity.WARNING,
    "A client-managed Qlik Sense file (.qext, wbfolder.wbl): Qlik Cloud does not read it.",
    "Delete it once the mashup runs on Qlik Cloud (it only registers the mashup with Dev Hub).",
)
RULES = (LEFTOVER,)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per leftover file."""
    for path in project.found.leftovers:
        what = "a Dev Hub extension descriptor" if path.suffix.lower() == ".qext" else "a Dev Hub file list"
        # The whole file is the finding: line 1 is where an editor opens it (every finding names a line).
        yield LEFTOVER.at(project.found.display(path), 1, f"{path.name} is {what} of client-managed Qlik Sense")
