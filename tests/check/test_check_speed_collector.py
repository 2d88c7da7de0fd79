"""check runs with fewer cyclic garbage collections (see mashup_gen.checker), and leaves the collector of the
process that called it as it found it, whether the check ends or raises."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from mashup_gen.checker import GC_THRESHOLD, check_paths
from mashup_gen.errors import InvalidValue
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
