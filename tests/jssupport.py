"""Running a generated mashup.js under node with stand-in browser APIs (see jsrun.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HARNESS = Path(__file__).with_name("jsrun.js")


def node() -> str:
    """The node executable; tests that need it skip when it is missing (CI installs it)."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed")
    return found


def run_script(path: Path, **options: Any) -> dict[str, Any]:
    """Execute ``path`` with ``options`` (see jsrun.js) and return what it did."""
    done = subprocess.run(
        [node(), str(HARNESS), str(path), json.dumps(options)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
