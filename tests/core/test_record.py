"""The project record: stable, diff-friendly, lossless, and refusing what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mashup_gen.errors import ProjectError
from mashup_gen.record import RECORD_NAME, Record, is_project, load, save


def sample() -> Record:
    return Record(
        template="capability",
        template_version="1.0.0",
        answers={"title": "T", "objects": {"b": "x", "a": "y"}, "app_id": "id"},
        files={"z.txt": b"one\ntwo", "a/b.html": "é\r\n".encode(), "logo.png": b"\x89PNG\x00\xff"},
        tool_version="0.1.0",
    )


def test_round_trip_is_lossless_and_stable(tmp_path: Path) -> None:
    record = sample()
    save(tmp_path, record)
    assert is_project(tmp_path)
    loaded = load(tmp_path)
    assert loaded == record
    assert loaded.to_json() == record.to_json()
    text = (tmp_path / RECORD_NAME).read_text()
    document = json.loads(text)
    assert list(document) == ["format", "tool_version", "template", "answers", "files"]
    assert list(document["answers"]) == ["app_id", "objects", "title"]
    assert list(document["answers"]["objects"]) == ["b", "a"]  # page order is kept
    assert document["files"]["z.txt"] == {"lines": ["one\n", "two"]}  # one line per line: diff-friendly
    assert "base64" in document["files"]["logo.png"]


def test_pending_is_kept(tmp_path: Path) -> None:
    record = sample()
    record.pending = {"tenant": "new.eu.qlikcloud.com"}
    save(tmp_path, record)
    assert load(tmp_path).pending == {"tenant": "new.eu.qlikcloud.com"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{", "not a valid mashup-gen record"),
        ('{"format": 99}', "unknown record format"),
        ('{"format": 1}', "not a valid mashup-gen record"),
        ("[]", "not a valid mashup-gen record"),
    ],
)
def test_bad_records(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / RECORD_NAME).write_text(content)
    with pytest.raises(ProjectError, match=reason):
        load(tmp_path)


def test_missing_record(tmp_path: Path) -> None:
    assert not is_project(tmp_path)
    with pytest.raises(ProjectError, match="not a mashup-gen project"):
        load(tmp_path)
