"""Ordinary operating-system errors are clear messages naming the path (exit 2 or 1), nothing half-written;
a `new` killed mid-way leaves a staging folder that the next run removes (never another live run's)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mashup_gen import generate
from mashup_gen.generate import STAGING_SUFFIX
from tests.conftest import NEW_ARGS


def test_a_dangling_symlink_dest_is_bad_usage(tmp_path: Path, invoke) -> None:
    dest = tmp_path / "p"
    dest.symlink_to(tmp_path / "gone")
    result = invoke("new", str(dest), *NEW_ARGS)
    assert result.exit_code == 2 and "Invalid value for 'DEST'" in result.output
    assert str(tmp_path / "gone") in result.output and "remove the link" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"] and dest.is_symlink()


def test_a_parent_that_cannot_be_written_is_bad_usage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke) -> None:
    # Tests may run as root, whom permissions do not stop: the refusal the OS would give is simulated.
    real_mkdir = os.mkdir

    def refused(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if str(path).endswith(STAGING_SUFFIX):  # the folder a new project is built in, beside DEST
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", refused)
    result = invoke("new", str(tmp_path / "p"), *NEW_ARGS)
    assert result.exit_code == 2
    assert f"{tmp_path}: Permission denied" in result.output and "choose a folder you can write to" in result.output
    assert "nothing was written" in result.output and "internal error" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failing_write", [1, 4])
def test_a_full_disk_is_1_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke, failing_write: int
) -> None:
    real = Path.write_bytes
    calls: list[Path] = []

    def full(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == failing_write:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    result = invoke("new", str(tmp_path / "p"), *NEW_ARGS)
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output and "free some space" in result.output
    assert str(calls[-1]) in result.output and "internal error" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_dest_is_bad_usage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke) -> None:
    dest = tmp_path / "p"
    dest.mkdir()

    def refused(self: Path) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refused)
    result = invoke("new", str(dest), *NEW_ARGS)
    assert result.exit_code == 2 and "'DEST'" in result.output and "Permission denied" in result.output


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    return child.pid


def _staging(parent: Path, name: str, pid: int, tag: str) -> Path:
    folder = parent / f".{name}.{pid}.{tag}{generate.STAGING_SUFFIX}"
    folder.mkdir()
    (folder / "index.html").write_text("half")
    return folder


def test_only_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    dead = _staging(tmp_path, "p", _dead_pid(), "dead0001")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = _staging(tmp_path, "p", sleeper.pid, "live0001")
        old = _staging(tmp_path, "p", sleeper.pid, "old00001")
        long_ago = time.time() - generate.STALE_AFTER_SECONDS - 60
        os.utime(old, (long_ago, long_ago))
        other = _staging(tmp_path, "other", _dead_pid(), "dead0002")  # another DEST's: not ours to judge
        removed = generate.remove_stale_staging(tmp_path / "p")
        assert sorted(removed) == sorted([dead, old])
        assert live.is_dir() and other.is_dir() and not dead.exists() and not old.exists()
    finally:
        sleeper.kill()
        sleeper.wait(timeout=30)


KILLED_NEW = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    real = Path.write_bytes
    count = 0
    def write_bytes(self, data):
        global count
        count += 1
        if count == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, data)
    Path.write_bytes = write_bytes
    sys.argv = ["mashup-gen", *sys.argv[1:]]
    from mashup_gen.__main__ import run
    run()
    """
)


def test_the_next_new_removes_what_a_killed_new_left(tmp_path: Path) -> None:
    dest = tmp_path / "p"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_NEW, "new", str(dest), *NEW_ARGS], capture_output=True, timeout=120
    )
    assert killed.returncode == -9
    left = [p for p in tmp_path.iterdir() if p.name.endswith(generate.STAGING_SUFFIX)]
    assert len(left) == 1 and not dest.exists()
    again = subprocess.run(
        [sys.executable, "-m", "mashup_gen", "new", str(dest), *NEW_ARGS], capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["p"]
    assert json.loads((dest / ".mashup-gen.json").read_text())["answers"]["title"] == "Sales"
