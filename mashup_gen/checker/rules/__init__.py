"""The rules ``check`` applies: one registry, one module per concern.

Every module in :data:`MODULES` exposes ``RULES`` (its rule definitions, whose ids are stable) and
``check(project, facts)`` yielding findings. A new concern is one module added to :data:`MODULES`; the
README's rule table is generated from it (``python -m mashup_gen.checker.rules --markdown``).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

from mashup_gen.checker.facts import facts_of
from mashup_gen.checker.findings import Finding, Rule
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
    files,
    hostconfig,
    ids,
    ignored,
    impersonation,
    jwt,
    leftovers,
    login,
    origins,
    packages,
    placeholders,
    references,
    resources,
    secrets,
    tenants,
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
    jwt,
    impersonation,
    clientmanaged,
    secrets,
    ignored,
    webapp,
    embed,
    embedattributes,
    hostconfig,
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


def check_project(project: Project) -> Iterator[Finding]:
    """Every finding for one project; its facts are extracted once and shared by every rule."""
    facts = facts_of(project)
    for module in MODULES:
        yield from module.check(project, facts)


def markdown_table(rules: tuple[Rule, ...] = ALL_RULES) -> str:
    """The rule table of the README: id, severity, what is wrong, how to fix it."""
    lines = ["| id | severity | what is wrong | how to fix it |", "|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| `{rule.id}` | {rule.severity.value} | {_cell(rule.title)} | {_cell(rule.fix)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # Markdown renders inline HTML: a literal <tenant> would vanish; a | would split the cell.
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
