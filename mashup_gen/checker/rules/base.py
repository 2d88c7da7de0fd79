"""Helpers every rule module uses to place its findings."""

from __future__ import annotations

from mashup_gen.checker.facts import Place
from mashup_gen.checker.findings import Finding, Rule
from mashup_gen.checker.project import Page, Tag, Unit


def at_place(rule: Rule, place: Place, message: str, fix: str | None = None) -> Finding:
    """A finding at the start of ``place``."""
    line, column = place.position()
    return rule.at(place.display, line, message, column, fix)


def at_token(rule: Rule, unit: Unit, index: int, message: str, fix: str | None = None) -> Finding:
    """A finding at a token of a script."""
    line, column = unit.position(index)
    return rule.at(unit.file.display, line, message, column, fix)


def at_tag(rule: Rule, page: Page, tag: Tag | None, message: str, fix: str | None = None) -> Finding:
    """A finding at a tag of a page, or at the page's first line when there is no tag to point at."""
    if tag is None:
        return rule.at(page.file.display, 1, message, 1, fix)
    line, column = page.file.position(tag.start)
    return rule.at(page.file.display, line, message, column, fix)
