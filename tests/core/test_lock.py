"""One run at a time per project: the lock, its bounded wait, and concurrent `regenerate` runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import sysconfig
import textwrap
import time
from pathlib import Path

import pytest

from mashup_gen.lock import LOCK_NAME, TIMEOUT_VARIABLE, ProjectBusy, project_lock, timeout
from mashup_gen.record import load
from mashup_gen.regeneration import Status, regenerate
from tests.paths import CORPUS
from tests.regen_support import NEW_TENANT, TENANT, make_project

# A child process that takes a project's lock, says so on stdout, and holds it until killed (bounded).
HOLDER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import mashup_gen.lock
    from mashup_gen.lock import project_lock
    if os.environ.get("MASHUP_GEN_TEST_LOCK_FILE"):
        mashup_gen.lock._lock_folder = lambda root, seconds: None
    with project_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(30)
    """
)


class Holder:
    """Another process holding ``project``'s lock for the ``with`` block (then killed)."""

    def __init__(self, project: Path) -> None:
        self.project = project

    def __enter__(self) -> subprocess.Popen[str]:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(self.project)], stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"
        return self.process

    def __exit__(self, *exc: object) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "sales")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_the_folder_lock_writes_nothing(project: Path) -> None:
    before = _files(project)
    with project_lock(project):
        assert _files(project) == before
    assert _files(project) == before


