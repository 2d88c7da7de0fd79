"""`check` scored against the corpus, as an expert reading of each project would score it.

Each ``tests/corpus/<name>/expected.json`` holds what ``check`` reports (``findings``, compared exactly by
test_check.py). An expert's verdict on top of that goes in two optional lists: ``missed``, the real problems
``check`` does not report, and ``false``, reported findings that are not problems. The truth is
``findings - false + missed``; recall is the share of the truth ``check`` reports, and the false-error rate
the share of its errors that are not in the truth. Run ``pytest -s`` to see the figures.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.findings import Severity
from mashup_gen.checker.rules import BY_ID
from tests.paths import CORPUS

RECALL_TARGET = 0.90
FALSE_ERROR_TARGET = 0.02

Key = tuple[str, str, int | None]


@dataclass
class Score:
    """The counts behind recall and the false-error rate."""

    truth: int = 0  # real problems
    caught: int = 0  # real problems check reports
    errors: int = 0  # error findings check reports
    false_errors: int = 0  # of those, not real problems

    @property
    def recall(self) -> float:
        return self.caught / self.truth if self.truth else 1.0

    @property
    def false_error_rate(self) -> float:
        return self.false_errors / self.errors if self.errors else 0.0

    def add(self, truth: Counter[Key], found: Counter[Key]) -> None:
        self.truth += sum(truth.values())
        self.caught += sum((truth & found).values())
        errors = Counter({k: n for k, n in found.items() if BY_ID[k[0]].severity is Severity.ERROR})
        self.errors += sum(errors.values())
        self.false_errors += sum((errors - truth).values())


def keys(entries: list[dict]) -> Counter[Key]:
    return Counter((e["rule"], e["path"], e["line"]) for e in entries)


def score_project(name: str) -> tuple[Counter[Key], Counter[Key]]:
    """``(truth, found)`` for one corpus project (paths relative to it)."""
    expected = json.loads((CORPUS / name / "expected.json").read_text(encoding="utf-8"))
    truth = keys(expected["findings"]) - keys(expected.get("false", [])) + keys(expected.get("missed", []))
    report = check_paths([str(CORPUS / name)])
    found = Counter(
        (f.rule, Path(f.path).relative_to(CORPUS / name).as_posix() if f.path else "", f.line) for f in report.sorted()
    )
    return truth, found


def corpus_score() -> Score:
    """The score over every corpus project."""
    score = Score()
    for expected in sorted(CORPUS.glob("*/expected.json")):
        score.add(*score_project(expected.parent.name))
    return score


def test_the_verdict_lists_name_real_rules_and_findings_check_makes() -> None:
    for path in sorted(CORPUS.glob("*/expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        for entry in expected.get("missed", []) + expected.get("false", []):
            assert entry["rule"] in BY_ID and set(entry) >= {"rule", "path", "line"}, path
        assert not keys(expected.get("false", [])) - keys(expected["findings"]), f"{path}: a false finding not made"


def test_score_arithmetic() -> None:
    score = Score()
    # Two real problems, one caught; two errors reported, one of them false.
    score.add(Counter({("login-missing", "a.js", 1): 1, ("rest-no-csrf", "a.js", 2): 1}),
              Counter({("login-missing", "a.js", 1): 1, ("placeholder", "a.js", 3): 1}))  # fmt: skip
    assert (score.truth, score.caught, score.errors, score.false_errors) == (2, 1, 2, 1)
    assert score.recall == 0.5 and score.false_error_rate == 0.5


def test_recall_and_false_errors_meet_the_targets(capsys: pytest.CaptureFixture[str]) -> None:
    score = corpus_score()
    figures = (
        f"check on {len(list(CORPUS.glob('*/expected.json')))} corpus projects: recall {score.recall:.1%} "
        f"({score.caught}/{score.truth} real problems), false errors {score.false_error_rate:.1%} "
        f"({score.false_errors}/{score.errors} errors)"
    )
    with capsys.disabled():
        print("\n" + figures)
    assert score.recall >= RECALL_TARGET, figures
    assert score.false_error_rate <= FALSE_ERROR_TARGET, figures
