"""The record and the files never disagree silently (issue 18.6): a line that held the record's app id and now
holds another is a conflict for ``regenerate`` and a ``record-drift`` error for ``check``, with how to settle."""

from __future__ import annotations

import json
from pathlib import Path

from mashup_gen.agreement import disagreements
from mashup_gen.checker.rules.conflicts import markers
from tests.conftest import APP_ID

OTHER_APP = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
NEW_APP = "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"


def test_disagreements_find_the_replaced_line() -> None:
    written = f"a\nconst appId = '{APP_ID}';\nb\n".encode()
    now = f"a\nconst appId = '{OTHER_APP}';\nb\n".encode()
    [found] = disagreements(written, now, {"app_id": APP_ID})
    assert (found.line, found.key, found.recorded, found.found) == (2, "app_id", APP_ID, OTHER_APP)
    assert OTHER_APP in found.text and "--app-id" in found.describe()


def test_no_disagreement_for_edits_that_keep_the_value_or_endings_only() -> None:
    written = f"a\nconst appId = '{APP_ID}';\n".encode()
    assert disagreements(written, written.replace(b"a\n", b"changed\n"), {"app_id": APP_ID}) == []
    assert disagreements(written, written.replace(b"\n", b"\r\n"), {"app_id": APP_ID}) == []
    assert disagreements(written, written.replace(b"';", b"'; // mine"), {"app_id": APP_ID}) == []
    assert disagreements(written, b"a\n", {"app_id": APP_ID}) == []  # the line deleted: an edit, not a value
    assert disagreements(written, b"a\nconst appId = x;\n", {"app_id": APP_ID}) == []  # no other id: an edit


def _keep_my_side(project: Path, invoke) -> Path:  # type: ignore[no-untyped-def]
    """Regenerate to NEW_APP while mashup.js names OTHER_APP, then settle the conflict keeping the file's side."""
    script = project / "mashup.js"
    script.write_text(script.read_text().replace(APP_ID, OTHER_APP))
    result = invoke("regenerate", str(project), "--app-id", NEW_APP)
    assert result.exit_code == 1 and "conflict" in result.output
    text = script.read_text()
    # The old app id is replaced in the base before merging, so the file's other id is no merge conflict
    # (no markers); the run lists the line against the record at once. With markers, keep your side.
    kept = []
    side = None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            side = "yours"
        elif line.startswith("=======") and side:
            side = "template"
        elif line.startswith(">>>>>>>") and side:
            side = None
        elif side != "template":
            kept.append(line)
    script.write_text("".join(kept))
    return script


def test_a_conflict_settled_with_your_side_is_reported_by_check_and_regenerate(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    script = _keep_my_side(project, invoke)
    line = next(n for n, text in enumerate(script.read_text().splitlines(), 1) if OTHER_APP in text)

    result = invoke("check", str(project), "--format", "json")
    assert result.exit_code == 1, result.output
    findings = [f for f in json.loads(result.output)["findings"] if f["rule"] == "record-drift"]
    assert [(f["path"].rsplit("/", 1)[-1], f["line"]) for f in findings] == [("mashup.js", line)]
    assert NEW_APP in findings[0]["message"] and "regenerate --app-id" in findings[0]["message"]

    result = invoke("regenerate", str(project))
    assert result.exit_code == 1, result.output
    assert f"mashup.js:{line}: the record's app id is {NEW_APP}" in result.output
    assert "unchanged" not in result.output.split("\n")[0]

    # Settled by moving the record to the file's value: both are quiet again.
    assert invoke("regenerate", str(project), "--app-id", OTHER_APP).exit_code == 0
    result = invoke("check", str(project), "--format", "json")
    assert not [f for f in json.loads(result.output)["findings"] if f["rule"] in ("record-drift", "conflict-markers")]


def test_check_reports_conflict_markers_with_file_and_line(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    page = project / "index.html"
    page.write_text(page.read_text().replace("<title>Sales</title>", "<title>Mine</title>"))
    assert invoke("regenerate", str(project), "--set", "title=Revenue").exit_code == 1
    start = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if text.startswith("<<<<<<<"))
    result = invoke("check", str(project))
    assert result.exit_code == 1
    assert f"index.html:{start}" in result.output and "conflict-markers" in result.output


def test_the_first_regenerate_already_lists_a_line_holding_another_app_id(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    script = project / "mashup.js"
    script.write_text(script.read_text().replace(APP_ID, OTHER_APP))
    line = next(n for n, text in enumerate(script.read_text().splitlines(), 1) if OTHER_APP in text)
    result = invoke("regenerate", str(project), "--app-id", NEW_APP)
    assert result.exit_code == 1
    assert f"mashup.js:{line}: the record's app id is {NEW_APP}" in result.output


def test_markers() -> None:
    text = "a\n<<<<<<< yours\nx\n=======\ny\n>>>>>>> template\nb\n>>>>>>> stray\n<<<<<<< open\n"
    assert [line for line, _ in markers(text)] == [2, 8, 9]
    assert "lines 2-6" in markers(text)[0][1]
    # Markdown's setext headings and quotes are not markers.
    assert markers("Title\n=======\n\n> quoted\n") == []
    assert markers("a\r\n<<<<<<< yours\r\nb\r\n>>>>>>> template\r\n") != []
