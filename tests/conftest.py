"""Shared fixtures: a CLI runner, a valid set of answers, and a generated project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mashup_gen.cli import main
from mashup_gen.environment import Environment

TENANT = "acme.eu.qlikcloud.com"
WEB_INTEGRATION_ID = "abcdefghijABCDEFGHIJ0123456789_-"
APP_ID = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"
NEW_ARGS = [
    "--tenant", TENANT,
    "--web-integration-id", WEB_INTEGRATION_ID,
    "--app-id", APP_ID,
    "--object", "kpi=QVwQm",
    "--object", "CurrentSelections",
    "--title", "Sales",
    "--no-input",
]  # fmt: skip


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run the command line in-process; ``tty=True`` pretends stdin and stdout are a terminal."""

    def run(*args: str, input: str | None = None, tty: bool = False, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        obj = Environment(stdin_isatty=tty, stdout_isatty=tty, colors=False)
        return runner.invoke(main, list(args), input=input, obj=obj, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def project(tmp_path: Path, invoke: Callable[..., Result]) -> Path:
    """A freshly generated capability project."""
    dest = tmp_path / "sales"
    result = invoke("new", str(dest), *NEW_ARGS)
    assert result.exit_code == 0, result.output
    return dest
