"""Whether a project's files still hold the values its record says they hold.

The record keeps the text the tool last wrote for each file, so a value the record puts on a line can be
followed to the file as it is now. When that line was changed to hold another value (a conflict resolved by
keeping your side: the record says app id Y, mashup.js says X), the record and the file disagree, and every
command that trusts the record (``regenerate``, ``check --online``) works on the wrong value. Both
``regenerate`` (as a conflict) and ``check`` (rule ``record-drift``) report these lines, with how to settle.

The tenant and the web integration id have their own, finer checks (``retarget.strays``, the ``drift-*``
rules); this module covers the other ids a page connects with.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Answer -> (how it is named, the option that changes it everywhere).
CHECKED: dict[str, tuple[str, str]] = {
    "app_id": ("app id", "--app-id"),
    "client_id": ("OAuth client id", "--client-id"),
}
# What another value of each answer looks like: a line that lost the value without holding another one
# (deleted, rewritten) is an edit, not a disagreement.
_OTHER = {
    "app_id": re.compile(
        r"(?<![0-9A-Za-z-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z-])"
    ),
    "client_id": re.compile(r"(?<![0-9A-Za-z_-])[0-9a-fA-F]{16,64}(?![0-9A-Za-z_-])"),
}


@dataclass(frozen=True)
class Disagreement:
    """A line of a file that held the record's value of ``key`` when the tool wrote it, and no longer does."""

    line: int  # 1-based, in the file as it is now
    key: str
    recorded: str
    found: str  # the other value the line holds now
    text: str  # the line now, stripped and shortened

    def describe(self) -> str:
        """What is wrong and the two ways to settle it."""
        name, option = CHECKED[self.key]
        return (
            f"the record's {name} is {self.recorded} but this line holds {self.found}; to keep {self.found} run "
            f"`mashup-gen regenerate {option} {self.found}` (the record and every file follow), or put "
            f"{self.recorded} back here"
        )


def _excerpt(line: str) -> str:
    text = line.strip()
    return text if len(text) <= 100 else text[:97] + "..."


def _other(key: str, recorded: str, line: str) -> str | None:
    """Another value of ``key`` on ``line`` (not the recorded one), or None."""
    for match in _OTHER[key].finditer(line):
        if match.group(0).lower() != recorded.lower():
            return match.group(0)
    return None


def disagreements(written: bytes, now: bytes, answers: Mapping[str, Any]) -> list[Disagreement]:
    """The lines of ``now`` (a file) that replaced a line of ``written`` (what the tool wrote) holding one of
    the record's ``answers`` (see :data:`CHECKED`) with a line holding another value of that answer."""
    if written == now:
        return []
    values = {key: answers[key] for key in CHECKED if isinstance(answers.get(key), str) and len(answers[key]) >= 4}
    # The cheap test first: a value written as often as before has not been taken out.
    values = {key: v for key, v in values.items() if now.count(v.encode()) < written.count(v.encode())}
    if not values:
        return []
    # Line endings and encodings take no part (a CRLF checkout disagrees with nothing).
    old = written.decode("utf-8", "replace").splitlines()
    new = now.decode("utf-8", "replace").splitlines()
    found: list[Disagreement] = []
    reported: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue  # a deleted line is an edit, not a different value
        for key, value in values.items():
            others = {j: _other(key, value, new[j]) for j in range(j1, j2) if j not in reported and value not in new[j]}
            others = {j: other for j, other in others.items() if other}
            for before in (line for line in old[i1:i2] if value in line):
                if not others:
                    break
                # The changed line most like the one written: where the value was replaced.
                j = max(others, key=lambda k: difflib.SequenceMatcher(None, before, new[k]).ratio())
                reported.add(j)
                found.append(Disagreement(j + 1, key, value, others.pop(j), _excerpt(new[j])))
    return sorted(found, key=lambda d: d.line)
