"""Fault injection: ``regenerate`` SIGKILLed at every write, then run again, ends exactly like a clean run.

The child process runs the real command line with ``os.replace`` and ``os.unlink`` wrapped (the commit
point of every atomic write, and every deletion) so that it kills itself with SIGKILL just before or just
after the Nth of them. Nothing in the package knows about this: the patching happens in the child only.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mashup_gen import catalog
from mashup_gen.record import load
from tests.cli_support import cli
from tests.regen_support import (
    NEW_TENANT,
    NEW_WEB_INTEGRATION_ID,
    TENANT,
    copy_template,
    make_project,
    snapshot,
    upgrade_template,
)

CHILD = textwrap.dedent(
    """
    import os, signal, sys

    limit, when, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    count = 0

    def counted(real):
        def wrapper(*a, **k):
            global count
            count += 1
            if when == "before" and count == limit:
                os.kill(os.getpid(), signal.SIGKILL)
            result = real(*a, **k)
            if when == "after" and count == limit:
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        return wrapper

    os.replace = counted(os.replace)
    os.unlink = counted(os.unlink)
    sys.argv = ["mashup-gen", *args]
    from mashup_gen.__main__ import run
    run()
    """
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two projects from a template that is then upgraded, one of them edited every which way."""
    root = tmp_path_factory.mktemp("crash")
    template = copy_template(root / "template")
    info = catalog.find(str(template))
    tree = root / "pristine"
    edited = make_project(tree / "edited", template=info)
    index = edited / "index.html"
    index.write_text(index.read_text().replace("<title>Sales</title>", "<title>Sales (ours)</title>"))
    js = edited / "mashup.js"
    js.write_text("// ours\n" + js.read_text())
    (edited / "README.md").unlink()
    (edited / "lib").mkdir()
    (edited / "lib" / "api.js").write_text(f"const BASE = 'https://{TENANT}/api/v1';\n")
    make_project(tree / "plain", template=info)
    upgrade_template(template)
    return tree


ARGS = ["regenerate", "--recursive", "--tenant", NEW_TENANT, "--web-integration-id", NEW_WEB_INTEGRATION_ID,
        "--set", "title=Revenue"]  # fmt: skip


def run_in_process(tree: Path) -> int:
    return cli(*ARGS, str(tree)).exit_code


def run_killed(tree: Path, limit: int, when: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(limit), when, *ARGS, str(tree)], capture_output=True, text=True, timeout=60
    )
    return done.returncode


@pytest.fixture(scope="module")
def clean(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, bytes]]:
    tree = tmp_path_factory.mktemp("clean") / "tree"
    shutil.copytree(pristine, tree)
    status = run_in_process(tree)
    return status, snapshot(tree)


def test_clean_run_is_what_we_expect(clean: tuple[int, dict[str, bytes]]) -> None:
    status, files = clean
    assert status == 1  # the edited title conflicts with --set title=Revenue
    assert b"<<<<<<< yours\n  <title>Sales (ours)</title>\n" in files["edited/index.html"]
    assert "edited/README.md" not in files and "edited/mashup.css" not in files
    assert files["edited/lib/api.js"] == f"const BASE = 'https://{NEW_TENANT}/api/v1';\n".encode()
    assert "plain/config/tenant.js" in files


@pytest.mark.parametrize("when", ["before", "after"])
def test_killed_at_every_write_then_rerun_matches_a_clean_run(
    when: str, pristine: Path, clean: tuple[int, dict[str, bytes]], tmp_path: Path
) -> None:
    clean_status, clean_files = clean
    old_records = {name: (pristine / name / ".mashup-gen.json").read_bytes() for name in ("edited", "plain")}
    killed = 0
    for limit in range(1, 100):
        tree = tmp_path / f"{when}-{limit}"
        shutil.copytree(pristine, tree)
        status = run_killed(tree, limit, when)
        if status != -signal.SIGKILL:
            assert status == clean_status  # ran to the end: every write point has been tried
            break
        killed += 1
        # At the moment of the kill, each record is whole and describes its files: the old state, the old
        # state plus a journal of the run in progress, or the new state.
        for name, old in old_records.items():
            record_bytes = (tree / name / ".mashup-gen.json").read_bytes()
            record = load(tree / name)
            assert record_bytes in (old, clean_files[f"{name}/.mashup-gen.json"]) or (
                record.pending is not None and record.answers["tenant"] == TENANT
            )
        assert run_in_process(tree) == clean_status
        assert snapshot(tree) == clean_files, f"killed {when} write {limit}"
    assert killed >= 12  # two records twice each, plus the files: the loop really did kill at each write
