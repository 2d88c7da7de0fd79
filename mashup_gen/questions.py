"""Asking for answers on a terminal (``mashup-gen new``), and checking a value as a user types it.

The questions are asked in the declared order of :data:`mashup_gen.answers.ANSWERS` (the values a mashup
cannot work without first, then what it shows, then the rest), followed by any other question the template
has, in its own order. A template may ask for only some of them. Required values are never offered a
default: the placeholders a template's ``cookiecutter.json`` holds for plain ``cookiecutter`` use would write
a project that cannot work.
Answers typed as a list (objects, origins) are space-separated, in the form the command-line option takes;
a web app's dimensions and measures are one line their checkers split (expressions hold spaces and commas).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import click


def order(keys: Iterable[str]) -> list[str]:
    """``keys`` (a template's questions) in asking order: the declared answers first, then the rest."""
    from mashup_gen.answers import order as declared_order

    return declared_order(keys)


def check_typed(key: str, value: Any) -> Any:
    """Check one answer as typed (an option's value or values, a ``--set`` value, a prompt's text).

    A list answer given as one string is split on spaces. Warnings are printed to stderr; a bad value raises
    :class:`~mashup_gen.errors.InvalidValue` for the caller to report with the option's name.
    """
    from mashup_gen.answers import BY_KEY, check_answer

    answer = BY_KEY.get(key)
    if isinstance(value, str) and answer is not None and answer.many and not answer.is_list:
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
    from mashup_gen.answers import BY_KEY

    answer = BY_KEY.get(key)
    if answer is not None:
        return answer.label
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


def ask_folder(default: str, force: bool) -> Path:
    """Ask where to write the project until the answer is a usable destination (new, or empty unless ``force``)."""
    from mashup_gen.errors import InvalidValue
    from mashup_gen.generate import check_destination

    def check(typed: str) -> Path:
        dest = Path(typed.strip()).expanduser()
        if not typed.strip():
            raise click.UsageError("expected a folder name")
        try:
            check_destination(dest, force)
        except InvalidValue as exc:
            raise click.UsageError(str(exc)) from None
        return dest

    result: Path = click.prompt("Project folder", default=default, value_proc=check)
    return result
