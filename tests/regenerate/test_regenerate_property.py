"""Property: random user edits plus random answer changes; no edit is ever lost silently.

Each example generates a project, edits it at random (lines inserted, deleted, changed and appended to at
random places in random files; new files; deleted files), regenerates it with random new answers, and
checks that every edit is in the result or inside a reported conflict, that exactly the files with
conflict markers are reported, and that with no edits the result is a fresh ``new``, byte for byte.

Examples: 600 when the environment variable CI is set, 60 otherwise (the "regen-ci" / "regen-dev" profiles).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mashup_gen.answers import check_answer
from mashup_gen.merge import END, MIDDLE, START
from mashup_gen.regeneration import Status, regenerate
from tests.regen_support import ANSWERS, fresh, make_project, snapshot

settings.register_profile(
    "regen-ci",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "regen-dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("regen-ci" if os.environ.get("CI") else "regen-dev")

BASE_FILES = fresh(ANSWERS)
EDITABLE = sorted(path for path in BASE_FILES if path != ".mashup-gen.json")

# User text never holds conflict-marker characters or an old value, so each edit is findable by its tag.
WORDS = st.text(alphabet="abcdefghij klmnopqrstuvwxyz0123456789;(){}.,/*#-_'\"", max_size=30)

TENANTS = ["acme.eu.qlikcloud.com", "globex.us.qlikcloud.com", "dev.acme.eu.qlikcloud.com",
           "http://127.0.0.1:5123", "https://initech.ap.qlikcloud.com"]  # fmt: skip
IDS = ["abcdefghijABCDEFGHIJ0123456789_-", "ZYXWVUTSRQzyxwvutsrq9876543210-_", "0123456789abcdef0123456789abcdef"]
ORIGINS = ["http://localhost:8000", "https://www.example.com http://localhost:8000", "https://intranet.example.org"]
ELEMENT = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_-]{0,8}\Z")
OBJECT_ID = st.one_of(st.just("CurrentSelections"), st.from_regex(r"\A[A-Za-z0-9]{3,8}\Z"))


@st.composite
def answer_changes(draw: st.DrawFn) -> dict[str, Any]:
    """Some of the answers changed to other valid values (normalised as the command line would)."""
    pool: dict[str, st.SearchStrategy[Any]] = {
        "tenant": st.sampled_from(TENANTS),
        "web_integration_id": st.sampled_from(IDS),
        "app_id": st.uuids().map(str),
        "title": st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=40).filter(
            str.strip
        ),
        "origins": st.sampled_from(ORIGINS),
        "objects": st.dictionaries(ELEMENT, OBJECT_ID, min_size=1, max_size=3),
    }
    keys = draw(st.sets(st.sampled_from(sorted(pool))))
    return {key: check_answer(key, draw(pool[key])).value for key in sorted(keys)}


@dataclass(frozen=True)
class Edit:
    kind: str  # insert, delete, change, append, new_file, delete_file
    file: int
    where: float
    text: str


EDITS = st.builds(
    Edit,
    kind=st.sampled_from(["insert", "insert", "delete", "change", "append", "new_file", "delete_file"]),
    file=st.integers(0, len(EDITABLE) - 1),
    where=st.floats(0, 1),
    text=WORDS,
)


def apply_edits(files: dict[str, bytes], edits: list[Edit]) -> tuple[dict[str, bytes], list[tuple[str, bytes]]]:
    """The project after the user's edits, and the base lines the user removed (file, line)."""
    ours = dict(files)
    removed: list[tuple[str, bytes]] = []
    for number, edit in enumerate(edits):
        tag = f"EDIT{number}: {edit.text}".encode()
        if edit.kind == "new_file":
            ours[f"user/new{number}.txt"] = tag + b"\n"
            continue
        path = EDITABLE[edit.file]
        if path not in ours:
            continue
        if edit.kind == "delete_file":
            del ours[path]
            continue
        lines = ours[path].splitlines(keepends=True)
        at = min(int(edit.where * (len(lines) + 1)), len(lines))
        if edit.kind == "insert":
            lines.insert(at, tag + b"\n")
        elif lines:
            at = min(at, len(lines) - 1)
            old = lines[at]
            if edit.kind == "delete":
                del lines[at]
                removed.append((path, old))
            elif edit.kind == "change":
                lines[at] = tag + b"\n"
                removed.append((path, old))
            else:  # append to the line, keeping its end
                body = old.rstrip(b"\r\n")
                lines[at] = body + b" " + tag + old[len(body) :]
        ours[path] = b"".join(lines)
    return ours, removed


