"""Helpers for the `check --online` / `--fix-origins` / `--create-web-integration` tests.

A recognisable API key (tests scan for it), a stand-in tenant that knows it, projects generated against
that tenant, and runs of the installed executable with the key in its environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from standin import Tenant

from tests.cli_support import Invoke, cli_ok

#: A key no output or file may ever hold. Its halves are also looked for (a key cut in a message leaks too).
KEY = "mgTESTKEY-7f3a9c1e5b2d4f6a8c0e1a3b5d7f9b1d"
APP_ID = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"
OTHER_APP = "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"
ORIGIN = "http://localhost:8000"
SECOND_ORIGIN = "https://www.example.com"
EXECUTABLE = shutil.which("mashup-gen", path=str(Path(sys.executable).parent))


def online_tenant() -> Tenant:
    """A stand-in tenant that accepts KEY and holds APP_ID (use it in a ``with``: always stopped)."""
    return Tenant(api_keys=[KEY], apps={APP_ID: ["QVwQm"]})


def new_args(
    dest: Path, tenant_url: str, wid: str, app_id: str = APP_ID, origins: Sequence[str] = (ORIGIN,)
) -> list[str]:
    """Arguments of `mashup-gen new` for a project on the stand-in."""
    args = ["new", str(dest), "--tenant", tenant_url, "--web-integration-id", wid, "--app-id", app_id]
    args += ["--object", "kpi=QVwQm", "--no-input"]
    for origin in origins:
        args += ["--origin", origin]
    return args


def generate(invoke: Invoke, dest: Path, tenant_url: str, wid: str, **kwargs: object) -> Path:
    """Generate a project in-process with ``invoke`` (conftest's fixture); return its folder."""
    cli_ok(*new_args(dest, tenant_url, wid, **kwargs), invoke=invoke)  # type: ignore[arg-type]
    return dest


def set_answers(project: Path, **answers: str) -> None:
    """Change answers in a project's record (as a template with more questions would have written them)."""
    path = project / ".mashup-gen.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["answers"].update(answers)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def key_env(key: str | None = KEY, **extra: str) -> dict[str, str | None]:
    """An environment for CliRunner: the key (None: unset) and no qlik-cli contexts of the real user."""
    return {"QLIK_API_KEY": key, "QLIK_CLI_USER_HOME_DIR": "/nonexistent-mashup-gen-test", **extra}


def run_exe(
    args: Sequence[str], key: str | None = KEY, cwd: Path | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run the installed `mashup-gen` (stdin not a terminal) with the key in QLIK_API_KEY."""
    if EXECUTABLE is None:
        pytest.skip("mashup-gen is not installed in this environment (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k != "QLIK_API_KEY"}
    env.update({k: v for k, v in key_env(key, **extra).items() if v is not None})
    return subprocess.run(
        [EXECUTABLE, *args], capture_output=True, text=True, env=env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=120
    )


def findings(output: str) -> list[dict[str, object]]:
    """The findings of a `--format json` run."""
    return json.loads(output)["findings"]  # type: ignore[no-any-return]


def rules_of(output: str) -> list[str]:
    """The rule ids of a `--format json` run, in report order."""
    return [str(f["rule"]) for f in findings(output)]