@pytest.fixture(params=["folder", "lock file"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every lock test runs both ways: the folder's own lock, and the lock file where a folder cannot be locked
    (in this process: a holder in another process must take the lock the same way, as it would on that
    filesystem)."""
    if request.param == "lock file":
        monkeypatch.setattr("mashup_gen.lock._lock_folder", lambda root, seconds: None)
        monkeypatch.setenv("MASHUP_GEN_TEST_LOCK_FILE", "1")
    return str(request.param)


def test_the_lock_file_is_gone_after_release(project: Path, way: str) -> None:
    with project_lock(project):
        assert (project / LOCK_NAME).exists() is (way == "lock file")
    assert not (project / LOCK_NAME).exists()


def test_the_lock_is_reentrant_within_a_process(project: Path, way: str) -> None:
    with project_lock(project, wait=0.2):
        with project_lock(project / ".." / project.name, wait=0.2):  # the same folder, however it is named
            pass
        outcome = regenerate(project, {"tenant": NEW_TENANT})  # a command run inside the lock's holder
        assert outcome.status is Status.UPDATED
    assert not (project / LOCK_NAME).exists()
    with Holder(project):  # and released for other processes
        pass


def test_a_held_lock_makes_others_wait_a_bounded_time_then_refuse(project: Path, way: str) -> None:
    with Holder(project):
        started = time.monotonic()
        with (
            pytest.raises(ProjectBusy, match="another mashup-gen run is changing this project"),
            project_lock(project, wait=0.3),
        ):
            pytest.fail("the lock was taken twice")
        assert 0.3 <= time.monotonic() - started < 5


def test_a_lock_left_by_a_killed_run_does_not_block(project: Path, way: str) -> None:
    with Holder(project) as holder:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    assert (project / LOCK_NAME).exists() is (way == "lock file")  # a lock file is left behind by the crash...
    with project_lock(project, wait=0.5):  # ...and harmless: the OS released the lock with the process
        pass
    assert not (project / LOCK_NAME).exists()


def test_the_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "2.5")
    assert timeout() == 2.5
    for bad in ("soon", "-1"):
        monkeypatch.setenv(TIMEOUT_VARIABLE, bad)
        assert timeout() == 10.0


def test_regenerate_refuses_a_busy_project_and_writes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, invoke
) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.2")
    before = (project / ".mashup-gen.json").read_bytes()
    with Holder(project):
        outcome = regenerate(project, {"tenant": NEW_TENANT})
        result = invoke("regenerate", str(project), "--tenant", NEW_TENANT)
        dry = regenerate(project, {"tenant": NEW_TENANT}, dry_run=True)  # a dry run writes nothing: no lock
    assert outcome.status is Status.FAILED and "another mashup-gen run" in outcome.error
    assert result.exit_code == 1
    assert f"failed: {project}: another mashup-gen run is changing this project (it holds the lock on {project})" in (
        result.output
    )
    assert dry.status is Status.UPDATED
    assert (project / ".mashup-gen.json").read_bytes() == before


def test_the_lock_file_is_never_a_project_file(project: Path) -> None:
    (project / LOCK_NAME).write_text("")  # as a crash leaves it
    outcome = regenerate(project, {})
    assert outcome.status is Status.UNCHANGED and outcome.changes == []
    assert LOCK_NAME not in load(project).files


def test_a_leftover_lock_file_is_ignored_by_check_and_never_served(project: Path) -> None:
    import urllib.error
    import urllib.request

    from standin import StaticSite

    from mashup_gen.checker import check_paths

    clean = check_paths([str(project)])
    (project / LOCK_NAME).write_text("")
    report = check_paths([str(project)])
    assert report.files == clean.files
    assert [f.location() for f in report.sorted()] == [f.location() for f in clean.sorted()]
    with StaticSite(project) as site:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{site.origin}/{LOCK_NAME}", timeout=5)
        assert refused.value.code == 404


def test_new_force_waits_for_the_lock(project: Path, monkeypatch: pytest.MonkeyPatch, invoke) -> None:
    from tests.conftest import NEW_ARGS

    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.2")
    before = (project / "index.html").read_bytes()
    with Holder(project):
        result = invoke("new", str(project), *NEW_ARGS, "--force", "--title", "Other", catch_exceptions=True)
    assert result.exit_code == 1, result.output
    assert "another mashup-gen run is changing this project" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert (project / "index.html").read_bytes() == before


def _tenant_in_files(project: Path) -> set[str]:
    names = set()
    for path in ("index.html", "mashup.js"):
        text = (project / path).read_text()
        names |= {t for t in (TENANT, NEW_TENANT) if t in text}
    return names


def test_six_concurrent_runs_leave_a_consistent_project(project: Path) -> None:
    executable = str(Path(sysconfig.get_path("scripts")) / "mashup-gen")
    env = {**os.environ, TIMEOUT_VARIABLE: "60"}
    runs = [
        subprocess.Popen(
            [executable, "regenerate", str(project), "--tenant", (NEW_TENANT, TENANT)[i % 2]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(6)
    ]
    outputs = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for status, out, err in outputs:
        assert status == 0, (out, err)
        assert "updated:" in out or "unchanged:" in out, out
        assert "Traceback" not in err and "No such file" not in err and "internal error" not in err, err
    record = load(project)
    assert record.pending is None
    assert _tenant_in_files(project) == {record.answers["tenant"]}
    recorded = json.loads((project / ".mashup-gen.json").read_text())
    assert "".join(recorded["files"]["mashup.js"]["lines"]) == (project / "mashup.js").read_text()
    assert not (project / LOCK_NAME).exists()
    # The next run sees a consistent project: moving it really moves every file.
    other = TENANT if record.answers["tenant"] == NEW_TENANT else NEW_TENANT
    outcome = regenerate(project, {"tenant": other})
    assert outcome.status is Status.UPDATED, outcome
    assert _tenant_in_files(project) == {other} and load(project).answers["tenant"] == other


def test_adopt_refuses_a_busy_folder_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke
) -> None:
    import shutil

    corpus = CORPUS / "devhub"
    folder = tmp_path / "devhub"
    shutil.copytree(corpus, folder, ignore=shutil.ignore_patterns("expected.json"))
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.2")
    args = ["adopt", str(folder), "--tenant", NEW_TENANT, "--web-integration-id", "abcdefghijABCDEFGHIJ0123456789_-"]
    with Holder(folder):
        result = invoke(*args, catch_exceptions=True)
    assert result.exit_code == 1, result.output
    assert "another mashup-gen run is changing this project" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != LOCK_NAME}
    assert after == before


def test_a_filesystem_that_cannot_lock_a_folder_gets_the_lock_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl
    import stat

    real = fcntl.flock

    def flock(fd: int, operation: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):  # as NFS answers flock on a descriptor opened read-only
            raise OSError(errno.EBADF, "Bad file descriptor")
        real(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    with project_lock(project, wait=0.2):
        assert (project / LOCK_NAME).exists()
    assert not (project / LOCK_NAME).exists()
