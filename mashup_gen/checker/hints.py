"""Quick looks at a script before its syntax tree is read: case-insensitive regexes answered faster.

A rule's hint is a case-insensitive regex whose only question is "does it match anywhere?". Python's regex
engine cannot skip ahead to a candidate position when a pattern is case-insensitive or starts with ``\\b`` or
a look-behind, so such a search tries every position of every script. :class:`Hint` keeps that regex as the
definition and answers the same question from cheaper parts, on ASCII text only (where lower-casing the text
is exactly what case-insensitive matching does):

* ``needs``: substrings (of the lower-cased text) of which one must be present for any match, and
  ``requires``, a regex with a literal start that matches wherever the definition does (its tail, say);
* ``parts``: lower-case regexes, no flags, whose union matches exactly where the definition does, each
  starting with a literal or a character set so the engine skips to candidates; a part written with
  ``word_start`` must also start at a word boundary (checked in Python, at each candidate).

Text that is not ASCII is searched with the definition itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mashup_gen.checker.memo import ContentMemo

try:  # re's own parser: CPython's internals (3.11 and later), read only to find a pattern's literal runs
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # a Python that moved them: every Quick searches with its pattern alone, as fast as before
    _constants = _parser = None


def _word_at(text: str, index: int) -> bool:
    """True when ``text[index]`` is a regex word character (``\\w`` on ASCII text)."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


# eq=False: a hint is its own memo key (see search), hashed by identity; hashing its fields hashed every
# pattern's compiled code on each look-up, 14 us, more than most answers cost.
@dataclass(frozen=True, eq=False)
class Hint:
    """A case-insensitive ``definition`` answered by ``needs`` and ``parts`` on ASCII text."""

    definition: re.Pattern[str]
    parts: tuple[re.Pattern[str] | Quick, ...]  # a Quick where its literal runs find candidates faster
    word_start: tuple[re.Pattern[str], ...] = ()
    needs: tuple[str, ...] = field(default=())
    requires: re.Pattern[str] | None = None  # a fast regex that matches wherever the definition does

    def search(self, text: str) -> bool:
        """True when the definition matches somewhere in ``text`` (answered once per hint and distinct text)."""
        return _FOUND.get((self, text), len(text), self._search, text)

    def _search(self, text: str) -> bool:
        if not text.isascii():
            return self.definition.search(text) is not None
        lower = text.lower()
        if self.needs and not any(n in lower for n in self.needs):
            return False
        if self.requires is not None and self.requires.search(lower) is None:
            return False
        # The word-start parts first: in a script with a Qlik use they usually match, and early.
        for part in self.word_start:
            pos = 0
            # Bounded: every round moves past the previous candidate.
            while (m := part.search(lower, pos)) is not None:
                start = m.start()
                if not _word_at(lower, start - 1):  # the part starts with a word character: \b before it
                    return True
                pos = start + 1
        return any(p.search(lower) is not None for p in self.parts)


# Answers by (hint, text): a script shared by many projects is looked at once (mashup_gen.checker.memo).
_FOUND: ContentMemo[bool] = ContentMemo()


