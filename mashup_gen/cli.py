"""The command line: parses, calls one function, prints. Commands live in ``mashup_gen.commands``.

Only click is imported here; each command module is imported when that command runs (or when ``--help``
lists it), and each imports its heavy modules inside the command, so ``mashup-gen --help`` stays fast.
"""

from __future__ import annotations

import importlib

import click

from mashup_gen import __version__

# name -> "module:attribute"; the order is the order --help lists them in.
COMMANDS = {
    "new": "mashup_gen.commands.new:new",
    "regenerate": "mashup_gen.commands.regenerate:regenerate",
    "check": "mashup_gen.commands.check:check",
    "adopt": "mashup_gen.commands.adopt:adopt",
    "serve": "mashup_gen.commands.serve:serve",
    "templates": "mashup_gen.commands.templates:templates",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        # A module that fails to import is a bug to report (the internal-error line), never a missing command.
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mashup-gen")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Generate, re-target and check Qlik Cloud mashups.

    Exit status: 0 success; 1 the command ran and found problems (check findings, merge conflicts);
    2 bad usage or bad input (nothing is written).
    """
    if ctx.obj is None:
        from mashup_gen.environment import Environment

        ctx.obj = Environment.from_system()
