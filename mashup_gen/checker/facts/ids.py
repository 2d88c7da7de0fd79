"""Web integration ids written as literals: config and header values, URL parameters, data attributes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.model import IdMention, Place
from mashup_gen.checker.facts.patterns import HEADER, ID_NAME, ID_PARAM
from mashup_gen.checker.facts.strings import string_place
from mashup_gen.checker.js import IDENT, STRING, TEMPLATE

if TYPE_CHECKING:
    from mashup_gen.checker.facts import Facts
    from mashup_gen.checker.project import Unit


def id_mentions(facts: Facts) -> list[IdMention]:
    """Every web integration id written as a literal: config and header values, URL parameters,
    ``data-web-integration-id``, and variables named like one."""
    mentions: list[IdMention] = []
    for unit in facts.project.units:
        script = unit.script
        tokens = script.tokens
        count = len(tokens)
        for i, sep, value_index in script.assigned_literals((":", "=", ",")):
            token = tokens[i]
            key = script.text(i) if token.kind == IDENT else script.string_value(i)
            if key and token.kind == STRING:
                key = key.lower()  # a header name: Qlik-Web-Integration-ID is the same header
            if not (
                (sep == ":" and key in ("webIntegrationId", HEADER))
                or (sep == "=" and token.kind == IDENT and ID_NAME.match(key or ""))
                or (sep == "," and key == HEADER)  # setRequestHeader / headers.set
            ):
                continue
            if not (
                value_index + 1 >= count
                or script.is_punct(value_index + 1, ",")
                or script.is_punct(value_index + 1, "}")
                or script.is_punct(value_index + 1, ";")
                or script.is_punct(value_index + 1, ")")
            ):
                continue
            value = script.string_value(value_index)
            if value is None or is_dynamic(value):
                continue
            mentions.append(IdMention(string_place(unit, value_index), value))
    for unit, index, value in facts.strings:
        if "qlik-web-integration-id=" in value:
            place = string_place(unit, index)
            raw = unit.file.text[place.start : place.end]
            for m in ID_PARAM.finditer(raw):
                if m.group(1):
                    mentions.append(
                        IdMention(Place(unit.file, place.start + m.start(1), place.start + m.end(1)), m.group(1))
                    )
    known = {(id(m.place.file), m.place.start) for m in mentions}
    for unit in facts.project.units:  # const MY_ID = "..." sent as the header or the URL parameter elsewhere
        if HEADER not in unit.script.code.lower():
            continue
        for name in _sent_names(unit):
            defined = declared_literal(facts, unit, name)
            # An empty one may be the cookie sign-in's id left out beside an OAuth sign-in: not judged.
            if defined is not None and defined[1].strip() and (id(defined[0].file), defined[0].start) not in known:
                known.add((id(defined[0].file), defined[0].start))
                mentions.append(IdMention(*defined))
    for value in facts.travelled:  # export const ID = "..." used as webIntegrationId: ID elsewhere
        # Env files are left out: .env and .env.production may hold two tenants' ids by design.
        if value.what == "web integration id" and value.qlik and not value.env and not is_dynamic(value.value):
            if (id(value.defined.file), value.defined.start) not in known and value.value.strip():
                known.add((id(value.defined.file), value.defined.start))
                mentions.append(IdMention(value.defined, value.value))
    for page, tag, name in facts.attributes:
        attribute = tag.attributes[name]
        if name == "data-web-integration-id" and not is_dynamic(attribute.value):
            mentions.append(IdMention(Place(page.file, attribute.start, attribute.end), attribute.value))
        elif "qlik-web-integration-id=" in attribute.value:
            raw = page.file.text[attribute.start : attribute.end]
            for m in ID_PARAM.finditer(raw):
                if m.group(1):
                    place = Place(page.file, attribute.start + m.start(1), attribute.start + m.end(1))
                    mentions.append(IdMention(place, m.group(1)))
    return mentions


# `qlik-web-integration-id=${name}` in a template: the parameter's value is the name's.
_PARAM_NAME = re.compile(r"qlik-web-integration-id=\$\{\s*([A-Za-z_$][\w$]*)\s*\}")


def _sent_names(unit: Unit) -> list[str]:
    """The names whose values ``unit`` sends as the web integration id: a header's value
    (``'qlik-web-integration-id': ID``, ``setRequestHeader('qlik-web-integration-id', ID)``) or the URL
    parameter's (`` `...qlik-web-integration-id=${ID}` ``, ``'...qlik-web-integration-id=' + ID``)."""
    script = unit.script
    tokens = script.tokens
    names = []
    # Only literals can say it: the script's non-empty string and template literals, in order (an empty one
    # says nothing), read once per script for several facts, instead of a step for every token.
    for i, value in script.string_values:
        token = tokens[i]
        if token.kind == STRING:
            text = value
            if text.lower() == HEADER and (script.is_punct(i + 1, ":") or script.is_punct(i + 1, ",")):
                at = i + 2
            elif text.endswith("qlik-web-integration-id=") and script.is_punct(i + 1, "+"):
                at = i + 2
            else:
                continue
            if at < len(tokens) and tokens[at].kind == IDENT and not script.is_punct(at + 1, "."):
                if not script.is_punct(at + 1, "(") and not script.is_punct(at + 1, "["):
                    names.append(script.text(at))
        elif token.kind == TEMPLATE and "qlik-web-integration-id=${" in script.text(i):
            names.extend(m.group(1) for m in _PARAM_NAME.finditer(script.text(i)))
    return names


def declared_literal(facts: Facts, unit: Unit, name: str) -> tuple[Place, str] | None:
    """Where ``name`` is declared as one string literal (``const ID = "..."``) as ``unit`` sees it, and that
    string: ``unit``'s own declaration, the default export it imports, or a classic script's global (a page's
    scripts share them) when neither file is a module. A name ``unit`` takes as a parameter or a component's
    prop is not another file's variable of the same name."""
    from mashup_gen.checker.facts.strings import default_import

    entry = None
    own = unit.script.declarations.get(name)
    if own is not None:
        entry = unit, own
    else:
        entry = default_import(facts, unit, name)
        if entry is None and _classic(unit):
            other = facts.declarations.get(name)
            entry = other if other is not None and _classic(other[0]) else None
    if entry is None:
        return None
    owner, (start, end) = entry
    script = owner.script
    if end - start != 1 or script.tokens[start].kind != STRING:
        return None
    if start < 3 or script.text(start - 3) not in ("const", "let", "var"):
        return None  # a parameter's default (appId = ''), or a destructured one: the caller's value comes first
    value = script.string_value(start)
    if value is None or is_dynamic(value):
        return None
    return string_place(owner, start), value


def _classic(unit: Unit) -> bool:
    """True for a plain script (no import or export, a .js file or a page's inline script): its top-level
    names are the page's globals."""
    code = unit.script.code
    suffix = unit.file.path.suffix.lower()
    return suffix in (".js", ".html", ".htm") and not re.search(r"(?m)^\s*(?:import|export)\b", code)