class Quick:
    """A compiled regex whose ``search`` and ``finditer`` give exactly the pattern's own matches, found with
    C-level steps Python's engine does not take for it: a pattern that starts with ``\\b``, a character set or
    an alternation, or is case-insensitive, is tried at every position of the text (a hundred microseconds
    a script), where a literal start is found by a scan of the text.

    * ``needs``: strings of which one is in every text the pattern matches somewhere (literal runs its syntax
      requires, worked out by :func:`_needed`): a text holding none is answered at once.
    * ``anchors``: for each alternative of the pattern (or the whole), a run of literals it holds at a fixed
      distance from where its match starts (``window.require`` at 0 in ``\\bwindow\\.require``, ``edirect``
      at 1 in ``[Rr]edirect``). A match can start only that distance before one of the runs, so those
      positions, found with ``str.find``, are tried in order with the pattern itself (``match`` there reads
      the text before the position, as a search does, and tries every alternative as a search does there):
      the first that matches is the search's match.

    For a case-insensitive pattern both are lower-case and asked of the lower-cased text, on ASCII text only
    (where lower-casing is exactly what case-insensitive matching does); other text is searched as it is.
    Anything else (``sub``, ``match``, ``pattern``) is the pattern's own.
    """

    __slots__ = ("_nonempty", "anchors", "folded", "needs", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        parsed = _parse(pattern)
        self.folded = bool(pattern.flags & re.IGNORECASE)
        readable = parsed is not None and not pattern.flags & re.LOCALE
        needs = _needed(parsed) if readable else None
        if needs is not None and len(needs) > _MOST_NEEDS:
            needs = None  # more substring searches than one search of the pattern would cost
        anchors = _anchors(parsed) if readable else None
        if self.folded:
            needs = _lowered(needs)
            anchors = _lowered_anchors(anchors)
        if anchors is not None:
            needs = None  # a text without any anchor's run gives no candidate: answered as fast
        self.needs: tuple[str, ...] = tuple(sorted(needs, key=len, reverse=True)) if needs else ()
        self.anchors: tuple[tuple[str, int], ...] | None = anchors
        self._nonempty = parsed is not None and parsed.getwidth()[0] > 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.pattern, name)

    def _absent(self, text: str) -> bool:
        """True when ``text`` holds none of the needed strings, so the pattern matches nowhere in it."""
        if self.folded:
            if not text.isascii():
                return False
            text = text.lower()
        return not any(n in text for n in self.needs)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``'s match (its ``pos`` attribute aside)."""
        if endpos is not None:  # a search of part of the text: asked of the pattern itself
            return self.pattern.search(text, pos, endpos)
        seen = text
        if self.folded:
            if not text.isascii():
                return self.pattern.search(text, pos)
            seen = text.lower()
        if self.needs and not any(n in seen for n in self.needs):
            return None
        anchors = self.anchors
        if anchors is None:
            return self.pattern.search(text, pos)
        match, find = self.pattern.match, seen.find
        if len(anchors) == 1:
            run, offset = anchors[0]
            # Bounded: each round moves past the previous candidate.
            while (at := find(run, pos + offset)) != -1:
                found = match(text, at - offset)
                if found is not None:
                    return found
                pos = at - offset + 1
            return None
        # The next start each alternative's run allows (-1: none left), the earliest tried first.
        starts = [_next_start(find, run, offset, pos) for run, offset in anchors]
        while True:
            candidates = [start for start in starts if start != -1]
            if not candidates:
                return None
            start = min(candidates)
            found = match(text, start)
            if found is not None:
                return found
            pos = start + 1
            starts = [
                _next_start(find, run, offset, pos) if 0 <= s < pos else s
                for s, (run, offset) in zip(starts, anchors, strict=True)
            ]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``'s matches, in order."""
        if endpos is not None:
            return self.pattern.finditer(text, pos, endpos)
        if self.anchors is None or not self._nonempty:
            if self.needs and self._absent(text):
                return iter(())
            return self.pattern.finditer(text, pos)
        return self._every(text, pos)

    def _every(self, text: str, pos: int) -> Iterator[re.Match[str]]:
        # A pattern that never matches empty: finditer's next search starts where the last match ended.
        while (m := self.search(text, pos)) is not None:
            yield m
            pos = m.end()


def _next_start(find: Any, run: str, offset: int, pos: int) -> int:
    """Where a match whose run is ``offset`` characters in starts, at ``pos`` or after (-1: nowhere)."""
    at = find(run, pos + offset)
    return -1 if at == -1 else at - offset


# The most alternatives a prefilter asks for: each is a search of the whole text.
_MOST_NEEDS = 4
# The shortest run a search goes from one place of to the next: a shorter one is met too often.
_SHORTEST_ANCHOR = 3


