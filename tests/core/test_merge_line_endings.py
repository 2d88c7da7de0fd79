"""Line endings take no part in the three-way merge, and each file keeps the endings it had (issue 18.1)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mashup_gen.merge import END, MIDDLE, START, merge

BASE = b"one\ntwo\nthree\nfour\nfive\nsix\n"


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def endings(data: bytes) -> set[bytes]:
    """The line endings used in ``data``."""
    found = set()
    for line in data.splitlines(keepends=True):
        for ending in (b"\r\n", b"\n", b"\r"):
            if line.endswith(ending):
                found.add(ending)
                break
    return found


def normalised(data: bytes) -> bytes:
    return b"".join(line.rstrip(b"\r\n") + b"\n" for line in data.splitlines(keepends=True))


def test_a_file_converted_to_crlf_takes_the_template_change_and_stays_crlf() -> None:
    theirs = BASE.replace(b"three", b"THREE")
    merged = merge(BASE, crlf(BASE), theirs)
    assert merged.conflicts == 0
    assert merged.data == crlf(theirs)


def test_a_crlf_file_with_user_edits_merges_line_by_line() -> None:
    ours = crlf(BASE.replace(b"one", b"one (mine)"))
    theirs = BASE.replace(b"six", b"SIX")
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == 0
    assert merged.data == crlf(b"one (mine)\ntwo\nthree\nfour\nfive\nSIX\n")


def test_a_crlf_conflict_is_one_region_with_crlf_markers() -> None:
    merged = merge(BASE, crlf(BASE.replace(b"three", b"mine")), BASE.replace(b"three", b"template"))
    assert merged.conflicts == 1
    assert merged.data == crlf(
        b"one\ntwo\n" + START + b"\nmine\n" + MIDDLE + b"\ntemplate\n" + END + b"\nfour\nfive\nsix\n"
    )


def test_a_mixed_file_keeps_each_of_its_lines_and_new_lines_take_its_majority() -> None:
    ours = b"one\r\ntwo\nthree\r\nfour\r\nfive\r\nsix\n"
    merged = merge(BASE, ours, BASE.replace(b"three", b"THREE"))
    assert merged.conflicts == 0
    assert merged.data == b"one\r\ntwo\nTHREE\r\nfour\r\nfive\r\nsix\n"
    # Majority LF: the template's new line gets LF.
    ours = b"one\ntwo\nthree\nfour\r\nfive\nsix\n"
    assert merge(BASE, ours, BASE.replace(b"five", b"FIVE")).data == b"one\ntwo\nthree\nfour\r\nFIVE\nsix\n"


def test_old_mac_cr_endings_are_endings_too() -> None:
    merged = merge(BASE, BASE.replace(b"\n", b"\r"), BASE.replace(b"two", b"TWO"))
    assert merged.conflicts == 0 and merged.data == b"one\rTWO\rthree\rfour\rfive\rsix\r"


def test_missing_final_newline_in_a_crlf_file_stays_missing() -> None:
    base = b"a\nb\n"
    merged = merge(base, b"a\r\nb", b"A\nb\n")
    assert merged.data == b"A\r\nb"


# Files are lists of short lines from a small alphabet, so edits collide often.
_line = st.sampled_from([b"a", b"b", b"c", b"}", b"", b"x = 1;", b"tenant"])
_lines = st.lists(_line, max_size=12)
_ending = st.sampled_from([b"\n", b"\r\n", b"\r"])


@st.composite
def _edited(draw: st.DrawFn, lines: list[bytes]) -> list[bytes]:
    """``lines`` with a few insertions, deletions and replacements."""
    out = list(lines)
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(out)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert" or not out or where == len(out):
            out.insert(where, draw(_line) + b" new")
        elif action == "delete":
            del out[where]
        else:
            out[where] = draw(_line) + b" changed"
    return out


def _join(lines: list[bytes], line_endings: list[bytes], final: bool) -> bytes:
    if not lines:
        return b""
    parts = [line + line_endings[i % len(line_endings)] for i, line in enumerate(lines)]
    if not final and lines[-1]:  # (an empty last line without an end would be no line at all)
        parts[-1] = lines[-1]
    return b"".join(parts)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), base=_lines, line_endings=st.lists(_ending, min_size=1, max_size=4), final=st.booleans())
def test_line_endings_take_no_part_in_the_merge(
    data: st.DataObject, base: list[bytes], line_endings: list[bytes], final: bool
) -> None:
    """Any file, any endings, any edits: the merge is the one of the LF files, and the endings are kept."""
    if len(set(line_endings)) > 1:
        # A lone CR before an empty LF line would read as one CRLF line: mixed files mix LF and CRLF.
        line_endings = [e for e in line_endings if e != b"\r"] or [b"\n"]
    yours_lines = data.draw(_edited(base))
    theirs_lines = data.draw(_edited(base))
    base_lf = _join(base, [b"\n"], True)
    theirs = _join(theirs_lines, [b"\n"], True)  # template output is LF
    yours = _join(yours_lines, line_endings, final)
    yours_lf = _join(yours_lines, [b"\n"], final)

    merged = merge(base_lf, yours, theirs)
    reference = merge(base_lf, yours_lf, theirs)
    # The endings changed nothing but the endings: same conflicts, same lines.
    assert merged.conflicts == reference.conflicts
    assert normalised(merged.data) == normalised(reference.data)
    if yours_lines == base and final and yours != base_lf and theirs != base_lf:
        # Converting the endings alone is no edit (dropping the final newline would be one): never a
        # conflict, the template's change lands.
        assert merged.conflicts == 0
        assert normalised(merged.data) == normalised(theirs)
    if len(set(line_endings)) == 1 and endings(yours) and merged.data != theirs:
        # A file with one ending style keeps it on every line, markers included.
        assert endings(merged.data) <= set(line_endings)


def test_regenerating_a_project_checked_out_with_crlf_keeps_it_crlf(project, invoke) -> None:  # type: ignore[no-untyped-def]
    """Issue 18.1 end to end: `new`, convert to CRLF as Git for Windows does, regenerate with a new app id."""
    converted = [p for p in sorted(project.rglob("*")) if p.is_file() and p.suffix in (".js", ".md", ".html")]
    assert converted
    for path in converted:
        path.write_bytes(crlf(path.read_bytes()))
    new_app = "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"
    result = invoke("regenerate", str(project), "--app-id", new_app, "--set", "title=Sales CRLF")
    assert result.exit_code == 0, result.output
    assert "conflict" not in result.output
    changed = 0
    for path in converted:
        data = path.read_bytes()
        assert START not in data, path
        assert endings(data) <= {b"\r\n"}, path  # all CRLF still
        changed += new_app.encode() in data or b"Sales CRLF" in data
    assert changed, "the change landed in no converted file"
