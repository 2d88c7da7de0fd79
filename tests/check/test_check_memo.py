"""What check derives from a file's text alone is made once per distinct text and shared (issue 16, "Speed"):
the memo keeps and bounds results, and a file shared by many projects gives each project the findings it
gives when checked alone.

Speed itself is measured in bench/ (scenarios check and check-mixed), never asserted here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mashup_gen.checker import memo
from mashup_gen.checker.facts import travel
from mashup_gen.checker.hints import Hint
from mashup_gen.checker.js import Script
from mashup_gen.checker.memo import ContentMemo
from mashup_gen.checker.project import _INLINE_FACTS, _MODELS, _PAGES, _RECORDS, _SCRIPTS, shared_script
from tests.paths import CORPUS

_MEMOS = (_SCRIPTS, _PAGES, _MODELS, _INLINE_FACTS, _RECORDS, travel._TABLES)


def _clear_memos() -> None:
    for each in _MEMOS:
        each.clear()


def test_a_result_is_made_once_per_key() -> None:
    made: list[str] = []
    box: ContentMemo[str] = ContentMemo(limit=100)

    def make(text: str) -> str:
        made.append(text)
        return text.upper()

    assert box.get("a", 1, make, "a") == "A"
    assert box.get("a", 1, make, "a") == "A"
    assert box.get("b", 1, make, "b") == "B"
    assert made == ["a", "b"]
    assert len(box) == 2


def test_a_failure_is_not_kept() -> None:
    calls: list[int] = []
    box: ContentMemo[int] = ContentMemo(limit=100)

    def fail() -> int:
        calls.append(1)
        raise ValueError("unreadable")

    for _ in range(2):
        with pytest.raises(ValueError, match="unreadable"):
            box.get("k", 1, fail)
    assert len(calls) == 2
    assert len(box) == 0


def test_the_memo_starts_again_when_full_and_never_keeps_an_oversized_text() -> None:
    box: ContentMemo[int] = ContentMemo(limit=10)
    box.get("a", 6, int, "1")
    box.get("b", 4, int, "2")
    assert len(box) == 2
    box.get("c", 3, int, "3")  # 6 + 4 + 3 > 10: the older results are dropped
    assert len(box) == 1
    assert box.get("c", 3, int, "999") == 3  # still kept
    box.get("huge", 11, int, "4")
    assert len(box) == 1
    assert box.get("huge", 11, int, "5") == 5  # made again: it was never kept


def test_the_default_bound_is_set() -> None:
    assert ContentMemo().limit == memo.LIMIT_CHARS > 0


_CODE = st.lists(
    st.sampled_from(["a", "=", "/", "x", "/g", "`", "${", "}", "'s'", "// c\n", "(", ")", "{", "1", " ", "\n"]),
    max_size=25,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_CODE, st.integers(min_value=0, max_value=50))
def test_a_shared_script_is_the_script_of_its_text_at_its_offset(code: str, offset: int) -> None:
    shared = shared_script(code, offset)
    assert shared.code == code
    assert shared.offset == offset
    assert shared.tokens == Script(code, offset).tokens
    assert shared_script(code, offset) is shared
    assert shared_script(code, offset + 1) is not shared  # the offset is part of the key


def _findings(document: str, root: Path) -> dict[str, list[tuple]]:
    """Findings by project folder name, each as (path in the project, rule, severity, line, column, message)."""
    grouped: dict[str, list[tuple]] = {}
    for finding in json.loads(document)["findings"]:
        relative = Path(finding["path"]).resolve().relative_to(root.resolve())
        project, inside = relative.parts[0], Path(*relative.parts[1:]).as_posix()
        message = finding["message"].replace(str(root / project), "<project>")  # a message may name a file
        grouped.setdefault(project, []).append(
            (inside, finding["rule"], finding["severity"], finding["line"], finding["column"], message)
        )
    return grouped


def test_projects_sharing_files_get_the_findings_each_gets_alone(tmp_path, invoke, monkeypatch) -> None:
    # Every corpus project twice in one tree, checked in this process (the memo of one process is shared).
    monkeypatch.setenv("MASHUP_GEN_JOBS", "1")
    names = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    assert len(names) >= 20
    tree = tmp_path / "tree"
    for name in names:
        for copy in ("a", "b"):
            shutil.copytree(CORPUS / name, tree / f"{name}-{copy}")
    _clear_memos()
    together = invoke("check", "--format", "json", str(tree))
    assert together.exit_code in (0, 1), together.output
    assert any(len(each) for each in _MEMOS)  # the memo was used
    grouped = _findings(together.stdout, tree)
    caught = 0
    for name in names:
        _clear_memos()
        alone = invoke("check", "--format", "json", str(tree / f"{name}-a"))
        assert alone.exit_code in (0, 1), alone.output
        expected = _findings(alone.stdout, tree).get(f"{name}-a", [])
        assert grouped.get(f"{name}-a", []) == expected, name
        assert grouped.get(f"{name}-b", []) == expected, name
        caught += len(expected)
    assert caught > 0


def test_an_invalid_record_shared_by_projects_is_reported_for_each_by_its_own_path(
    project: Path, tmp_path, invoke, monkeypatch
) -> None:
    monkeypatch.setenv("MASHUP_GEN_JOBS", "1")
    record = project / ".mashup-gen.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"answers"', '"answers_"', 1), encoding="utf-8")
    tree = tmp_path / "tree"
    for name in ("one", "two"):
        shutil.copytree(project, tree / name)
    _clear_memos()
    result = invoke("check", "--format", "json", str(tree))
    assert result.exit_code == 1, result.output
    invalid = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "record-invalid"]
    assert sorted(Path(f["path"]).parent.name for f in invalid) == ["one", "two"]
    for finding in invalid:
        assert str(Path(finding["path"])) in finding["message"]
    assert len(_RECORDS) == 0  # a failure is never kept


def test_projects_made_from_one_template_share_one_record_reading(project: Path, tmp_path, invoke, monkeypatch) -> None:
    monkeypatch.setenv("MASHUP_GEN_JOBS", "1")
    tree = tmp_path / "tree"
    for name in ("one", "two", "three"):
        shutil.copytree(project, tree / name)
    _clear_memos()
    result = invoke("check", "--format", "json", str(tree))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["projects"] == 3
    assert len(_RECORDS) == 1


def test_each_hint_keeps_its_own_answer_for_a_text() -> None:
    finds_a = Hint(re.compile("a", re.I), (re.compile("a"),))
    finds_b = Hint(re.compile("b", re.I), (re.compile("b"),))
    for _ in range(2):  # the second round is answered from the memo
        assert finds_a.search("xAx") is True
        assert finds_b.search("xAx") is False
        assert finds_b.search("xbx") is True


@settings(max_examples=200, deadline=None)
@given(_CODE)
def test_what_a_shared_script_keeps_is_what_its_tokens_say(code: str) -> None:
    script = shared_script(code)
    expected = [(i, script.string_value(i)) for i in script.string_indexes() if script.string_value(i)]
    assert list(script.string_values) == expected
    for pattern in (re.compile(r"[Rr]edirect"), re.compile(r"\$\{"), re.compile("x")):
        assert script.matches(pattern) is (pattern.search(code) is not None)
        assert script.matches(pattern) is (pattern.search(code) is not None)  # answered again, the same