def _lowered(needs: frozenset[str] | None) -> frozenset[str] | None:
    return frozenset(n.lower() for n in needs) if needs and all(n.isascii() for n in needs) else None


def _lowered_anchors(anchors: tuple[tuple[str, int], ...] | None) -> tuple[tuple[str, int], ...] | None:
    if anchors is None or not all(run.isascii() for run, _ in anchors):
        return None
    return tuple((run.lower(), offset) for run, offset in anchors)


def _parse(pattern: re.Pattern[str]) -> Any:
    """The pattern's syntax tree (re's own parser), or None when it cannot be read again."""
    if _parser is None:
        return None
    try:
        return _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern re compiled reads again; if not, no shortcut is taken
        return None


def _needed(items: Any) -> frozenset[str] | None:
    """Strings of which one is in any text a sequence of parsed items matches, or None when nothing is known.

    A run of literals written one after another is in every match of the sequence; a group (no flags of its
    own) adds its own items to the sequence; a set of alternatives needs one of its branches' strings. The
    sequence's longest such requirement is chosen (any is right: this only chooses the quickest question)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in [*items, (None, None)]:  # the sentinel ends the last run
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        if op is _constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                consider(_needed(sub))
        elif op is _constants.BRANCH:
            branches = [_needed(branch) for branch in av[1]]
            if all(branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
    return best


def _anchors(parsed: Any) -> tuple[tuple[str, int], ...] | None:
    """For each alternative of a parsed pattern, its longest run of literals whose distance from the match's
    start is fixed: ``(run, distance)``; None when one has none. The alternatives are the sequences the
    pattern may match as: a set of alternatives met before any run (``(?:window|self)\\.x``) gives one
    sequence per branch (``window\\.x``, ``self\\.x``), a group without flags of its own adds its items."""
    sequences = _sequences(list(parsed), parsed.state)
    if not sequences:
        return None  # too many to read
    anchors: dict[tuple[str, int], None] = {}  # in order, each once
    for sequence in sequences:
        anchor = _anchor(sequence, parsed.state)
        if anchor is None:
            return None
        anchors[anchor] = None
    return tuple(anchors)


# The most sequences a pattern is read as (a set of alternatives gives one per branch).
_MOST_SEQUENCES = 32


def _sequences(items: list[Any], state: Any) -> list[list[Any]]:
    """The sequences ``items`` may match as, its first set of alternatives (or group) opened: each branch
    (or the group's items) in its place, until the first item that is neither a literal nor a fixed width."""
    for index, (op, av) in enumerate(items):
        if op is _constants.BRANCH:
            found = [s for branch in av[1] for s in _sequences([*items[:index], *branch, *items[index + 1 :]], state)]
            return found if len(found) <= _MOST_SEQUENCES else []
        if op is _constants.SUBPATTERN and not av[1] and not av[2]:
            return _sequences([*items[:index], *av[3], *items[index + 1 :]], state)
        if op is not _constants.LITERAL:
            low, high = _parser.SubPattern(state, [(op, av)]).getwidth()
            if low != high:
                break
    return [items]


def _anchor(items: list[Any], state: Any) -> tuple[str, int] | None:
    """The longest run of literals in a sequence whose items before it match a fixed number of characters."""
    best: tuple[str, int] | None = None
    offset = 0  # the width of the items before the current one, while it is fixed
    run: list[str] = []
    run_offset = 0
    for op, av in [*items, (None, None)]:  # the sentinel ends the last run
        if op is _constants.LITERAL:
            if not run:
                run_offset = offset
            run.append(chr(av))
            offset += 1
            continue
        if len(run) >= _SHORTEST_ANCHOR and (best is None or len(run) > len(best[0])):
            best = ("".join(run), run_offset)
        run = []
        if op is None:
            break
        low, high = _parser.SubPattern(state, [(op, av)]).getwidth()
        if low != high:
            break  # every item after this one is a varying distance from the start
        offset += low
    return best
