"""The project record: stable, diff-friendly, lossless, and refusing what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.errors import ProjectError
from mashup_gen.record import RECORD_NAME, Record, dumps, is_project, load, save


def sample() -> Record:
    return Record(
        template="capability",
        template_version="1.0.0",
        answers={"title": "T", "objects": {"b": "x", "a": "y"}, "app_id": "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"},
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
    record.pending = {"answers": {"tenant": "new.eu.qlikcloud.com"}, "results": {}, "template_version": "1"}
    save(tmp_path, record)
    assert load(tmp_path).pending == record.pending


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


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12,
)


@given(value=_json_values)
def test_the_fast_encoder_writes_what_json_dumps_writes(value: object) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_records_are_written_as_json_dumps_would() -> None:
    record = sample()
    record.pending = {"answers": {"tenant": "new.eu.qlikcloud.com"}, "results": {"a": None}, "template_version": "1"}
    text = record.to_json()
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def _sample() -> Record:
    files = {"a.js": b"const a = 1;\n", "b.css": "p { color: r\u00e9d }\r\n".encode(), "bin": b"\xff\xfe\x00"}
    return Record("capability", "1", {"tenant": "acme.eu.qlikcloud.com"}, files, "0.1.0", digests={"x.png": "0" * 64})


PENDING = {"answers": {"tenant": "acme.us.qlikcloud.com"}, "results": {"a.js": None}, "template_version": "2"}


@pytest.mark.parametrize("indent", [2, None, 5])
def test_a_record_with_its_journal_is_the_record_read_with_pending_set(indent: int | None) -> None:
    # regenerate writes its journal as the record it read plus `pending`, from the text it read (any layout a
    # person may have given it), without encoding every file again.
    record = _sample()
    text = json.dumps(json.loads(record.to_json()), indent=indent)
    read = Record.from_json(text)
    journaled = read.with_pending(PENDING)
    assert Record.from_json(journaled) == Record(**{**record.__dict__, "pending": PENDING})
    assert journaled.index('"pending"') < journaled.index('"files"')  # put in, not the record encoded again


def test_a_record_that_has_a_journal_or_no_text_is_encoded_whole() -> None:
    record = _sample()
    assert record.with_pending(PENDING) == Record(**{**record.__dict__, "pending": PENDING}).to_json()
    journaled = Record.from_json(Record.from_json(record.to_json()).with_pending(PENDING))
    newer = {**PENDING, "template_version": "3"}
    assert Record.from_json(journaled.with_pending(newer)).pending == newer  # one entry, never two
