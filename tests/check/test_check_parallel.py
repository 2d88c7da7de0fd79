"""`check` over many projects runs in a pool of processes; the report is the same as one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mashup_gen.checker import POOL_THRESHOLD, check_paths, jobs
from mashup_gen.parallel import JOBS_VARIABLE
from tests.paths import CORPUS, EXAMPLES


def _summary(report) -> tuple:
    return (report.projects, report.files, [(f.rule, f.path, f.line, f.message) for f in report.sorted()])


def _record_folder(project) -> str:
    """A picklable summarize: what ``observe`` gets for each project, from the worker that checked it."""
    return project.found.display_root


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """More projects than the pool threshold: corpus mashups with findings and clean examples, mixed."""
    root = tmp_path / "tree"
    sources = sorted(p for p in CORPUS.iterdir() if p.is_dir()) + sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
    for index in range(POOL_THRESHOLD + 12):
        source = sources[index % len(sources)]
        shutil.copytree(source, root / f"p{index:03d}-{source.name}", ignore=shutil.ignore_patterns("expected.json"))
    return root


def test_a_pool_gives_the_same_report_as_one_process(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    serial = check_paths([str(tree)])
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    pooled = check_paths([str(tree)])
    assert serial.findings and serial.projects == POOL_THRESHOLD + 12
    assert _summary(pooled) == _summary(serial)


def test_observe_hears_each_project_in_order_from_the_workers(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    heard: list[str] = []
    check_paths([str(tree)], observe=heard.append, summarize=_record_folder)
    assert len(heard) == POOL_THRESHOLD + 12
    assert [Path(folder).name[:4] for folder in heard] == [f"p{index:03d}" for index in range(len(heard))]


def test_observe_without_summarize_gets_the_projects_themselves(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    heard: list[object] = []
    check_paths([str(tree)], observe=heard.append)
    assert len(heard) == POOL_THRESHOLD + 12 and all(hasattr(p, "record") for p in heard)


def test_how_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JOBS_VARIABLE, raising=False)
    assert jobs(POOL_THRESHOLD - 1) == 1
    assert jobs(POOL_THRESHOLD) >= 1
    monkeypatch.setenv(JOBS_VARIABLE, "3")
    assert jobs(10) == 3 and jobs(2) == 2  # never more processes than projects
    monkeypatch.setenv(JOBS_VARIABLE, "zero")
    assert jobs(1) == 1


def test_expect_hears_the_projects_once_the_workers_are_forked(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    monkeypatch.setenv(JOBS_VARIABLE, "2")
    heard: list[str] = []
    expected: list[tuple[int, int, int]] = []  # (projects, workers alive, projects observed) when expect ran

    def expect(found: list) -> None:
        expected.append((len(found), len(multiprocessing.active_children()), len(heard)))

    check_paths([str(tree)], observe=heard.append, summarize=_record_folder, expect=expect)
    assert expected == [(POOL_THRESHOLD + 12, 2, 0)] and len(heard) == POOL_THRESHOLD + 12


def _queries_compiled(project) -> int:
    """A picklable summarize: how many queries the worker's process has compiled (counted since it was forked
    from the main process, whose count it starts with)."""
    from mashup_gen.source.queries import _shared_query

    return _shared_query.cache_info().misses


def test_workers_start_with_the_queries_compiled(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mashup_gen.source.queries import _shared_query

    monkeypatch.setenv(JOBS_VARIABLE, "2")
    heard: list[int] = []
    check_paths([str(tree)], observe=heard.append, summarize=_queries_compiled)
    # Compiled once, in this process before the workers were forked: no worker compiled one of its own.
    assert len(heard) == POOL_THRESHOLD + 12
    assert set(heard) == {_shared_query.cache_info().misses} and heard[0] >= 1
