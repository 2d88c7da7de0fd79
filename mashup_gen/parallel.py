"""Work on many projects spread over processes, results in order: what `check` and `regenerate --recursive`
share. Each project is independent work, so a run over hundreds uses every core; a few projects stay in
this process, where a pool's start-up would cost more than it saves."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

JOBS_VARIABLE = "MASHUP_GEN_JOBS"


def jobs(items: int, threshold: int, per_core: int = 1) -> int:
    """How many processes work on ``items`` items: ``MASHUP_GEN_JOBS`` when set, else ``per_core`` per available
    core (at most 8 cores) from ``threshold`` items on, else 1. Only where processes can be forked: a forked
    worker starts at once with everything already imported. ``per_core`` > 1 is for work that waits for the
    disk: while one process waits for its writes to be flushed, another has the core."""
    given = os.environ.get(JOBS_VARIABLE, "")
    chosen = given.strip().isdigit() and int(given) >= 1
    if not chosen and items < threshold:
        return 1  # decided before importing multiprocessing, which costs a small run more than its work
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if chosen:
        return min(int(given), max(items, 1))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(min(cores, 8) * per_core, items))


def ordered_map(
    function: Callable[..., Result],
    items: Sequence[Item],
    *constants: Any,
    threshold: int,
    per_core: int = 1,
    warm: Callable[[], object] | None = None,
    started: Callable[[], object] | None = None,
    chunks_per_worker: int = 8,
) -> Iterator[Result]:
    """``function(item, *constants)`` for each item, in order, each as soon as it and those before it are done.
    ``threshold`` and ``per_core``: see :func:`jobs`.

    ``warm``, called in this process just before a pool's workers are forked (not without a pool), loads what
    every item needs (modules imported on first use, caches among the constants): each worker is forked with
    it instead of loading it again, once per worker. It must start no thread and write nothing.

    With a pool (see :func:`jobs`), ``function``, ``constants`` and the items reach each worker once, when it is
    forked: a cache among the constants lives on in the worker from one item to the next, and none needs to be
    picklable (a task names its items by their place in the list); each result is. Every task is submitted
    before the first result is handed on, so the workers are forked while this process runs no thread of its
    own (a caller may start threads while it reads the results).

    ``started`` is called once in this process when the work has begun and no process is left to fork: just
    after a pool's workers are forked, or before the first item without a pool. Unlike ``warm`` it may start
    threads, whose work then overlaps the items'.

    Items are handed to the workers in chunks, about ``chunks_per_worker`` per worker: fewer chunks cost less
    passing to and fro, more chunks end closer together (the last chunk runs alone while the other workers
    have nothing left to do).
    """
    workers = jobs(len(items), threshold, per_core)
    if workers <= 1:
        if started is not None:
            started()
        for item in items:
            yield function(item, *constants)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if warm is not None:
        warm()
    chunk = max(1, len(items) // (workers * chunks_per_worker))
    context = multiprocessing.get_context("fork")
    start = (function, constants, items)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=start) as pool:
        # Each task is an item's index: the worker has the items from the fork, so none is pickled and read
        # again (a tree's 500 projects are 2,000 paths, each parsed anew by the worker that unpickled it).
        results = pool.map(_run, range(len(items)), chunksize=chunk)  # every chunk submitted: the workers start
        if started is not None:
            started()
        yield from results


_WORK: tuple[Callable[..., Any], tuple[Any, ...], Sequence[Any]] | None = None  # set in each worker by _start


def _start(function: Callable[..., Any], constants: tuple[Any, ...], items: Sequence[Any]) -> None:
    global _WORK
    _WORK = (function, constants, items)


def _run(index: int) -> Any:
    assert _WORK is not None
    function, constants, items = _WORK
    return function(items[index], *constants)
