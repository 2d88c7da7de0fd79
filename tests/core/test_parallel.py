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


_WARMED: list[int] = []


def _pid_and_warmth(item: int) -> tuple[int, int, list[int]]:
    return item * 2, os.getpid(), list(_WARMED)


@pytest.mark.usefixtures("two_cores")
def test_warm_runs_once_in_this_process_and_every_worker_is_forked_with_what_it_loaded() -> None:
    _WARMED.clear()
    results = list(
        parallel.ordered_map(_pid_and_warmth, list(range(20)), threshold=4, warm=lambda: _WARMED.append(os.getpid()))
    )
    assert [value for value, _, _ in results] == [i * 2 for i in range(20)]  # in order
    workers = {pid for _, pid, _ in results}
    assert os.getpid() not in workers and len(workers) >= 1  # the items ran in forked workers...
    assert _WARMED == [os.getpid()]  # ...warm ran once, here...
    assert all(seen == [os.getpid()] for _, _, seen in results)  # ...and each worker started with its result


@pytest.mark.usefixtures("two_cores")
def test_warm_is_not_called_without_a_pool() -> None:
    called: list[bool] = []
    results = list(parallel.ordered_map(_pid_and_warmth, [1, 2], threshold=4, warm=lambda: called.append(True)))
    assert [value for value, _, _ in results] == [2, 4] and called == []


@pytest.mark.usefixtures("two_cores")
def test_started_runs_here_once_every_worker_is_forked_before_the_first_result() -> None:
    import multiprocessing

    handed: list[int] = []
    seen: list[tuple[int, int]] = []  # (workers alive, results handed on) when started ran

    def started() -> None:
        seen.append((len(multiprocessing.active_children()), len(handed)))

    for value, _, _ in parallel.ordered_map(_pid_and_warmth, list(range(20)), threshold=4, started=started):
        handed.append(value)
    assert seen == [(2, 0)] and handed == [i * 2 for i in range(20)]


_CALLED: list[int] = []


def _note_call(item: int) -> int:
    _CALLED.append(item)
    return item


@pytest.mark.usefixtures("two_cores")
def test_started_runs_before_the_first_item_without_a_pool() -> None:
    _CALLED.clear()
    seen: list[list[int]] = []
    results = list(parallel.ordered_map(_note_call, [1, 2], threshold=4, started=lambda: seen.append(list(_CALLED))))
    assert results == [1, 2] and seen == [[]]


@pytest.mark.usefixtures("two_cores")
def test_small_chunks_keep_the_results_in_order_and_whole() -> None:
    # check hands its projects out a few at a time (many chunks a worker): the results are the same.
    for per_worker in (1, 8, 64):
        results = list(
            parallel.ordered_map(_pid_and_warmth, list(range(50)), threshold=4, chunks_per_worker=per_worker)
        )
        assert [value for value, _, _ in results] == [i * 2 for i in range(50)]


class _Unpicklable:
    """An item no task could carry: the workers have the items from the fork."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __reduce__(self) -> object:
        raise TypeError("not picklable")


def _value_and_pid(item: _Unpicklable) -> tuple[int, int]:
    return item.value, os.getpid()


@pytest.mark.usefixtures("two_cores")
def test_items_reach_the_workers_with_the_fork_not_through_a_pipe() -> None:
    results = list(parallel.ordered_map(_value_and_pid, [_Unpicklable(i) for i in range(30)], threshold=4))
    assert [value for value, _ in results] == list(range(30))
    assert os.getpid() not in {pid for _, pid in results}
