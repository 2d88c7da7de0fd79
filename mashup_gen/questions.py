"""Asking for answers on a terminal (``mashup-gen new``), and checking a value as a user types it.

The questions are asked in the order of :data:`QUESTIONS` (the values a mashup cannot work without first,
then what it shows, then the rest), followed by any other question the template has, in its own order. A
template may ask for only some of them. Required values are never offered a default: the placeholders a
template's ``cookiecutter.json`` holds for plain ``cookiecutter`` use would write a project that cannot work.
Answers typed as a list (objects, origins) are space-separated, in the form the command-line option takes;
a web app's dimensions and measures are one line their checkers split (expressions hold spaces and commas).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import click


@dataclass(frozen=True)
class Question:
    """How mashup-gen asks for one answer.

    ``label`` is the prompt; ``many`` marks an answer typed as space-separated items, as the repeatable
    option takes them (``--object a=X --object b=Y`` is typed ``a=X b=Y``).
    """

    key: str
    label: str
    many: bool = False


# The asking order, and the labels. A template's other questions follow, labelled by its __prompts__.
QUESTIONS: tuple[Question, ...] = (
    Question("tenant", "Qlik Cloud tenant (such as acme.eu.qlikcloud.com)"),
    # The sign-in comes before the ids: it decides which one a qlik-embed project needs.
    Question("auth", "Sign-in: oauth2 (an OAuth single-page-app client) or cookie (a web integration)"),
    Question("client_id", "OAuth client id (Management Console > Settings > OAuth)"),
    Question("web_integration_id", "Web integration id (Management Console > Integrations > Web)"),
    Question("app_id", "App id (the GUID in the app's URL)"),
    Question(
        "objects",
        "Objects to show, as ELEMENT=OBJECT_ID separated by spaces (CurrentSelections is the selections bar)",
        many=True,
    ),
    # A web app's hypercube; each is typed as one line that its checker splits (expressions hold spaces).
    Question(
        "dimensions",
        "Dimensions: fields to group by, separated by spaces or commas ([Order Date] for a name with spaces)",
    ),
    Question("measures", "Measures: expressions such as Sum(Sales), separated by commas"),
    Question("title", "Page title"),
    Question("origins", "Origins the page is served from, separated by spaces (to allowlist)", many=True),
)
BY_KEY = {question.key: question for question in QUESTIONS}


def order(keys: Iterable[str]) -> list[str]:
    """``keys`` (a template's questions) in asking order: those in :data:`QUESTIONS` first, then the rest."""
    keys = list(keys)
    known = [question.key for question in QUESTIONS if question.key in keys]
    return known + [key for key in keys if key not in BY_KEY]


def check_typed(key: str, value: Any) -> Any:
    """Check one answer as typed (an option's value or values, a ``--set`` value, a prompt's text).

    A list answer given as one string is split on spaces. Warnings are printed to stderr; a bad value raises
    :class:`~mashup_gen.errors.InvalidValue` for the caller to report with the option's name.
    """
    from mashup_gen.answers import check_answer

    question = BY_KEY.get(key)
    if isinstance(value, str) and question is not None and question.many:
        value = value.split()
    checked = check_answer(key, value)
    for warning in checked.warnings:
        click.echo(f"warning: {warning}", err=True)
    return checked.value


def typed_form(value: Any) -> Any:
    """A default as a user would type it: objects as ``ELEMENT=OBJECT_ID ...``, lists comma-separated, never JSON."""
    if isinstance(value, dict):
        return " ".join(f"{element}={object_id}" for element, object_id in value.items())
    if isinstance(value, list):  # dimensions, measures
        return ", ".join(value)
    return value


def label(key: str, prompts: Mapping[str, Any]) -> str:
    """The prompt for ``key``: mashup-gen's own, else the template's ``__prompts__`` entry, else the key."""
    question = BY_KEY.get(key)
    if question is not None:
        return question.label
    return str(prompts.get(key, key))


def ask(key: str, text: str, default: Any = None, choices: list[str] | None = None) -> Any:
    """Ask for one answer until it is valid; ``default`` ``None`` offers none (Enter explains and asks again)."""
    from mashup_gen.errors import InvalidValue

    def check(typed: str) -> Any:
        try:
            return check_typed(key, typed)
        except InvalidValue as exc:
            raise click.UsageError(str(exc)) from None

    shown = typed_form(default)
    if choices:
        return check(click.prompt(text, default=shown, type=click.Choice(choices)))
    # An empty answer is checked too, so Enter on a value without a default says what is expected.
    return click.prompt(text, default="" if shown is None else shown, show_default=bool(shown), value_proc=check)


def ask_folder(default: str) -> str:
    """Ask where to write the project."""
    return str(click.prompt("Project folder", default=default))
