"""The three-way merge of one file: clean merges, conflicts with git-style markers, and awkward inputs."""

from __future__ import annotations

from mashup_gen.merge import END, MIDDLE, START, count_conflicts, is_text, merge

BASE = b"one\ntwo\nthree\nfour\nfive\nsix\n"


def test_untouched_file_takes_the_template_exactly() -> None:
    theirs = b"one\r\ntwo changed\r\n"  # even a different newline style: the bytes are the template's
    assert merge(BASE, BASE, theirs).data == theirs


def test_unchanged_template_keeps_the_file_exactly() -> None:
    ours = b"one\ntwo\n\x00 whatever"
    assert merge(BASE, ours, BASE).data == ours


def test_both_sides_made_the_same_change() -> None:
    same = BASE.replace(b"two", b"TWO")
    merged = merge(BASE, same, same)
    assert merged.data == same and merged.conflicts == 0


def test_changes_in_different_places_both_land() -> None:
    ours = BASE.replace(b"one\n", b"one\nuser line\n")
    theirs = BASE.replace(b"six", b"SIX")
    merged = merge(BASE, ours, theirs)
    assert merged.data == b"one\nuser line\ntwo\nthree\nfour\nfive\nSIX\n"
    assert merged.conflicts == 0


def test_user_deletion_survives_a_change_elsewhere() -> None:
    ours = BASE.replace(b"two\n", b"")
    theirs = BASE.replace(b"five", b"FIVE")
    assert merge(BASE, ours, theirs).data == b"one\nthree\nfour\nFIVE\nsix\n"


def test_same_lines_changed_differently_conflict_with_both_sides() -> None:
    ours = BASE.replace(b"three", b"three (mine)")
    theirs = BASE.replace(b"three", b"three (template)")
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == 1
    assert merged.data == (
        b"one\ntwo\n" + START + b"\nthree (mine)\n" + MIDDLE + b"\nthree (template)\n" + END + b"\nfour\nfive\nsix\n"
    )
    assert merged.data.count(b"<<<<<<< yours\n") == 1 and b">>>>>>> template\n" in merged.data
    assert count_conflicts(merged.data) == 1


def test_two_separate_conflicts_are_counted() -> None:
    ours = BASE.replace(b"one", b"1 mine").replace(b"six", b"6 mine")
    theirs = BASE.replace(b"one", b"1 tpl").replace(b"six", b"6 tpl")
    assert merge(BASE, ours, theirs).conflicts == 2


def test_deleted_by_user_changed_by_template_is_a_conflict() -> None:
    ours = BASE.replace(b"four\n", b"")
    theirs = BASE.replace(b"four", b"FOUR")
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == 1 and b"FOUR" in merged.data


def test_missing_final_newline_never_glues_a_marker_to_a_line() -> None:
    base = b"a\nb"
    merged = merge(base, b"a\nmine", b"a\ntheirs")
    assert merged.data == b"a\n" + START + b"\nmine\n" + MIDDLE + b"\ntheirs\n" + END + b"\n"


def test_final_newline_follows_the_side_that_changed_it() -> None:
    base = b"a\nb\nc\n"
    # The user removed the final newline; the template changed the first line.
    assert merge(base, b"a\nb\nc", b"A\nb\nc\n").data == b"A\nb\nc"
    # The template removed it; the user changed the first line.
    assert merge(base, b"user\nb\nc\n", b"a\nb\nc").data == b"user\nb\nc"
    # Neither: a file without one keeps having none while lines are added after it.
    assert merge(b"a\nb", b"a\nb\nmine", b"x\na\nb").data == b"x\na\nb\nmine"


def test_crlf_files_get_crlf_markers() -> None:
    base = b"a\r\nb\r\n"
    merged = merge(base, b"a\r\nmine\r\n", b"a\r\ntheirs\r\n")
    assert merged.data == b"a\r\n" + START + b"\r\nmine\r\n" + MIDDLE + b"\r\ntheirs\r\n" + END + b"\r\n"


def test_file_added_by_user_and_template_at_one_path_conflicts_whole() -> None:
    merged = merge(b"", b"mine\n", b"theirs\n")
    assert merged.conflicts == 1 and b"mine\n" in merged.data and b"theirs\n" in merged.data


def test_binary_file_changed_on_both_sides_keeps_yours_and_reports_it() -> None:
    base, ours, theirs = b"\x89PNG\x00base", b"\x89PNG\x00mine", b"\x89PNG\x00theirs"
    merged = merge(base, ours, theirs)
    assert merged.data == ours and merged.binary and merged.conflicts == 1
    assert merge(base, base, theirs).data == theirs


def test_long_files_with_repeated_lines_merge_cleanly() -> None:
    # Over 200 lines, difflib's autojunk would treat "}" as junk and misalign the merge.
    base = b"".join(b"function f%d() {\n  return %d;\n}\n" % (i, i) for i in range(150))
    ours = base.replace(b"return 10;", b"return 10; // mine")
    theirs = base.replace(b"return 140;", b"return 140; // template")
    merged = merge(base, ours, theirs)
    assert merged.conflicts == 0
    assert b"// mine" in merged.data and b"// template" in merged.data


def test_is_text() -> None:
    assert is_text(b"plain \xc3\xa9 text")
    assert not is_text(b"nul \x00 inside")
    assert not is_text(b"\xff\xfe latin-1")
