"""The rules ``check`` applies, one module per concern. Each exposes ``RULES`` (its rule definitions, whose
ids are stable) and a ``check`` function yielding findings."""

from __future__ import annotations

from collections.abc import Iterator

from mashup_gen.check.facts import facts_of
from mashup_gen.check.findings import Finding, Rule
from mashup_gen.check.project import Project
from mashup_gen.check.rules import (
    config,
    csp,
    drift,
    embed,
    files,
    ids,
    leftovers,
    login,
    origins,
    resources,
    secrets,
    tenants,
    webapp,
)

# Rule order here is the order of the rule table in the documentation.
_MODULES = (resources, tenants, config, ids, login, secrets, webapp, embed, csp, origins, drift, leftovers, files)
ALL_RULES: tuple[Rule, ...] = tuple(rule for module in _MODULES for rule in module.RULES)
BY_ID = {rule.id: rule for rule in ALL_RULES}


def check_project(project: Project) -> Iterator[Finding]:
    """Every finding for one project."""
    facts = facts_of(project)
    for module in (resources, tenants, config, ids, login, secrets, webapp, embed, csp, drift):
        yield from module.check(project, facts)
    yield from origins.check(project)
    yield from leftovers.check(project)
    yield from files.check(project)
