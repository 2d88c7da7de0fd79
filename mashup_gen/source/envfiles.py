"""``.env`` files (dotenv syntax): each ``KEY=value`` with the exact span of its value, for findings that
point at the line to change and for values that travel into code (``import.meta.env.VITE_X``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(.*?)[ \t]*$", re.M)
# Files meant to hold placeholders: a template the developer copies and fills, never read at run time.
TEMPLATE_NAMES = re.compile(r"^\.env\.(?:example|sample|template|dist|defaults?)$|\.example$", re.I)


@dataclass(frozen=True)
class EnvEntry:
    """``KEY=value``: the value unquoted, and the span of its text inside the quotes."""

    key: str
    value: str
    start: int
    end: int


def is_env_file(name: str) -> bool:
    """True for ``.env`` and ``.env.<mode>`` files (``.env.production``, ``.env.local``)."""
    return name == ".env" or name.startswith(".env.")


# Files for a developer's own machine or tests (.env.development, .env.local, .env.production.local): what they
# hold is not what a deployed build reads.
LOCAL_NAMES = re.compile(r"(?i)^\.env\.(?:development|dev|local|test)(?:\..*)?$|^\.env\..*\.local$")


def is_local(name: str) -> bool:
    """True for ``.env.development``, ``.env.local`` and the like: a developer's values, not a deployment's."""
    return bool(LOCAL_NAMES.search(name))


def is_template(name: str) -> bool:
    """True for ``.env.example`` and the like: placeholders there are expected."""
    return bool(TEMPLATE_NAMES.search(name))


def entries(text: str) -> list[EnvEntry]:
    """The ``KEY=value`` lines of a dotenv file (comments and blank lines skipped)."""
    found: list[EnvEntry] = []
    for m in _LINE.finditer(text):
        raw, start = m.group(2), m.start(2)
        if raw[:1] in ("'", '"', "`"):
            close = raw.find(raw[0], 1)
            if close != -1:
                found.append(EnvEntry(m.group(1), raw[1:close], start + 1, start + close))
                continue
        value = re.split(r"[ \t]+#", raw, maxsplit=1)[0]
        found.append(EnvEntry(m.group(1), value, start, start + len(value)))
    return found
