"""The command line: parses, calls one function, prints. Commands live in ``mashup_gen.commands``.

This module is the one place where exceptions become messages and exit statuses (0 / 1 / 2 / 130), on
click's own machinery: :class:`Command` turns mashup-gen's errors into click's (so a bad value is a usage
error naming its option, with the command's usage line), and :meth:`Group.main` turns everything into an
exit status. Commands return an :class:`~mashup_gen.errors.ExitStatus` (or nothing for 0) and never exit.

Only click is imported here; each command module is imported when that command runs (or when ``--help``
lists it), and each imports its heavy modules inside the command, so ``mashup-gen --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

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

# Set to 1 to see the traceback of an unexpected error instead of the one-line report.
DEBUG_VARIABLE = "MASHUP_GEN_DEBUG"


class Command(click.Command):
    """A command whose mashup-gen errors become click's, with the command's context (usage line, hint)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from mashup_gen.errors import Error

        try:  # an option's callback checks its value as it is parsed
            return super().parse_args(ctx, args)
        except Error as exc:
            raise as_click_error(exc, ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        from mashup_gen.errors import Error

        try:
            return super().invoke(ctx)
        except Error as exc:
            raise as_click_error(exc, ctx) from None


def as_click_error(exc: Exception, ctx: click.Context | None) -> click.ClickException:
    """The click exception that reports ``exc``: usage errors (exit 2) name the option, others exit 1."""
    from mashup_gen.errors import ExitStatus, InvalidValue, UsageProblem

    if isinstance(exc, InvalidValue):
        option = exc.option or _option_of(exc.answer)
        message = str(exc) if exc.value not in ("", None) else exc.expected
        if option is None:
            return click.UsageError(message, ctx=ctx)
        return click.BadParameter(message, ctx=ctx, param_hint=f"'{option}'")
    if isinstance(exc, UsageProblem):
        return click.UsageError(str(exc), ctx=ctx)
    error = click.ClickException(str(exc))
    error.exit_code = int(getattr(exc, "exit_status", ExitStatus.PROBLEMS))
    return error


def _option_of(answer: str | None) -> str | None:
    if answer is None:
        return None
    from mashup_gen.answers import option_for

    return option_for(answer)


class Group(click.Group):
    """The ``mashup-gen`` group: commands imported on first use, and every outcome made an exit status."""

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

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> int:
        """Run the command line and return its exit status; in standalone mode, exit with it."""
        status = int(self.run(args, prog_name, complete_var, **extra))
        if standalone_mode:
            sys.exit(status)
        return status

    def run(self, args: Sequence[str] | None, prog_name: str | None, complete_var: str | None, **extra: Any) -> int:
        """Run; every outcome is an exit status and at most a message (a traceback only with the debug variable)."""
        from mashup_gen.errors import Error, ExitStatus

        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:  # --help, --version
            return exc.exit_code
        except click.ClickException as exc:
            exc.show()
            return exc.exit_code
        except click.exceptions.Abort as exc:
            # click's prompts turn Ctrl-C and end-of-input alike into Abort; only Ctrl-C is an interruption.
            interrupted = isinstance(exc.__context__, KeyboardInterrupt)
            click.echo("Aborted.", err=True)
            return ExitStatus.INTERRUPTED if interrupted else ExitStatus.PROBLEMS
        except KeyboardInterrupt:
            click.echo("Aborted.", err=True)
            return ExitStatus.INTERRUPTED
        except Error as exc:  # raised outside a command (the group's own code)
            as_click_error(exc, None).show()
            return int(exc.exit_status)
        except OSError as exc:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            from mashup_gen.errors import os_error_message

            click.echo(f"Error: {os_error_message(exc)}", err=True)
            return ExitStatus.PROBLEMS
        except Exception as exc:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            click.echo(
                f"mashup-gen: internal error: {type(exc).__name__}: {exc}\n"
                f"Please report it; set {DEBUG_VARIABLE}=1 to see the details.",
                err=True,
            )
            return ExitStatus.PROBLEMS
        if result is None:
            return ExitStatus.OK
        return int(result)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mashup-gen")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Generate, re-target and check Qlik Cloud mashups.

    Exit status: 0 success; 1 the command ran and found problems (check findings, merge conflicts);
    2 bad usage or bad input (nothing is written); 130 interrupted (Ctrl-C).
    """
    if ctx.obj is None:
        from mashup_gen.environment import Environment

        ctx.obj = Environment.from_system()


def run() -> NoReturn:
    """The ``mashup-gen`` executable and ``python -m mashup_gen``: run, then end the process."""
    exit_process(main.main(prog_name="mashup-gen", standalone_mode=False))


def exit_process(status: int) -> NoReturn:
    """End the process once the command has finished, skipping the interpreter's teardown.

    Tearing down frees every object of every imported module one by one, ~10 ms (an eighth of `new`) that
    the operating system does at once anyway. mashup-gen writes its files with explicit closes and
    registers no exit handlers; what the standard library may hold is flushed here first. A command that
    left a non-daemon thread running gets the ordinary exit, which waits for it.
    """
    import threading

    others = [thread for thread in threading.enumerate() if thread is not threading.main_thread()]
    if any(thread.is_alive() and not thread.daemon for thread in others):
        sys.exit(status)
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or a closed stream: nothing left to say
            pass
    os._exit(status)
