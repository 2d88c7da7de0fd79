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
from dataclasses import dataclass, field

from mashup_gen.checker.memo import ContentMemo


def _word_at(text: str, index: int) -> bool:
    """True when ``text[index]`` is a regex word character (``\\w`` on ASCII text)."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


# eq=False: a hint is its own memo key (see search), hashed by identity; hashing its fields hashed every
# pattern's compiled code on each look-up, 14 us, more than most answers cost.
@dataclass(frozen=True, eq=False)
class Hint:
    """A case-insensitive ``definition`` answered by ``needs`` and ``parts`` on ASCII text."""

    definition: re.Pattern[str]
    parts: tuple[re.Pattern[str], ...]
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
