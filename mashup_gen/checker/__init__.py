"""``mashup-gen check``: find what breaks Qlik Cloud mashups and web apps, with a stable rule id each.

Use :func:`check_paths`; rules live in :mod:`mashup_gen.checker.rules`, one module per concern.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mashup_gen.checker.findings import Finding, Report, Rule, Severity

if TYPE_CHECKING:
    from mashup_gen.checker.project import Project
    from mashup_gen.checker.scan import ProjectFiles

__all__ = ["Finding", "Report", "Rule", "Severity", "check_paths"]


def check_paths(
    paths: Sequence[str],
    origins: Iterable[str] = (),
    observe: Callable[[Any], None] | None = None,
    summarize: Callable[[Project], Any] | None = None,
    expect: Callable[[list[ProjectFiles]], None] | None = None,
) -> Report:
    """Check every project under ``paths`` (folders or files) and the ``origins``.

    ``summarize`` (a picklable, module-level function) is run on each project where it is checked, and
    ``observe`` is handed its result in this process, project by project as they are done; without
    ``summarize``, ``observe`` is handed the project itself. ``expect`` is handed the projects found, once,
    before any is checked and after the worker processes are forked: it may start threads, which then run
    while the projects are read (``check --online`` starts its requests there). Many projects are checked by
    a pool of processes (see :func:`jobs`), except when ``observe`` needs the projects themselves; the report
    is the same either way.

    Raises :class:`~mashup_gen.errors.InvalidValue` naming a path that does not exist or cannot be checked,
    before anything is read.
    """
    from mashup_gen.checker.rules.files import INTERNAL
    from mashup_gen.checker.rules.origins import check_origins
    from mashup_gen.checker.scan import discover

    found = [project for text in paths for project in discover(Path(text), text)]
    report = Report()
    report.extend(check_origins(origins))
    # A project given twice (two paths naming one folder, or a folder and a folder inside it) is checked once.
    # The projects of one path are distinct folders already (discover follows no link to a folder): their
    # roots are resolved only to compare them with another path's, in the parent before any worker starts.
    unique = found if len(paths) == 1 else _distinct(found)
    report.projects = len(unique)
    in_process = observe is not None and summarize is None  # a Project does not cross processes
    started = functools.partial(expect, unique) if expect is not None else None
    with _collector_for_checking():
        outcomes = _outcomes(unique, summarize, in_process, started)
        for files, (findings, count, summary, error) in zip(unique, outcomes, strict=True):
            if error is not None:  # one odd project must not stop a check of hundreds
                report.extend([INTERNAL.at(files.display_root or ".", None, error)])
                continue
            report.extend(findings)
            report.files += count
            if observe is not None:
                observe(summary)
    return report


def _distinct(found: list[ProjectFiles]) -> list[ProjectFiles]:
    """``found`` without a project whose root (resolved) an earlier one has, a single file given aside."""
    seen: set[Path] = set()
    unique = []
    for files in found:
        key = files.root.resolve()
        if key in seen and not files.single_file:
            continue
        seen.add(key)
        unique.append(files)
    return unique


# The cyclic garbage collector's first threshold while checking (Python's default is 700 allocations): high,
# because each project's garbage is collected as its check ends (see _checked).
GC_THRESHOLD = 100_000


@contextmanager
def _collector_for_checking() -> Iterator[None]:
    """Run the check with fewer collections of the cyclic garbage collector, restored after.

    Tokenizing allocates a tuple per token and nearly all of them live until their project is done, so the
    default thresholds run a collection every few hundred tokens that frees nothing. What is already loaded
    (modules, rules, grammars) is frozen out of the collector's view, which also keeps it shared with
    forked workers instead of copied page by page. A project's objects that refer to each other (a project
    and its facts) are collected as its check ends, by :func:`_checked`.
    """
    import gc

    thresholds = gc.get_threshold()
    ours = gc.get_freeze_count() == 0  # a caller that froze objects itself keeps them frozen, and ours too
    if ours:
        gc.freeze()
    gc.set_threshold(GC_THRESHOLD, thresholds[1], thresholds[2])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if ours:
            gc.unfreeze()


Outcome = tuple[list[Finding], int, Any, "str | None"]  # findings, files checked, summary, internal error


def check_one(files: ProjectFiles, summarize: Callable[[Project], Any] | None = None, keep: bool = False) -> Outcome:
    """Read and check one project (in this process or a worker); an unexpected failure is returned, not raised.

    The summary is ``summarize(project)``, the project itself with ``keep``, else None.
    """
    from mashup_gen.checker.project import Project
    from mashup_gen.checker.rules import check_project

    try:
        project = Project(files)
        findings = list(check_project(project))
        summary = summarize(project) if summarize else (project if keep else None)
        return findings, project.files_checked, summary, None
    except Exception as exc:
        if os.environ.get("MASHUP_GEN_DEBUG"):
            raise
        return [], 0, None, f"{type(exc).__name__}: {exc}"


# Below this many projects a pool's start-up costs more than it saves.
POOL_THRESHOLD = 48
# Chunks of projects per worker process: a project's check takes from a few to tens of milliseconds, and a
# tree's projects of one kind sit together (sorted by path), so with 8 chunks a worker (the default) the last
# chunk could hold 30 of the costliest projects and run alone for most of a second at the end. With 64 the
# workers end within a few projects of each other; results still cross one chunk at a time (3 projects in a
# tree of 500), which costs this process no more.
CHUNKS_PER_WORKER = 64


def jobs(projects: int) -> int:
    """How many processes check ``projects`` projects (see :func:`mashup_gen.parallel.jobs`)."""
    from mashup_gen.parallel import jobs as processes

    return processes(projects, POOL_THRESHOLD)


def _outcomes(
    found: list[ProjectFiles],
    summarize: Callable[[Project], Any] | None,
    in_process: bool,
    started: Callable[[], object] | None,
) -> Iterator[Outcome]:
    """Each project's outcome, in order, as soon as it is ready. ``started`` is called before the first
    project is checked, after the pool's workers are forked (check --online starts its HTTP threads there)."""
    if in_process:
        if started is not None:
            started()
        return (_checked(files, summarize, True) for files in found)
    from mashup_gen.checker.project import prepare
    from mashup_gen.parallel import ordered_map

    return ordered_map(
        _checked,
        found,
        summarize,
        threshold=POOL_THRESHOLD,
        warm=functools.partial(prepare, found),
        started=started,
        chunks_per_worker=CHUNKS_PER_WORKER,
    )


def _checked(files: ProjectFiles, summarize: Callable[[Project], Any] | None, keep: bool = False) -> Outcome:
    """:func:`check_one`, then a collection of the youngest generation: the project just checked is garbage
    in cycles (a project and its facts refer to each other), and nearly all of it is still in that generation,
    so it is freed in one pass over what the project made, when little else is alive. Left to the collector's
    thresholds, its collections came in the middle of projects and moved their half-built objects into an
    older generation, whose collections then read them again (a tenth of a check's time on a tree of
    hundreds of projects)."""
    import gc

    outcome = check_one(files, summarize, keep)
    if gc.isenabled():  # a caller that turned the collector off keeps it off
        gc.collect(0)
    return outcome
