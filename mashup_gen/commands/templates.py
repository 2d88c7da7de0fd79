"""``mashup-gen templates``: the built-in templates and what each asks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from mashup_gen.cli import Command


@click.command(cls=Command)
def templates() -> None:
    """List the built-in templates and the values each asks for."""
    from mashup_gen import catalog
    from mashup_gen.answers import OPTION_NAMES, is_required

    for name in catalog.builtin_names():
        info = catalog.find(name)
        click.echo(f"{name} {info.version}" + (" (default)" if name == catalog.DEFAULT_TEMPLATE else ""))
        if info.description:
            click.echo(f"  {info.description}")
        prompts = info.template.variables.get("__prompts__", {})
        for key in info.template.questions:
            option = OPTION_NAMES.get(key, f"--set {key}=...")
            if key == "project_slug":
                option = "DEST"
            raw = info.template.variables[key]
            need = _need(key, info.template.variables.get("auth"), is_required) or f"default {raw!r}"
            if isinstance(raw, list) and raw:
                need = f"one of {', '.join(map(str, raw))}; default {raw[0]}"
            if isinstance(raw, dict):
                need = "default " + " ".join(f"{k}={v}" for k, v in info.template.variables[key].items())
            elif isinstance(info.template.variables[key], list) and info.template.variables[key]:
                need = f"default {info.template.variables[key][0]!r}"  # a list default is its first item
            click.echo(f"  {option:<24} {prompts.get(key, key)} ({need})")


def _need(key: str, auth_choices: object, is_required: Callable[[str, dict[str, Any]], bool]) -> str | None:
    """ "required", "required with --auth X" (the sign-in decides which id a template needs), or None."""
    if not isinstance(auth_choices, list):
        return "required" if is_required(key, {}) else None
    needed_with = [str(choice) for choice in auth_choices if is_required(key, {"auth": choice})]
    if not needed_with:
        return None
    return "required" if len(needed_with) == len(auth_choices) else f"required with --auth {' or '.join(needed_with)}"
