"""Web integration ids written in the code: well-formed, and one per project."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from mashup_gen.answers import WEB_INTEGRATION_ID
from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.facts.alternatives import chosen_at_run_time, stage_files
from mashup_gen.checker.facts.liveness import unused_module
from mashup_gen.checker.facts.placeholders import documentation_template, is_placeholder
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place

INVALID = Rule(
    "web-integration-id-invalid",
    Severity.ERROR,
    "A web integration id is empty or has characters Qlik's ids never have (a placeholder left in?).",
    "Copy the id from Management Console > Integrations > Web (32 letters, digits, '-' and '_').",
)
LENGTH = Rule(
    "web-integration-id-length",
    Severity.WARNING,
    "A web integration id does not have the 32 characters Qlik's ids have.",
    "Check it against Management Console > Integrations > Web.",
)
MIXED = Rule(
    "web-integration-id-mixed",
    Severity.ERROR,
    "The project uses more than one web integration id.",
    "Use one id everywhere: the web integration that allowlists the page's origin.",
)
RULES = (INVALID, LENGTH, MIXED)


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """Findings about the ids' form, and about several ids in a project without a record."""
    valid: list[str] = []
    units = {id(unit.file): unit for unit in project.units if unit.script.offset == 0}
    for mention in facts.id_mentions:
        value = mention.value
        unit = units.get(id(mention.place.file))
        if unit is not None and unused_module(project, unit):
            continue  # a module the bundle does not hold (config.example.js): its id is used nowhere
        if not value and _config_key(mention.place):
            continue  # an empty webIntegrationId in a config object is the placeholder rule's to judge (or not)
        if not value or not WEB_INTEGRATION_ID.match(value):
            if value and is_placeholder(value) and documentation_template(facts, mention.place.file):
                continue  # <WEB_INTEGRATION_ID> in a docs/ example: the reader's to fill in
            yield at_place(INVALID, mention.place, f"{value!r} is not a web integration id")
            continue
        if is_placeholder(value):
            continue  # the placeholder rule names it
        valid.append(value)
        if len(value) != 32:
            yield at_place(LENGTH, mention.place, f"web integration id {value!r} has {len(value)} characters, not 32")
    if project.record is not None or len(set(valid)) < 2:
        return  # with a record, drift names the expected id
    main, _ = Counter(valid).most_common(1)[0]
    # One id per deployment stage, in a table the code picks from at run time, is no mix-up.
    pairs = [(m.place, m.value) for m in facts.id_mentions]
    chosen = chosen_at_run_time(facts, pairs) | stage_files(pairs, main)
    for n, mention in enumerate(facts.id_mentions):
        if n in chosen:
            continue
        if mention.value != main and WEB_INTEGRATION_ID.match(mention.value) and not is_placeholder(mention.value):
            yield at_place(
                MIXED,
                mention.place,
                f"web integration id {mention.value!r} differs from {main!r}, used elsewhere in the project",
                f"Use {main!r} here too (or the id of the web integration you mean, everywhere).",
            )


def _config_key(place: Place) -> bool:
    """True when the literal at ``place`` is the value of a ``webIntegrationId`` key (not a header's)."""
    before = place.file.text[max(0, place.start - 40) : place.start]
    return re.search(r"webIntegrationId[\"']?\s*:\s*$", before.rstrip("\"'`")) is not None
