"""Secrets in code the browser loads: API keys (JSON Web Tokens), bearer tokens, and long values of
variables named like a key, token or password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mashup_gen.check.facts.model import Place, Secret
from mashup_gen.check.facts.patterns import BEARER, JWT, SECRET_NAME
from mashup_gen.check.facts.strings import string_place
from mashup_gen.check.js import IDENT, STRING, TEMPLATE

if TYPE_CHECKING:
    from mashup_gen.check.facts import Facts


def secrets(facts: Facts) -> list[Secret]:
    """API keys and bearer tokens written into code the browser loads."""
    found: list[Secret] = []
    seen: set[tuple[int, int]] = set()

    def add(place: Place, kind: str, value: str) -> None:
        key = (id(place.file), place.start)
        if key not in seen:
            seen.add(key)
            found.append(Secret(place, kind, value[:8] + "..."))

    for unit, index, value in facts.strings:
        place = string_place(unit, index)
        for m in JWT.finditer(value):
            add(Place(place.file, place.start + m.start(), place.start + m.end()), "jwt", m.group())
        for m in BEARER.finditer(value):
            add(Place(place.file, place.start + m.start(1), place.start + m.end(1)), "bearer", m.group(1))
    for unit in facts.project.units:
        script = unit.script
        tokens = script.tokens
        for i in range(len(tokens) - 2):
            if tokens[i].kind not in (IDENT, STRING):
                continue
            name = script.text(i) if tokens[i].kind == IDENT else (script.string_value(i) or "")
            if not SECRET_NAME.match(name) or not (script.is_punct(i + 1, ":") or script.is_punct(i + 1, "=")):
                continue
            if tokens[i + 2].kind not in (STRING, TEMPLATE):
                continue
            value = script.string_value(i + 2) or ""
            if len(value) >= 16 and " " not in value and "${" not in value:
                add(string_place(unit, i + 2), name, value)
    for page in facts.project.pages:
        text = page.file.text
        if "eyJ" not in text:
            continue
        for m in JWT.finditer(text):
            add(Place(page.file, m.start(), m.end()), "jwt", m.group())
    return found
