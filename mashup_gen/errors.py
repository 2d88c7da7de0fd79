"""The error a value check raises, and the exit statuses every command shares."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit statuses, the same for every command: scripts and CI branch on these."""

    OK = 0
    PROBLEMS = 1  # the command ran and found problems: check findings, merge conflicts, failed projects
    USAGE = 2  # bad usage or bad input; nothing was written


class InvalidValue(ValueError):
    """A user-supplied value is not acceptable.

    ``expected`` says what would be accepted; the command line adds the option's name, so the message a
    user sees names the option, shows the value and says what is expected.
    """

    def __init__(self, value: object, expected: str) -> None:
        self.value = value
        self.expected = expected
        super().__init__(f"{value!r}: {expected}")


class ProjectError(Exception):
    """A project on disk cannot be worked on (no record, unreadable record, ...); the message says why."""
