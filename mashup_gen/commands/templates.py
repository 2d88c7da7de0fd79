"""``mashup-gen templates``: the built-in templates and what each asks."""

from __future__ import annotations

import click


@click.command()
def templates() -> None:
    """List the built-in templates and the values each asks for."""
    from mashup_gen import catalog
    from mashup_gen.answers import OPTION_NAMES, REQUIRED

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
            need = "required" if key in REQUIRED else f"default {info.template.variables[key]!r}"
            if isinstance(info.template.variables[key], dict):
                need = "default " + " ".join(f"{k}={v}" for k, v in info.template.variables[key].items())
            elif isinstance(info.template.variables[key], list) and info.template.variables[key]:
                need = f"default {info.template.variables[key][0]!r}"  # a list default is its first item
            click.echo(f"  {option:<24} {prompts.get(key, key)} ({need})")
