"""Per-process memos of what check derives from a file's text alone (tokens, tags, syntax trees, module
tables), so that a file met again with the same text, in the same role, is not read twice.

A folder of projects made from one template holds the same script, page or record many times over (a
team's mashups share their sign-in script and styles; copies differ in a few ids). Everything memoised here
is a pure function of its key (the text and whatever else the result depends on, such as the offset of an
inline script or the path a module table names) and is only read after it is made, so a result shared by
two projects is the result each would have built. The memo is bounded by the characters of text it covers
and starts again empty when full: a tree of distinct files costs one dictionary look-up per file.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Characters of text one memo covers before it starts again: ~10 MB of tokens or trees at most, more
# than the distinct files of a folder of generated projects.
LIMIT_CHARS = 500_000


class ContentMemo(Generic[T]):
    """Results keyed by a file's text (and what else they depend on), kept up to ``limit`` characters."""

    def __init__(self, limit: int = LIMIT_CHARS) -> None:
        self.limit = limit
        self._items: dict[Hashable, T] = {}
        self._chars = 0

    def get(self, key: Hashable, size: int, make: Callable[..., T], *args: Any) -> T:
        """The result for ``key`` (covering ``size`` characters of text), made by ``make(*args)`` the first time.

        An exception from ``make`` propagates and nothing is kept, so a failure is met again, the same way.
        """
        try:
            return self._items[key]
        except KeyError:
            pass
        value = make(*args)
        if size > self.limit:
            return value  # a file bigger than the whole memo is not kept
        if self._chars + size > self.limit:
            self._items.clear()
            self._chars = 0
        self._items[key] = value
        self._chars += size
        return value

    def clear(self) -> None:
        """Forget every result."""
        self._items.clear()
        self._chars = 0

    def __len__(self) -> int:
        return len(self._items)
