"""``mashup-gen regenerate`` on the command line: every behaviour of issue 4, and the installed executable."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
import time
from pathlib import Path

import pytest
from click.testing import Result

from mashup_gen import catalog
from mashup_gen.record import load
from tests.cli_support import Invoke, cli
from tests.regen_support import (
    ANSWERS,
    NEW_APP_ID,
    NEW_TENANT,
    NEW_WEB_INTEGRATION_ID,
    TENANT,
    WEB_INTEGRATION_ID,
    fresh,
    make_project,
    snapshot,
    upgrade_template,
)

MOVE = ["--tenant", NEW_TENANT, "--web-integration-id", NEW_WEB_INTEGRATION_ID]


def run(*args: str, tty: bool = False, colors: bool = False) -> Result:
    """Run in-process with a chosen environment (terminal or not, colours or not)."""
    return cli("regenerate", *args, tty=tty, colors=colors)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "sales")


def test_moves_a_project_to_another_tenant(project: Path) -> None:
    result = run(str(project), *MOVE, "--app-id", NEW_APP_ID)
    assert result.exit_code == 0, result.output
    assert f"updated: {project} (4 files)" in result.output
    assert snapshot(project) == fresh(
        {**ANSWERS, "tenant": NEW_TENANT, "web_integration_id": NEW_WEB_INTEGRATION_ID, "app_id": NEW_APP_ID}
    )


def test_defaults_to_the_current_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = run(*MOVE)
    assert result.exit_code == 0 and "updated: ." in result.output
    assert load(project).answers["tenant"] == NEW_TENANT


def test_set_changes_any_template_variable(project: Path) -> None:
    result = run(str(project), "--set", "title=Revenue", "--set", "objects=chart=abc CurrentSelections")
    assert result.exit_code == 0, result.output
    text = (project / "index.html").read_text()
    assert "<title>Revenue</title>" in text and 'id="chart"' in text and 'id="kpi"' not in text


def test_conflict_is_marked_listed_and_exits_1(project: Path) -> None:
    index = project / "index.html"
    index.write_text(index.read_text().replace("<title>Sales</title>", "<title>Sales!</title>"))
    result = run(str(project), "--set", "title=Revenue")
    assert result.exit_code == 1
    assert f"conflicts: {project}" in result.output and "  conflict: index.html" in result.output
    assert "<<<<<<< yours\n  <title>Sales!</title>\n=======\n  <title>Revenue</title>\n>>>>>>> template\n" in (
        index.read_text()
    )


def test_user_edits_deletions_and_additions_survive(project: Path) -> None:
    js = project / "mashup.js"
    js.write_text("// my header\n" + js.read_text())
    (project / "mashup.css").unlink()
    (project / "mine.txt").write_text("hello\n")
    result = run(str(project), *MOVE)
    assert result.exit_code == 0, result.output
    assert js.read_text().startswith("// my header\n") and NEW_TENANT in js.read_text()
    assert not (project / "mashup.css").exists()
    assert (project / "mine.txt").read_text() == "hello\n"


def test_dry_run_prints_a_coloured_diff_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = run(str(project), *MOVE, "--dry-run", colors=True)
    assert result.exit_code == 0, result.output
    assert snapshot(project) == before
    assert f"\x1b[1mdiff {project.as_posix()}/mashup.js" in result.output
    assert "\x1b[1m--- a/mashup.js" in result.output and "\x1b[32m+" in result.output and "\x1b[31m-" in result.output
    assert "\x1b[36m@@" in result.output
    assert f"would update: {project}" in result.output
    plain = run(str(project), *MOVE, "--dry-run")
    assert "\x1b[" not in plain.output
    assert f'-    host: "{TENANT}",\n+    host: "{NEW_TENANT}",\n' in plain.output
    assert snapshot(project) == before


def test_dry_run_shows_created_and_deleted_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "installed"
    shutil.copytree(catalog.builtin_root() / "capability", root / "capability")
    monkeypatch.setattr(catalog, "builtin_root", lambda: root)
    project = make_project(tmp_path / "sales")
    upgrade_template(root / "capability")
    result = run(str(project), "--dry-run")
    assert "--- /dev/null\n+++ b/" in result.output and "config/tenant.js" in result.output
    assert f"diff {project.as_posix()}/mashup.css\n--- a/mashup.css\n+++ /dev/null" in result.output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--tenant", "http://acme.eu.qlikcloud.com"], "--tenant"),
        (["--web-integration-id", "has space"], "--web-integration-id"),
        (["--app-id", "not-a-guid"], "--app-id"),
        (["--set", "objects=bad id!"], "--set"),
        (["--set", "nosuchkey=1"], "--set"),
        (["--set", "novalue"], "--set"),
    ],
)
def test_bad_values_exit_2_naming_the_option_and_write_nothing(project: Path, args: list[str], option: str) -> None:
    before = snapshot(project)
    result = run(str(project), *args)
    assert result.exit_code == 2
    assert option in result.output
    assert snapshot(project) == before


def test_stale_tenant_in_hand_written_files_is_replaced_and_ambiguity_reported(project: Path) -> None:
    (project / "notes.md").write_text(f"Dashboard: https://{TENANT}/sense/app/x\nOld tenant was {TENANT}.\n")
    (project / "api.js").write_text(f"headers['qlik-web-integration-id'] = '{WEB_INTEGRATION_ID}';\n")
    result = run(str(project), *MOVE)
    # The old host left in prose is a conflict: the project must not name two tenants without exit status 1.
    assert result.exit_code == 1, result.output
    assert (
        project / "notes.md"
    ).read_text() == f"Dashboard: https://{NEW_TENANT}/sense/app/x\nOld tenant was {TENANT}.\n"
    assert (project / "api.js").read_text() == f"headers['qlik-web-integration-id'] = '{NEW_WEB_INTEGRATION_ID}';\n"
    assert f"conflict: notes.md:2: mentions the old tenant host {TENANT}" in result.output
    assert "2 old tenant values replaced" in result.output


def test_template_upgrade_keeps_user_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> None:
    """The installed template changes between `new` and `regenerate`: both its change and the edits land."""
    root = tmp_path / "installed"
    shutil.copytree(catalog.builtin_root() / "capability", root / "capability")
    monkeypatch.setattr(catalog, "builtin_root", lambda: root)
    project = tmp_path / "sales"
    made = invoke(
        "new", str(project), "--no-input", "--tenant", TENANT, "--web-integration-id", WEB_INTEGRATION_ID,
        "--app-id", ANSWERS["app_id"],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    index = project / "index.html"
    index.write_text(index.read_text().replace("</body>", "  <footer>mine</footer>\n</body>"))
    upgrade_template(root / "capability")  # the upgrade: the old template version is gone
    result = run(str(project), *MOVE)
    assert result.exit_code == 0, result.output
    text = index.read_text()
    assert '<meta name="generator" content="mashup-gen">' in text and "<footer>mine</footer>" in text
    assert NEW_TENANT in text and TENANT not in text
    assert (project / "config" / "tenant.js").is_file() and not (project / "mashup.css").exists()
    assert load(project).template_version == "1.2.0"


def test_recursive_summary_and_one_broken_project(tmp_path: Path) -> None:
    for name in ("a", "b", "nested/c"):
        make_project(tmp_path / name)
    make_project(
        tmp_path / "d", {"tenant": NEW_TENANT, "web_integration_id": NEW_WEB_INTEGRATION_ID, "title": "Revenue"}
    )
    (tmp_path / "b" / ".mashup-gen.json").write_text("[]")
    conflicted = tmp_path / "nested" / "c" / "index.html"
    conflicted.write_text(conflicted.read_text().replace("<title>Sales</title>", "<title>Mine</title>"))
    result = run("--recursive", str(tmp_path), *MOVE, "--set", "title=Revenue")
    assert result.exit_code == 1
    assert f"failed: {tmp_path / 'b'}" in result.output
    assert "4 projects: 1 updated, 1 unchanged, 1 conflicted, 1 failed" in result.output
    assert load(tmp_path / "a").answers["tenant"] == NEW_TENANT


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_many_projects_over_processes_report_in_order_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    # MASHUP_GEN_JOBS=2 spreads the projects over two worker processes (a run of 16 or more does so by
    # itself): the output, the exit status and every project's files are what one process gives.
    names = [f"p{index}" for index in range(5)]
    for name in names:
        make_project(tmp_path / name)
    conflicted = tmp_path / "p3" / "index.html"
    conflicted.write_text(conflicted.read_text().replace("<title>Sales</title>", "<title>Mine</title>"))
    monkeypatch.setenv("MASHUP_GEN_JOBS", jobs)
    result = run("--recursive", str(tmp_path), *MOVE, "--set", "title=Revenue")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    reported = [line.split(": ")[1].split(" ")[0] for line in lines if line.startswith(("updated", "conflicts"))]
    assert reported == [str(tmp_path / name) for name in names]
    assert "5 projects: 4 updated, 0 unchanged, 1 conflicted, 0 failed" in result.output
    assert all(load(tmp_path / name).answers["tenant"] == NEW_TENANT for name in names if name != "p3")
    assert "<<<<<<<" in conflicted.read_text()


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    for name in ("a", "b"):
        make_project(tmp_path / name)
    result = run("-r", str(tmp_path), *MOVE, tty=True)
    assert result.exit_code == 0, result.output
    assert "Regenerating" in result.stderr
    assert "2 projects: 2 updated, 0 unchanged, 0 conflicted, 0 failed" in result.stdout


def test_not_a_project_is_explained(tmp_path: Path) -> None:
    result = run(str(tmp_path), *MOVE)
    assert result.exit_code == 1
    assert "not a mashup-gen project: it has no .mashup-gen.json" in result.output
    result = run("--recursive", str(tmp_path), *MOVE)
    assert result.exit_code == 1 and "not a mashup-gen project" in result.output


def test_points_to_adopt(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert f"run: mashup-gen adopt {tmp_path}" in result.output


def test_record_is_untouched_when_nothing_changes(project: Path) -> None:
    record = (project / ".mashup-gen.json").read_bytes()
    result = run(str(project))
    assert result.exit_code == 0 and f"unchanged: {project}" in result.output
    assert (project / ".mashup-gen.json").read_bytes() == record


def executable() -> str:
    return str(Path(sysconfig.get_path("scripts")) / "mashup-gen")


def test_installed_executable(tmp_path: Path) -> None:
    project = make_project(tmp_path / "sales")
    (project / "extra.html").write_text(f'<a href="https://{TENANT}/hub">hub</a>\n')
    done = subprocess.run([executable(), "regenerate", str(project), *MOVE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "updated:" in done.stdout and "\x1b[" not in done.stdout
    assert (project / "extra.html").read_text() == f'<a href="https://{NEW_TENANT}/hub">hub</a>\n'
    bad = subprocess.run(
        [executable(), "regenerate", str(project), "--tenant", "ftp://x"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "--tenant" in bad.stderr and "Traceback" not in bad.stderr


def test_rerun_without_values_completes_an_interrupted_run(project: Path) -> None:
    from mashup_gen.fs import write_atomic
    from mashup_gen.record import save
    from mashup_gen.regeneration import plan

    move = {"tenant": NEW_TENANT, "web_integration_id": NEW_WEB_INTEGRATION_ID}
    planned = plan(project, move)
    record = load(project)
    record.pending = planned.journal()
    save(project, record)
    first = planned.changes[0]  # the run was interrupted after its first file
    assert first.after is not None
    write_atomic(project / first.path, first.after)
    result = run(str(project))
    assert result.exit_code == 0, result.output
    assert "note: completed an interrupted regeneration" in result.output
    assert snapshot(project) == fresh({**ANSWERS, **move})


def test_environment_variables_never_retarget_a_project(tmp_path: Path, invoke) -> None:
    """MASHUP_GEN_TENANT left set in a shell is for `new`; regenerate takes changes only as options."""
    from tests.conftest import NEW_ARGS

    project = tmp_path / "p"
    assert invoke("new", str(project), *NEW_ARGS).exit_code == 0
    before = (project / "mashup.js").read_bytes()
    result = invoke("regenerate", str(project), env={"MASHUP_GEN_TENANT": "other.us.qlikcloud.com"})
    assert result.exit_code == 0, result.output
    assert (project / "mashup.js").read_bytes() == before
    assert "MASHUP_GEN_TENANT" not in invoke("regenerate", "--help").output


def test_ctrl_c_during_a_run_over_processes_is_130_and_a_rerun_finishes(tmp_path: Path) -> None:
    # Ctrl-C reaches the whole foreground group: the command and its worker processes. It exits 130 at once,
    # no worker is left behind, and running it again finishes every project with nothing half-written.
    import os
    import signal

    names = [f"p{index:02d}" for index in range(40)]
    for name in names:
        make_project(tmp_path / name)
    env = {**os.environ, "MASHUP_GEN_JOBS": "2"}
    argv = [executable(), "regenerate", "--recursive", str(tmp_path), *MOVE]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               start_new_session=True)  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the first project is done: the run is under way
        assert first.startswith("updated:"), first
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=30) == 130
        assert process.stderr is not None and "Aborted." in process.stderr.read()
        for _ in range(50):  # the workers end with it (bounded wait: 5 s)
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("a worker process outlived the interrupted command")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    finished = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert all(load(tmp_path / name).answers["tenant"] == NEW_TENANT for name in names)
    assert not list(tmp_path.rglob("*.tmp")) and not any("<<<<<<<" in p.read_text() for p in tmp_path.rglob("*.html"))
