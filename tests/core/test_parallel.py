"""How many processes a run over many projects uses (mashup_gen.parallel.jobs)."""

from __future__ import annotations

import os

import pytest

from mashup_gen import parallel


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)


@pytest.mark.usefixtures("two_cores")
def test_one_process_per_core_by_default_and_more_for_work_that_waits_for_the_disk() -> None:
    assert parallel.jobs(100, threshold=16) == 2
    assert parallel.jobs(100, threshold=16, per_core=2) == 4


@pytest.mark.usefixtures("two_cores")
def test_never_more_processes_than_items_and_none_below_the_threshold() -> None:
    assert parallel.jobs(3, threshold=1, per_core=2) == 3
    assert parallel.jobs(15, threshold=16, per_core=2) == 1


@pytest.mark.usefixtures("two_cores")
def test_the_environment_variable_decides_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    assert parallel.jobs(100, threshold=16, per_core=2) == 3
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "none")
    assert parallel.jobs(100, threshold=16, per_core=2) == 4
