"""Running generated page scripts under node with stand-in browser APIs (see jsrun.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

HARNESS = Path(__file__).with_name("jsrun.js")


def node() -> str:
    """The node executable; tests that need it skip when it is missing (CI installs it)."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed")
    return found


def run_script(*paths: Path, **options: Any) -> dict[str, Any]:
    """Execute ``paths`` in order in one stand-in window with ``options`` (see jsrun.js); return what they did."""
    done = subprocess.run(
        [node(), str(HARNESS), json.dumps(options), *map(str, paths)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def page_scripts(page: Path) -> list[Path]:
    """The page's own scripts (local ``<script src>``), in the order the browser runs them."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    sources = [tag["src"] for tag in soup.find_all("script", src=True)]
    return [page.parent / src for src in sources if "://" not in src and not src.startswith("//")]


def run_page(page: Path, **options: Any) -> dict[str, Any]:
    """Run the page's own scripts as the browser would (its tenant scripts are stood in for by jsrun.js)."""
    return run_script(*page_scripts(page), **options)
