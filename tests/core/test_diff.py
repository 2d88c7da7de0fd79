"""The one diff renderer: unified, git's names and colours, binary and missing-newline cases."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mashup_gen.diff import diff_text, file_diff


def test_a_changed_file() -> None:
    lines = list(file_diff("js/app.js", b"a\nb\nc\n", b"a\nB\nc\n", title="diff p/js/app.js"))
    assert lines == [
        "diff p/js/app.js",
        "--- a/js/app.js",
        "+++ b/js/app.js",
        "@@ -1,3 +1,3 @@",
        " a",
        "-b",
        "+B",
        " c",
    ]


def test_new_and_deleted_files_use_dev_null() -> None:
    assert list(file_diff("n.txt", None, "x\n"))[:3] == ["--- /dev/null", "+++ b/n.txt", "@@ -0,0 +1 @@"]
    assert list(file_diff("d.txt", b"x\n", None))[:3] == ["--- a/d.txt", "+++ /dev/null", "@@ -1 +0,0 @@"]


def test_binary_and_missing_newline() -> None:
    assert list(file_diff("i.png", b"\x89PNG\0", b"\x89PNG\0\1")) == ["Binary files a/i.png and b/i.png differ"]
    assert list(file_diff("t", b"a", b"b")) == [
        "--- a/t",
        "+++ b/t",
        "@@ -1 +1 @@",
        "-a",
        "\\ No newline at end of file",
        "+b",
        "\\ No newline at end of file",
    ]


def test_colours_only_when_asked() -> None:
    plain = list(file_diff("t", b"a\n", b"b\n"))
    coloured = list(file_diff("t", b"a\n", b"b\n", colors=True, title="diff t"))
    assert not any("\x1b[" in line for line in plain)
    assert coloured[0] == "\x1b[1mdiff t\x1b[0m"
    assert (
        "\x1b[31m-a\x1b[0m" in coloured and "\x1b[32m+b\x1b[0m" in coloured and "\x1b[36m@@ -1 +1 @@\x1b[0m" in coloured
    )


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch(1)")
def test_patch_p1_applies_the_text(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("one\ntwo\n")
    (tmp_path / "gone.txt").write_text("bye\n")
    text = diff_text([("sub/a.txt", "one\ntwo\n", "one\n2\n"), ("new.txt", None, "hi\n"), ("gone.txt", b"bye\n", None)])
    subprocess.run(["patch", "-p1", "-s"], input=text, text=True, cwd=tmp_path, check=True, timeout=30)
    assert (tmp_path / "sub" / "a.txt").read_text() == "one\n2\n"
    assert (tmp_path / "new.txt").read_text() == "hi\n"
    assert not (tmp_path / "gone.txt").exists()
