"""The app step of adoption: the app given with ``--app-id`` where the code opens an app, read from the files'
syntax trees: ``qlik.openApp`` (the capability API), ``global.openDoc`` (enigma.js) and the ``app-id`` of
qlik-embed elements (HTML attributes, JSX props, ``setAttribute``). An argument or prop that is a variable or a
config property (``app-id={APP}``) is followed to the literal it was declared with: the app id changes there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from mashup_gen.adopt.edits import js_literal
from mashup_gen.adopt.mentions import is_dynamic
from mashup_gen.source.places import Literal, literal_value
from mashup_gen.source.statics import IDENTIFIER, declaration

if TYPE_CHECKING:
    from mashup_gen.adopt.planning import Planner
    from mashup_gen.checker.scan import SourceFile

# Where qlik-embed takes the app: its element's attribute, a JSX prop, setAttribute("app-id", ...).
_APP_ATTRIBUTES = frozenset({"app-id", "appid", "data-app-id"})
_MEMBER = re.compile(r"([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]*)")


def open_app(planner: Planner) -> None:
    """Write the app id given with ``--app-id`` where the code opens an app. Without ``--app-id``, an app
    named by something other than an app id (a ``.qvf`` file name) is listed for the author."""
    for source in planner.script_files():
        found = planner.places(source)
        for call in found.calls:
            if call.name in ("openApp", "openDoc") and call.arguments:
                place = _app_id_place(planner, source, *call.arguments[0])
                if place is not None:
                    what = f"{'qlik.' if call.name == 'openApp' else ''}{call.name}({place[2]!r})"
                    _set_app_id(planner, source, *place, what, js_literal)
        for prop in found.props:
            if "qlik" in prop.element.lower() and prop.name.lower() in _APP_ATTRIBUTES:
                place = _app_id_place(planner, source, prop.start, prop.end, prop.text)
                if place is not None:
                    _set_app_id(planner, source, *place, f"{prop.name}={{{prop.text}}}", js_literal)
        for index, literal in enumerate(found.literals):
            if _names_an_app(literal, found.literals[index - 1] if index else None):
                quote = "" if literal.quoted else '"'  # an unquoted attribute gets quotes, as the id does
                what = f"app-id {literal.value!r}"
                _set_app_id(
                    planner, source, literal.start, literal.end, literal.value, what, lambda v, q=quote: f"{q}{v}{q}"
                )


def _names_an_app(literal: Literal, previous: Literal | None) -> bool:
    """True when a literal is the whole app id of a qlik-embed element."""
    if not literal.whole:
        return False
    if literal.kind == "attribute":
        return "qlik" in literal.element and literal.name in _APP_ATTRIBUTES
    if literal.kind == "jsx-attribute":
        return "qlik" in literal.element.lower() and literal.name.lower() in _APP_ATTRIBUTES
    return (
        literal.name == "setAttribute#1"
        and previous is not None
        and previous.name == "setAttribute#0"
        and previous.value in ("app-id", "appId")
    )


def _set_app_id(
    planner: Planner, source: SourceFile, start: int, end: int, value: str, what: str, write: Callable[[str], str]
) -> None:
    from mashup_gen.answers import APP_ID

    if is_dynamic(value):
        return  # computed by a server template or framework: not a value to judge
    if planner.app_id is None:
        if not APP_ID.match(value.lower()):
            line, _ = source.position(start)
            planner.adoption.manual.append(f"{source.display}:{line}: {what}: pass --app-id with the app's id")
    elif value != planner.app_id and planner.file_edits(source).add(start, end, write(planner.app_id)):
        planner.note(f"the app opened: {planner.app_id}")


def _app_id_place(planner: Planner, source: SourceFile, start: int, end: int, text: str) -> tuple[int, int, str] | None:
    """The string literal holding the app id passed as the argument ``text`` at ``[start, end)``: the argument
    itself, the literal a variable (``appId``) or an object's property (``config.appId``) was declared with;
    ``(start, end, value)`` of the whole literal, or None."""
    trees = planner.trees(source)
    if IDENTIFIER.fullmatch(text):
        declared = declaration(trees, start, text)
        if declared is None:
            return None
        start, end, text = declared
    elif _MEMBER.fullmatch(text):
        owner, key = (part.strip() for part in text.split("."))
        declared = declaration(trees, start, owner)
        obj = planner.places(source).objects.get(declared[0]) if declared else None
        prop = obj.get(key) if obj else None
        if prop is None or prop.shorthand:
            return None
        start, end, text = prop.start, prop.end, prop.text
    value = literal_value(text)
    return (start, end, value) if isinstance(value, str) and text[:1] in "\"'`" else None
