"""Shared fixtures: a CLI runner, a valid set of answers, and a generated project.

The helpers behind them are in cli_support (running the CLI, generating with `new`) and paths (where files are).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import settings

from tests.cli_support import cli, new_project

# Hypothesis's default 200 ms deadline per example is a timed assertion: on a loaded machine it fails tests
# whose code is right. No property test here has one; each still bounds its examples (max_examples).
settings.register_profile("mashup-gen", deadline=None)
settings.load_profile("mashup-gen")

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
    """Run the command line in-process (cli_support.cli); ``tty=True`` pretends stdin and stdout are a terminal."""
    return cli


@pytest.fixture
def project(tmp_path: Path, invoke: Callable[..., Result]) -> Path:
    """A freshly generated capability project."""
    return new_project(tmp_path / "sales", *NEW_ARGS, invoke=invoke)
