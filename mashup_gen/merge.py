"""Three-way merge of one file: base (what the tool last wrote), yours (the file now), template (the new render).

Built on ``merge3`` (Breezy's line merge). Lines changed on one side only are taken from that side; where
both sides changed the same lines differently, the result holds both, between git-style markers::

    <<<<<<< yours
    ...the file's lines...
    =======
    ...the template's lines...
    >>>>>>> template

No line of yours is ever dropped silently: it is either in the result or inside a conflict.

Line endings take no part in the merge: lines are compared without them, so a file Git for Windows checked
out with CRLF merges like its LF original. Each file keeps the endings it had: a line of yours keeps its own
ending; a line from the template (whose output is LF) or a conflict marker gets the ending most lines of
yours have (on a tie, the first line's). An all-CRLF file so stays all CRLF, an all-LF file all LF, and a
mixed file keeps every one of its lines as it was.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from merge3 import Merge3

START = b"<<<<<<< yours"
MIDDLE = b"======="
END = b">>>>>>> template"


@dataclass(frozen=True)
class Merged:
    """The merged bytes and the number of conflicting regions in them.

    ``binary`` marks a file that is not line-based text: when both sides changed it, yours is kept whole
    and the conflict is reported (markers would corrupt it).
    """

    data: bytes
    conflicts: int = 0
    binary: bool = False


class _Matcher(difflib.SequenceMatcher):  # type: ignore[type-arg]
    # difflib's "autojunk" ignores lines repeated in files over 200 lines (blank lines, "});"), which makes
    # the alignment, and so the merge, worse for no gain at these sizes.
    def __init__(self, isjunk: object = None, a: Sequence[bytes] = (), b: Sequence[bytes] = (), autojunk: bool = False):
        super().__init__(None, a, b, autojunk=False)


def is_text(data: bytes) -> bool:
    """True for UTF-8 text without NUL bytes (the files a line merge and a text search make sense for)."""
    if b"\0" in data[:8000]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _ends_with_newline(data: bytes) -> bool:
    return data.endswith((b"\n", b"\r"))


_ENDINGS = (b"\r\n", b"\n", b"\r")


def _ending(line: bytes) -> bytes:
    """The line's end (CRLF, LF or CR), or b"" for a last line without one."""
    for ending in _ENDINGS:
        if line.endswith(ending):
            return ending
    return b""


def _body(line: bytes) -> bytes:
    return line[: len(line) - len(_ending(line))]


def _lines(data: bytes) -> list[bytes]:
    # bytes.splitlines splits on \n, \r\n and \r only (str.splitlines would also split on \x0b, \x1c, ...).
    return data.splitlines(keepends=True)


def _newline(*sides: Sequence[bytes]) -> bytes:
    """The ending most lines of the first side that has any endings use (a tie: its first line's)."""
    for lines in sides:
        counts: dict[bytes, int] = {}
        for line in lines:
            ending = _ending(line)
            if ending:
                counts[ending] = counts.get(ending, 0) + 1
        if counts:
            first = _ending(lines[0]) or max(counts, key=counts.__getitem__)
            return max(counts, key=lambda e: (counts[e], e == first))
    return b"\n"


def _keys(lines: Sequence[bytes]) -> list[bytes]:
    # What the merge compares: the line without its ending. Every line gets the same end, so a missing
    # final newline does not make the last line differ either (the final newline is merged on its own).
    return [_body(line) + b"\n" for line in lines]


class _Merger(Merge3):
    # Keeps the sync regions merge_regions computes: an "unchanged" region names only base lines, and the
    # matching lines of yours (with their own endings) are found through them.
    def find_sync_regions(self) -> list[tuple[int, int, int, int, int, int]]:
        self.sync_regions = super().find_sync_regions()
        return self.sync_regions


def _regions(
    base: list[bytes], yours: list[bytes], theirs: list[bytes]
) -> Iterator[tuple[str, tuple[int, int], tuple[int, int]]]:
    """``(kind, yours_range, template_range)`` in file order, on the line keys; kind is "yours", "template"
    (one range) or "conflict". Ranges are ``(start, end)`` indices into yours and the template."""
    merger = _Merger(base, yours, theirs, sequence_matcher=_Matcher)
    regions = list(merger.reprocess_merge_regions(merger.merge_regions()))
    # The n-th "unchanged" region is the n-th non-empty sync region; that gives its lines in yours.
    unchanged = iter([(a1, a2) for z1, z2, a1, a2, _, _ in merger.sync_regions if z2 > z1])
    # reprocess_merge_regions takes the lines both sides agree on out of each conflict, as git does.
    for region in regions:
        kind = region[0]
        if kind == "unchanged":
            yield "yours", next(unchanged), (0, 0)
        elif kind in ("a", "same"):
            yield "yours", (region[1], region[2]), (0, 0)
        elif kind == "b":
            yield "template", (0, 0), (region[1], region[2])
        else:
            _, _, _, ia, ja, ib, jb = region
            yield "conflict", (ia, ja), (ib, jb)


def merge(base: bytes, yours: bytes, theirs: bytes) -> Merged:
    """Merge the template's change (base -> theirs) into the file as it is now (``yours``)."""
    # The cheap cases first; they also keep bytes exact (no line splitting) for untouched files.
    if yours == theirs or theirs == base:
        return Merged(yours)
    if yours == base:
        return Merged(theirs)
    if not (is_text(base) and is_text(yours) and is_text(theirs)):
        return Merged(yours, conflicts=1, binary=True)

    base_lines, your_lines, their_lines = _lines(base), _lines(yours), _lines(theirs)
    newline = _newline(your_lines, their_lines)

    def mine(start: int, end: int) -> list[bytes]:
        # A last line without an end gets one, so a marker or a later line never lands on it; the final
        # newline is settled below.
        return [line if _ending(line) else line + newline for line in your_lines[start:end]]

    def template(start: int, end: int) -> list[bytes]:
        return [_body(line) + newline for line in their_lines[start:end]]

    out: list[bytes] = []
    conflicts = 0
    for kind, (ia, ja), (ib, jb) in _regions(_keys(base_lines), _keys(your_lines), _keys(their_lines)):
        if kind == "yours":
            out.extend(mine(ia, ja))
        elif kind == "template":
            out.extend(template(ib, jb))
        else:
            conflicts += 1
            out.append(START + newline)
            out.extend(mine(ia, ja))
            out.append(MIDDLE + newline)
            out.extend(template(ib, jb))
            out.append(END + newline)
    data = b"".join(out)

    # The final newline is merged like a one-line file: a side that changed it wins.
    base_end, your_end, their_end = (_ends_with_newline(x) for x in (base, yours, theirs))
    wants_end = their_end if your_end == base_end else your_end
    ends_in_marker = bool(out) and out[-1] == END + newline
    if not wants_end and not ends_in_marker and out:
        data = data[: len(data) - len(_ending(out[-1]))]
    return Merged(data, conflicts)


def count_conflicts(data: bytes) -> int:
    """How many conflict regions (by their start marker) a file holds."""
    return sum(1 for line in data.splitlines() if line == START)
