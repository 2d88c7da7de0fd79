"""check runs with fewer cyclic garbage collections (see mashup_gen.checker), and leaves the collector of the
process that called it as it found it, whether the check ends or raises; each project's garbage is collected
as its check ends."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator

import pytest

from mashup_gen.checker import GC_THRESHOLD, check_paths
from mashup_gen.errors import InvalidValue
from mashup_gen.parallel import JOBS_VARIABLE
from tests.paths import CORPUS


@pytest.fixture
def collector() -> Iterator[tuple[int, int, int]]:
    """The caller's own settings, restored after the test whatever happens."""
    before = gc.get_threshold()
    gc.set_threshold(555, 7, 9)
    try:
        yield gc.get_threshold()
    finally:
        gc.set_threshold(*before)


def test_the_threshold_is_raised_while_checking_and_restored_after(collector: tuple[int, int, int]) -> None:
    seen: list[tuple[int, int, int]] = []
    report = check_paths([str(CORPUS / "saas-hardcoded")], observe=lambda _project: seen.append(gc.get_threshold()))
    assert report.findings and seen == [(GC_THRESHOLD, 7, 9)]
    assert gc.get_threshold() == collector
    assert gc.get_freeze_count() == 0


def test_a_bad_path_leaves_the_collector_as_it_was(collector: tuple[int, int, int], tmp_path) -> None:
    with pytest.raises(InvalidValue):
        check_paths([str(tmp_path / "nothing-here")])
    assert gc.get_threshold() == collector and gc.get_freeze_count() == 0


def test_objects_the_caller_froze_stay_frozen(collector: tuple[int, int, int]) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        check_paths([str(CORPUS / "saas-hardcoded")])
        assert gc.get_freeze_count() >= frozen and gc.get_threshold() == collector
    finally:
        gc.unfreeze()


def test_a_checked_project_is_freed_as_its_check_ends(
    collector: tuple[int, int, int], tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A project and its facts refer to each other: only the cyclic collector frees them. Each is freed before
    # the next project is checked, not whenever the collector's thresholds next say so.
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    for name in ("saas-hardcoded", "saas-hardcoded-copy"):
        shutil.copytree(CORPUS / "saas-hardcoded", tmp_path / name)
    alive: list[bool] = []
    report = check_paths([str(tmp_path)], observe=lambda ref: alive.append(ref() is not None), summarize=weakref.ref)
    assert report.projects == 2 and report.findings
    assert alive == [False, False]


def test_a_collector_turned_off_stays_off(collector: tuple[int, int, int]) -> None:
    gc.disable()
    try:
        collections: list[int] = []
        gc.callbacks.append(on_collection := lambda phase, info: collections.append(info["generation"]))
        try:
            check_paths([str(CORPUS / "saas-hardcoded")])
        finally:
            gc.callbacks.remove(on_collection)
        assert not gc.isenabled() and collections == []
    finally:
        gc.enable()
