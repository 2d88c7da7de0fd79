"""The rules ``check`` applies: one registry, one module per concern.

Every module in :data:`MODULES` exposes ``RULES`` (its rule definitions, whose ids are stable) and
``check(project, facts)`` yielding findings. A new concern is one module added to :data:`MODULES`; the
README's rule table is generated from it (``python -m mashup_gen.checker.rules --markdown``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from types import ModuleType

from mashup_gen.checker.facts import facts_of
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules import (
    builds,
    clientmanaged,
    config,
    conflicts,
    csp,
    drift,
    embed,
    embedattributes,
    embedhost,
    embedtoken,
    enginefiles,
    files,
    globalapi,
    hostconfig,
    hublinks,
    ids,
    ignored,
    impersonation,
    jwt,
    jwtsigning,
    leftovers,
    login,
    origins,
    packages,
    placeholders,
    redirectpair,
    references,
    resources,
    secrets,
    serversecrets,
    tenants,
    thencall,
    tokenrequests,
    urls,
    webapp,
)

# The order here is the order of the rule table in the documentation. One line per module: a new concern
# is one more import and one more line here.
MODULES: tuple[ModuleType, ...] = (
    resources,
    tenants,
    placeholders,
    references,
    urls,
    config,
    ids,
    login,
    thencall,
    jwt,
    jwtsigning,
    impersonation,
    tokenrequests,
    redirectpair,
    clientmanaged,
    hublinks,
    enginefiles,
    globalapi,
    secrets,
    serversecrets,
    ignored,
    webapp,
    embed,
    embedattributes,
    embedtoken,
    hostconfig,
    embedhost,
    builds,
    packages,
    csp,
    origins,
    drift,
    leftovers,
    files,
    conflicts,
)
ALL_RULES: tuple[Rule, ...] = tuple(rule for module in MODULES for rule in module.RULES)
BY_ID = {rule.id: rule for rule in ALL_RULES}


# Rules whose errors stand in a committed bundle too: a key it ships is leaked whatever the source says now.
_ERRORS_IN_BUILD_OUTPUT = frozenset({"secret-in-code", "secret-in-file", "conflict-markers", "file-unreadable"})
BUILD_OUTPUT_NOTE = " (in a committed build output: fix the source it is built from, then build again)"


UNLOADED_NOTE = " (in a script no page loads and no code names: the browser never runs it)"


def check_project(project: Project) -> Iterator[Finding]:
    """Every finding for one project; its facts are extracted once and shared by every rule. An error in a
    bundle the project's build emitted beside its sources (:mod:`mashup_gen.source.buildoutput`) is a warning:
    the source holds the line to change, and its own finding is the error. So is an error in a script of an
    unbundled project that no page loads and nothing names (:func:`~mashup_gen.checker.facts.liveness.
    unloaded_script`): it never runs, unless something outside the project loads it."""
    facts = facts_of(project)
    built: frozenset[str] | None = None  # found at the first error that may be in one: most projects have none
    unloaded: frozenset[str] | None = None
    for module in MODULES:
        for finding in module.check(project, facts):
            if finding.severity is Severity.ERROR and finding.rule not in _ERRORS_IN_BUILD_OUTPUT:
                if built is None:
                    built = _build_outputs(project)
                    unloaded = _unloaded_scripts(project)
                note = BUILD_OUTPUT_NOTE if finding.path in built else None
                if note is None and unloaded and finding.path in unloaded:
                    note = UNLOADED_NOTE
                if note is not None:
                    finding = dataclasses.replace(finding, severity=Severity.WARNING, message=finding.message + note)
            yield finding


def _unloaded_scripts(project: Project) -> frozenset[str]:
    """The display paths of the scripts of an unbundled project that no page loads and nothing names."""
    from mashup_gen.checker.facts.liveness import unloaded_script

    return frozenset(unit.file.display for unit in project.units if unloaded_script(project, unit))


def _build_outputs(project: Project) -> frozenset[str]:
    """The display paths of the scripts a bundler emitted from the sources beside them
    (dist/main.3f2a1b9c.js next to package.json)."""
    from mashup_gen.source.buildoutput import is_build_output

    return frozenset(
        unit.file.display
        for unit in project.units
        if unit.script.offset == 0
        and unit.file.path.suffix.lower() not in (".html", ".htm")  # an inline script belongs to its page
        and is_build_output(unit.file.path, unit.file.text)
    )


def markdown_table(rules: tuple[Rule, ...] = ALL_RULES) -> str:
    """The rule table of the README: id, severity, what is wrong, how to fix it."""
    lines = ["| id | severity | what is wrong | how to fix it |", "|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| `{rule.id}` | {rule.severity.value} | {_cell(rule.title)} | {_cell(rule.fix)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # Markdown renders inline HTML: a literal <tenant> would vanish; a | would split the cell.
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
