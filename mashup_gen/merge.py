"""Three-way merge of one file: base (what the tool last wrote), yours (the file now), template (the new render).

Built on ``merge3`` (Breezy's line merge). Lines changed on one side only are taken from that side; where
both sides changed the same lines differently, the result holds both, between git-style markers::

    <<<<<<< yours
    ...the file's lines...
    =======
    ...the template's lines...
    >>>>>>> template

No line of yours is ever dropped silently: it is either in the result or inside a conflict.
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


def _lines(data: bytes) -> list[bytes]:
    # bytes.splitlines splits on \n, \r\n and \r only (str.splitlines would also split on \x0b, \x1c, ...).
    lines = data.splitlines(keepends=True)
    if lines and not _ends_with_newline(lines[-1]):
        # Give the last line an end so a conflict marker never lands on the same line; taken off afterwards.
        lines[-1] += b"\n"
    return lines


def _newline(lines: Sequence[bytes]) -> bytes:
    return b"\r\n" if lines and lines[0].endswith(b"\r\n") else b"\n"


def _regions(
    base: list[bytes], yours: list[bytes], theirs: list[bytes]
) -> Iterator[tuple[str, list[bytes], list[bytes]]]:
    """``(kind, yours_lines, template_lines)`` in file order; kind is "ok" (one list) or "conflict"."""
    merger = Merge3(base, yours, theirs, sequence_matcher=_Matcher)
    # reprocess_merge_regions takes the lines both sides agree on out of each conflict, as git does.
    for region in merger.reprocess_merge_regions(merger.merge_regions()):
        kind = region[0]
        if kind == "unchanged":
            yield "ok", base[region[1] : region[2]], []
        elif kind in ("a", "same"):
            yield "ok", yours[region[1] : region[2]], []
        elif kind == "b":
            yield "ok", theirs[region[1] : region[2]], []
        else:
            _, _, _, ia, ja, ib, jb = region
            yield "conflict", yours[ia:ja], theirs[ib:jb]


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
    newline = _newline(your_lines or their_lines)
    out: list[bytes] = []
    conflicts = 0
    for kind, mine, template in _regions(base_lines, your_lines, their_lines):
        if kind == "ok":
            out.extend(mine)
            continue
        conflicts += 1
        out.append(START + newline)
        out.extend(mine)
        out.append(MIDDLE + newline)
        out.extend(template)
        out.append(END + newline)
    data = b"".join(out)

    # The final newline is merged like a one-line file: a side that changed it wins.
    base_end, your_end, their_end = (_ends_with_newline(x) for x in (base, yours, theirs))
    wants_end = their_end if your_end == base_end else your_end
    ends_in_marker = bool(out) and out[-1] == END + newline
    if not wants_end and data.endswith(b"\n") and not ends_in_marker:
        data = data[:-1]
    return Merged(data, conflicts)


def count_conflicts(data: bytes) -> int:
    """How many conflict regions (by their start marker) a file holds."""
    return sum(1 for line in data.splitlines() if line == START)
