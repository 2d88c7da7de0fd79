"""``mashup-gen templates``: the built-in templates and what each asks."""

from __future__ import annotations

from typing import Any

import click

from mashup_gen.cli import Command


@click.command(cls=Command)
def templates() -> None:
    """List the built-in templates and the values each asks for, as the options take them."""
    from mashup_gen import catalog

    for name in catalog.builtin_names():
        info = catalog.find(name)
        click.echo(f"{name} {info.version}" + (" (default)" if name == catalog.DEFAULT_TEMPLATE else ""))
        if info.description:
            click.echo(f"  {info.description}")
        variables = info.template.variables
        for key in info.template.questions:
            option, text, need = _describe(key, variables)
            click.echo(f"  {option:<30} {text} ({need})")


def _describe(key: str, variables: dict[str, Any]) -> tuple[str, str, str]:
    """The option (as typed), what the answer is, and whether it is required or its default."""
    from mashup_gen.answers import BY_KEY, LIST_ANSWERS
    from mashup_gen.questions import typed_form

    answer = BY_KEY.get(key)
    raw = variables[key]
    if key == "project_slug":
        return "DEST", "the project's folder", f"default {raw}"
    if answer is None:  # a custom template's own variable
        return f"--set {key}=...", str(variables.get("__prompts__", {}).get(key, key)), _default(raw)
    choices = [str(item) for item in raw] if isinstance(raw, list) and raw and key not in LIST_ANSWERS else None
    metavar = "|".join(choices) if choices else answer.metavar  # this template's own choices
    option = f"{answer.option} {metavar}" if answer.option else f"--set {key}=..."
    need = _need(key, variables.get("auth"))
    if need is None and choices:
        need = f"one of {', '.join(choices)}; default {choices[0]}"
    return option, answer.label, need or _default(typed_form(raw))


def _default(value: Any) -> str:
    return f"default {value}" if value not in ("", None, [], {}) else "default: none"


def _need(key: str, auth_choices: object) -> str | None:
    """ "required", "required with --auth X" (the sign-in decides which id a template needs), or None."""
    from mashup_gen.answers import is_required

    if not isinstance(auth_choices, list):
        return "required" if is_required(key, {}) else None
    needed_with = [str(choice) for choice in auth_choices if is_required(key, {"auth": choice})]
    if not needed_with:
        return None
    return "required" if len(needed_with) == len(auth_choices) else f"required with --auth {' or '.join(needed_with)}"
