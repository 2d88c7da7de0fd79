"""The command group: every command listed, and a command that fails to import is reported, not hidden."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from mashup_gen.cli import COMMANDS


def test_help_lists_every_command(invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


def test_a_broken_command_module_is_an_internal_error_not_a_missing_command() -> None:
    child = textwrap.dedent(
        """
        import sys
        from mashup_gen import cli
        cli.COMMANDS["broken"] = "mashup_gen.commands.no_such_module:broken"
        sys.argv = ["mashup-gen", *sys.argv[1:]]
        from mashup_gen.__main__ import run
        run()
        """
    )
    for args in (["broken"], ["--help"]):
        done = subprocess.run([sys.executable, "-c", child, *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert "mashup-gen: internal error: ModuleNotFoundError" in done.stderr
        assert "no_such_module" in done.stderr and "Traceback" not in done.stderr
