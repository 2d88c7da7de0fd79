"""The one way tests run mashup-gen in-process, and the one way they generate a project through `new`.

conftest's ``invoke`` fixture is :func:`cli`; the installed executable is run by the tests that prove it
(online_support.run_exe, bench), not from here. Projects written without the command line (straight from
an in-memory render) come from regen_support.make_project.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from mashup_gen.cli import main
from mashup_gen.environment import Environment

Invoke = Callable[..., Result]


def cli(
    *args: str,
    input: str | None = None,
    tty: bool = False,
    colors: bool = False,
    env: dict[str, str | None] | None = None,
    catch_exceptions: bool = False,
) -> Result:
    """Run the command line in-process; ``tty=True`` pretends stdin and stdout are a terminal.

    Exceptions other than SystemExit propagate (so a traceback fails the test) unless ``catch_exceptions``.
    """
    obj = Environment(stdin_isatty=tty, stdout_isatty=tty, colors=colors)
    return CliRunner().invoke(main, list(args), input=input, obj=obj, env=env, catch_exceptions=catch_exceptions)


def cli_ok(*args: str, invoke: Invoke = cli) -> Result:
    """Run the command line in-process; fail the test with its output unless it exits 0."""
    result = invoke(*args)
    assert result.exit_code == 0, f"mashup-gen {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    return result


def new_project(dest: Path, *options: str, invoke: Invoke = cli) -> Path:
    """`mashup-gen new DEST OPTIONS...` in-process (pass ``--no-input`` in OPTIONS); fail unless it exits 0.

    Returns ``dest``.
    """
    cli_ok("new", str(dest), *options, invoke=invoke)
    return dest
