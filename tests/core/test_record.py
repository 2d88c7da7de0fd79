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


def test_records_sharing_files_serialise_the_same_with_their_encoding_reused() -> None:
    # regenerate writes two records per run (the journal, then the finished one) that share most files.
    shared = {"a.js": b"const a = 1;\n", "b.css": "p { color: r\u00e9d }\r\n".encode(), "bin": b"\xff\xfe\x00"}
    first = Record("capability", "1", {"tenant": "acme.eu.qlikcloud.com"}, dict(shared))
    second = Record("capability", "2", {"tenant": "acme.us.qlikcloud.com"}, {**shared, "a.js": b"const a = 2;\n"})
    encoded: dict[bytes, str] = {}
    assert first.to_json(encoded) == first.to_json()
    assert second.to_json(encoded) == second.to_json()
    assert set(encoded) == {b"const a = 1;\n", b"const a = 2;\n", shared["b.css"]}  # text files only
    assert Record.from_json(second.to_json(encoded)) == second
