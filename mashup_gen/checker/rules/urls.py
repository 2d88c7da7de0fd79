"""URLs to the tenant built by joining strings: a base ending in '/' and a path starting with '/' give
``https://<tenant>//api/v1/...``, a path the tenant does not serve."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.checker.facts import Facts
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

DOUBLE_SLASH = Rule(
    "url-double-slash",
    Severity.ERROR,
    "A tenant URL ending in '/' is joined to a path starting with '/': the request goes to "
    "https://<tenant>//api/..., which the tenant does not serve.",
    "Drop one of the slashes: keep the tenant URL without a trailing slash (https://<tenant>) and paths with a "
    "leading one (/api/v1/...).",
)
RULES = (DOUBLE_SLASH,)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """One finding per join that doubles the slash."""
    for join in facts.double_slashes:
        joined = f" (joined at {join.used})" if join.used else ""
        yield at_place(
            DOUBLE_SLASH,
            join.place,
            f"{join.base!r} ends in '/' and {join.path!r}{joined} starts with one: the URL becomes "
            f"{join.base}{join.path}",
            f"Write {join.base.rstrip('/')!r} (no trailing slash), or {join.path.lstrip('/')!r} (no leading one).",
        )
