"""Files that could not be checked at all, and projects whose check failed inside mashup-gen."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import MAX_BYTES

UNREADABLE = Rule(
    "file-unreadable",
    Severity.ERROR,
    "An HTML or JavaScript file cannot be read as text (binary, unknown encoding, or the system refuses to open it).",
    "Save it as UTF-8 text, or remove it from the project if it is not a page or script.",
)
TOO_LARGE = Rule(
    "file-too-large",
    Severity.WARNING,
    f"A file is larger than {MAX_BYTES // (1024 * 1024)} MB and was not checked.",
    "Check the mashup's own sources rather than a bundle, or split the file.",
)
# Reported by check_paths when checking a project raises: not tied to any fact of the project.
INTERNAL = Rule(
    "check-internal-error",
    Severity.ERROR,
    "mashup-gen could not finish checking a project (a bug in mashup-gen, not in the project).",
    "Please report it with the file; set MASHUP_GEN_DEBUG=1 to see the details.",
)
RULES = (UNREADABLE, TOO_LARGE, INTERNAL)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per file the project could not read."""
    for problem in project.problems:
        rule = TOO_LARGE if problem.kind == "too-large" else UNREADABLE
        # The advice follows the reason: re-encoding a file the OS will not open does not help.
        fix = _INACCESSIBLE_FIX.format(path=problem.display) if problem.kind == "inaccessible" else None
        yield rule.at(problem.display, None, f"not checked: {problem.detail}", fix=fix)


_INACCESSIBLE_FIX = (
    "Make it readable for the user running mashup-gen (check its permissions, e.g. `chmod a+r {path}`, and that "
    "it is a regular file), or remove it from the project."
)
