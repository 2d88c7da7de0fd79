"""Qlik packages a project depends on that Qlik has retired. ``@qlik/sdk``, the TypeScript Platform SDK, was
deprecated on 2024-05-25 and reached its end of life on 2025-03-27 (qlik.dev changelog 88; npm marks every
version deprecated): it still talks to Qlik Cloud, but gets no fix when the tenant's APIs or sign-in change.
Its replacement is ``@qlik/api``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from mashup_gen.checker.facts import Facts, Place
from mashup_gen.checker.findings import Finding, Rule, Severity
from mashup_gen.checker.project import Project
from mashup_gen.checker.rules.base import at_place
from mashup_gen.source.bundlers import DEPENDENCY_KEYS

SDK_DEPRECATED = Rule(
    "sdk-deprecated",
    Severity.WARNING,
    "The project uses @qlik/sdk, Qlik's TypeScript Platform SDK: deprecated in May 2024 and past its end of life "
    "since March 2025, it gets no fix when Qlik Cloud's APIs or sign-in change.",
    "Move to @qlik/api (npm install @qlik/api): auth.setDefaultHostConfig({ host, authType, clientId, ... }) "
    "replaces new Qlik(config), and its REST and engine modules replace qlik.rest and qlik.apps.",
)
RULES = (SDK_DEPRECATED,)

PACKAGE = "@qlik/sdk"
_ENTRY = re.compile(r'"@qlik/sdk"\s*:')
# The package's own name as an import: "@qlik/sdk", "@qlik/sdk/..." or a CDN URL of it (".../npm/@qlik/sdk@0.28").
_IMPORTED = re.compile(r"(?:^|/)@qlik/sdk(?:$|[/@])")


def check(project: Project, facts: Facts) -> Iterator[Finding]:
    """``@qlik/sdk`` where it is declared (each package.json that lists it), else where code imports it."""
    declared = False
    for file in project.data_files:
        if file.path.name != "package.json" or PACKAGE not in file.text:
            continue
        try:
            manifest = json.loads(file.text)
        except ValueError:
            continue
        if not isinstance(manifest, dict) or not any(
            isinstance(manifest.get(key), dict) and PACKAGE in manifest[key] for key in DEPENDENCY_KEYS
        ):
            continue
        entry = _ENTRY.search(file.text)
        if entry is not None:
            declared = True
            yield at_place(SDK_DEPRECATED, Place(file, entry.start(), entry.end()), _message(f"{file.display} lists"))
    if declared:
        return  # the manifest is where the change is made; every import of it follows
    for unit in project.units:
        if PACKAGE not in unit.script.code or unit.syntax is None:
            continue
        for found in unit.syntax.imports:
            if _IMPORTED.search(found.source):
                place = Place(unit.file, found.start, found.end)  # facts' offsets are the file's
                yield at_place(SDK_DEPRECATED, place, _message("this module imports"))
                break  # one finding per module


def _message(who: str) -> str:
    return f"{who} {PACKAGE}, deprecated by Qlik (end of life March 2025): move to @qlik/api"
