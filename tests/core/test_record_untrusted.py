"""The project record is input like any other (issue 18.3): every value is validated as its option would be,
every structure error is named, exit 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mashup_gen.answers import check_answer
from mashup_gen.errors import InvalidValue
from mashup_gen.record import RECORD_NAME, InvalidRecord, Record, key_line
from tests.regen_support import snapshot

GOOD_DIGEST = "0" * 64


def edit_record(project: Path, change: Any) -> None:
    path = project / RECORD_NAME
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def refused(project: Path, invoke, *words: str) -> None:  # type: ignore[no-untyped-def]
    """``regenerate`` refuses the project: exit 2, the message names the file and ``words``, nothing written."""
    before = snapshot(project)
    result = invoke("regenerate", str(project), "--set", "title=Changed")
    assert result.exit_code == 2, result.output
    assert RECORD_NAME in result.output and "Traceback" not in result.output
    for word in words:
        assert word in result.output, (word, result.output)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("tenant", "http://evil.example.com/x"),
        ("origins", "https://a.example.com';touch${IFS}PWNED;echo'"),
        ("app_id", "--help"),
        ("web_integration_id", "x y"),
        ("title", "bad\x00title"),
        ("objects", {"kpi": "not an id!"}),
        ("app_id", 12),
    ],
)
def test_a_recorded_answer_no_option_would_accept_is_refused(project: Path, invoke, key: str, value: Any) -> None:  # type: ignore[no-untyped-def]
    edit_record(project, lambda d: d["answers"].__setitem__(key, value))
    refused(project, invoke, f"answers.{key}", repr(value)[:20])


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["files"].__setitem__("../outside.js", {"lines": ["x\n"]}), ["files.../outside.js", "relative"]),
        (lambda d: d["files"].__setitem__("/etc/x", {"lines": ["x\n"]}), ["files./etc/x"]),
        (lambda d: d["files"].__setitem__("a/./b.js", {"lines": ["x\n"]}), ["files.a/./b.js"]),
        (lambda d: d["files"].__setitem__("x.png", {"sha256": "nothex"}), ["files.x.png.sha256", "SHA-256"]),
        (lambda d: d["files"].__setitem__("x.bin", {"base64": "!!"}), ["files.x.bin.base64"]),
        (lambda d: d["files"].__setitem__("x.js", {"lines": "not a list"}), ["files.x.js"]),
        (lambda d: d["files"].__setitem__("x.js", []), ["files.x.js", "an object"]),
        (lambda d: d.__setitem__("answers", ["tenant"]), ["answers", "an object"]),
        (lambda d: d.__setitem__("template", "capability"), ["template", "an object"]),
        (
            lambda d: d.__setitem__("pending", {"answers": {"tenant": "http://evil.example.com"}}),
            ["pending.answers.tenant"],
        ),
        (
            lambda d: d.__setitem__("pending", {"answers": {}, "results": {"../x": None}}),
            ["pending.results.../x"],
        ),
    ],
)
def test_a_record_of_the_wrong_shape_is_refused(project: Path, invoke, change: Any, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    edit_record(project, change)
    refused(project, invoke, *words)


def test_bad_json_is_refused(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    (project / RECORD_NAME).write_text("{ not json")
    refused(project, invoke, "not JSON")


def test_check_reports_an_untrusted_record(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    edit_record(project, lambda d: d["answers"].__setitem__("tenant", "http://evil.example.com/x"))
    result = invoke("check", str(project))
    assert result.exit_code == 1 and "record-invalid" in result.output and "answers.tenant" in result.output


def test_check_names_the_line_of_the_wrong_value(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    """A record is a file like any other: the finding points at the line that must change."""
    path = project / RECORD_NAME
    document = json.loads(path.read_text())
    document["answers"]["tenant"] = "http://evil.example.com/x"
    text = json.dumps(document, indent=2)
    path.write_text(text)
    wanted = next(n for n, line in enumerate(text.splitlines(), 1) if "evil.example.com" in line)
    result = invoke("check", "--format", "json", str(project))
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "record-invalid"]
    assert finding["line"] == wanted > 1, (wanted, finding)


def test_check_names_the_line_of_a_json_syntax_error(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    (project / RECORD_NAME).write_text('{\n  "format": 1,\n  "answers": {\n    "tenant": oops\n  }\n}\n')
    result = invoke("check", "--format", "json", str(project))
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "record-invalid"]
    assert finding["line"] == 4, finding


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("answers.tenant", 5),
        ("answers", 3),
        ("files.src/app.v1.js.lines", 8),  # a path with dots is one key
        ("template.name", 2),
        ("format", 1),
        ("the document", 1),  # no key to point at: the first line
        (None, 1),
    ],
)
def test_key_line_finds_a_dotted_key(key: str | None, line: int) -> None:
    text = (
        '{"format": 1,\n  "template": {"name": ""},\n  "answers": {\n    "title": "tenant",\n    "tenant": 7\n  },\n'
        '  "files": {\n    "src/app.v1.js": {"lines": 3}\n  }\n}\n'
    )
    assert key_line(text, key) == line


def _document(answers: dict[str, Any]) -> str:
    return json.dumps({"format": 1, "template": {"name": "capability", "version": "1"}, "answers": answers})


_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["acme.eu.qlikcloud.com", "https://acme.eu.qlikcloud.com", "http://evil.example.com/x", "-rf", "--",
         "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", "a'b", "$(id)", "`id`", "http://localhost:8000", "x\ny"]
    ),
    st.integers(),
    st.lists(st.text(max_size=5), max_size=3),
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    key=st.sampled_from(["tenant", "web_integration_id", "app_id", "origins", "title", "objects", "client_id", "ui"]),
    value=_values,
)
def test_a_recorded_value_is_accepted_exactly_when_its_option_would_be(key: str, value: Any) -> None:
    """Any value: the record takes it if and only if ``check_answer`` does (empty: an unused answer)."""
    try:
        expected: Any = check_answer(key, value).value
    except (InvalidValue, TypeError, AttributeError):  # (the checkers take text; another type is refused)
        expected = None
    if value in ("", []) and key not in ("tenant", "web_integration_id", "app_id"):
        expected = value  # an answer the project does not use
    try:
        record = Record.from_json(_document({key: value}))
    except InvalidRecord as exc:
        assert expected is None, (key, value, str(exc))
        assert f"answers.{key}" in str(exc) and RECORD_NAME in str(exc)
    else:
        assert expected is not None and record.answers[key] == expected, (key, value)