def outside_conflicts(data: bytes) -> list[bytes]:
    """The lines of a merged file that are not inside a conflict's template side."""
    kept, side = [], None
    for line in data.splitlines(keepends=True):
        bare = line.rstrip(b"\r\n")
        if bare == START:
            side = "yours"
        elif bare == MIDDLE and side == "yours":
            side = "template"
        elif bare == END and side == "template":
            side = None
        elif side != "template":
            kept.append(line)
    return kept


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@PROFILE
@given(changes=answer_changes(), edits=st.lists(EDITS, max_size=8))
def test_no_edit_is_ever_lost_silently(changes: dict[str, Any], edits: list[Edit]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        project = make_project(Path(temp) / "sales")
        ours, removed = apply_edits(BASE_FILES, edits)
        for path in set(BASE_FILES) - set(ours):
            (project / path).unlink()
        write_tree(project, {path: data for path, data in ours.items() if BASE_FILES.get(path) != data})

        outcome = regenerate(project, changes)
        event(f"status: {outcome.status.value}")
        assert outcome.status is not Status.FAILED, outcome.error
        result = snapshot(project)
        theirs = fresh({**ANSWERS, **changes})

        # Exactly the files holding conflict markers are reported, and the status says so.
        marked = sorted(path for path, data in result.items() if START + b"\n" in data)
        assert sorted(outcome.conflicted) == marked
        assert (outcome.status is Status.CONFLICTED) == bool(marked)

        # Deleted files stay deleted; new files are untouched.
        for path in set(BASE_FILES) - set(ours):
            assert path not in result, path
        for path in set(ours) - set(BASE_FILES):
            assert result[path] == ours[path], path

        # Every edit the user made is in the result (maybe inside a conflict), in the same file.
        for path, data in ours.items():
            for line in data.splitlines():
                if b"EDIT" in line:
                    tag = line[line.index(b"EDIT") :]
                    assert tag in result[path], (path, tag)

        # A line the user removed does not come back outside a conflict (when it is unique on every side).
        for path, line in removed:
            if path not in result or ours.get(path, b"").count(line):
                continue
            base_count = BASE_FILES[path].splitlines(keepends=True).count(line)
            their_count = theirs.get(path, b"").splitlines(keepends=True).count(line)
            if base_count == 1 and their_count <= 1:
                assert line not in outside_conflicts(result[path]), (path, line)

        if not edits:
            assert result == theirs


@PROFILE
@given(changes=answer_changes())
def test_untouched_project_equals_a_fresh_new(changes: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        project = make_project(Path(temp) / "sales")
        outcome = regenerate(project, changes)
        assert outcome.status in (Status.UPDATED, Status.UNCHANGED) and outcome.mentions == []
        assert snapshot(project) == fresh({**ANSWERS, **changes})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", ""]), max_size=8),
    st.lists(st.sampled_from(["a", "b", "c", ""]), max_size=8),
)
def test_the_edited_span_leaves_out_exactly_the_lines_both_sides_share_at_the_ends(
    before: list[str], after: list[str]
) -> None:
    # The merge base is diffed only between these bounds: what lies outside must be the same on both sides,
    # and the span must be the smallest such (else an edit at an end would go unseen).
    from mashup_gen.regeneration import _edited_span

    start, before_end, after_end = _edited_span(before, after)
    assert before[:start] == after[:start]
    assert before[before_end:] == after[after_end:]
    assert len(before) - before_end == len(after) - after_end
    assert start <= before_end and start <= after_end
    if start < min(len(before), len(after)):
        assert before[start] != after[start]
    if before_end > start and after_end > start:
        assert before[before_end - 1] != after[after_end - 1]
