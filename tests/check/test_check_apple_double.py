"""file-unreadable: a zip made on macOS carries ``__MACOSX/`` and ``._name`` files (AppleDouble metadata, binary);
they are no page or script of the project, so they are not read at all. A binary file of the project's own is
still reported."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import page, write

METADATA = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t\x00\x00\x00\x32\xff\xfe"


def unreadable(root: Path) -> list[str]:
    return [Path(f.path).name for f in check_paths([str(root)]).sorted() if f.rule == "file-unreadable"]


def test_apple_double_files_are_not_read(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "js/main.js": "console.log(1);\n"})
    (tmp_path / "__MACOSX" / "site").mkdir(parents=True)
    (tmp_path / "__MACOSX" / "site" / "._index.html").write_bytes(METADATA)
    (tmp_path / "js" / "._main.js").write_bytes(METADATA)
    assert unreadable(tmp_path) == []


def test_a_binary_page_of_the_project_is_still_unreadable(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page()})
    (tmp_path / "report.html").write_bytes(METADATA)
    assert unreadable(tmp_path) == ["report.html"]
