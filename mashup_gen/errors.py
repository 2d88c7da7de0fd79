"""The exceptions mashup-gen raises, and the exit statuses every command shares.

Every error a user can cause derives from :class:`Error`; the command line turns each into a message and
an exit status in one place (:mod:`mashup_gen.cli`). Library code raises these and never exits.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit statuses, the same for every command: scripts and CI branch on these."""

    OK = 0
    PROBLEMS = 1  # the command ran and found problems: check findings, merge conflicts, failed projects
    USAGE = 2  # bad usage or bad input; nothing was written
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


class Error(Exception):
    """Base of every error mashup-gen raises on purpose; the message is for the user as it stands."""

    exit_status: ExitStatus = ExitStatus.PROBLEMS


class InvalidValue(Error, ValueError):
    """A user-supplied value is not acceptable; nothing has been written.

    ``expected`` says what would be accepted. ``answer`` names the answer (``app_id``) and ``option`` the
    command-line option or argument (``--app-id``, ``DEST``) when the raiser knows them; the command line
    names the option (derived from the answer when only that is known), shows the value and says what is
    expected.
    """

    exit_status = ExitStatus.USAGE

    def __init__(self, value: object, expected: str, *, answer: str | None = None, option: str | None = None) -> None:
        self.value = value
        self.expected = expected
        self.answer = answer
        self.option = option
        super().__init__(f"{value!r}: {expected}")

    def naming(self, *, answer: str | None = None, option: str | None = None) -> InvalidValue:
        """This error with the answer and option filled in where still unknown (returns ``self``)."""
        self.answer = self.answer or answer
        self.option = self.option or option
        return self

    def describe(self) -> str:
        """The message for a caller of the Python API: which answer, the value, what is expected."""
        name = self.answer or self.option
        return f"{name}: {self}" if name else str(self)


class UsageProblem(Error):
    """Options that cannot be used together, or one that is missing; ``option`` names it when known."""

    exit_status = ExitStatus.USAGE

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class ProjectError(Error):
    """A project on disk cannot be worked on (no record, unreadable record, ...); the message says why."""


class FileProblem(Error):
    """An operating-system error on a named path, said as what happened and what to do (exit 1 or 2)."""

    def __init__(self, message: str, *, status: ExitStatus = ExitStatus.PROBLEMS) -> None:
        super().__init__(message)
        self.exit_status = status


# What to do about an operating-system error, by errno name (looked up lazily: errno is cheap, but only
# failing runs need it).
_ADVICE = {
    "ENOSPC": "free some space on that disk and run again",
    "EDQUOT": "free some space within your quota and run again",
    "EACCES": "check the permissions there, or choose a folder you can write to",
    "EPERM": "check the permissions there, or choose a folder you can write to",
    "EROFS": "that file system is read-only: choose a writable location",
    "ENAMETOOLONG": "choose a shorter path",
    "ENOTDIR": "a part of the path is a file, not a folder: choose another path",
    "ELOOP": "the path has a symbolic link loop: choose another path",
}
# Errors that say the destination itself is unusable (bad usage) rather than a failure along the way.
_BAD_DESTINATION = frozenset({"EACCES", "EPERM", "EROFS", "ENAMETOOLONG", "ENOTDIR", "ELOOP", "EEXIST"})


def os_error_message(exc: OSError) -> str:
    """An operating-system error as a user reads it: which path, what happened, and what to do."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    path = exc.filename if exc.filename is not None else "a file"
    reason = exc.strerror or str(exc)
    return f"{path}: {reason}; {_ADVICE.get(name, 'check the path and run again')}"


def file_problem(exc: OSError, doing: str, nothing_written: bool = True) -> FileProblem:
    """:class:`FileProblem` for ``exc`` met while ``doing`` (such as "writing demo/"): exit 2 for a bad destination."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    status = ExitStatus.USAGE if name in _BAD_DESTINATION else ExitStatus.PROBLEMS
    written = "nothing was written" if nothing_written else "files written before it were kept (backups beside them)"
    return FileProblem(f"cannot finish {doing}: {os_error_message(exc)}; {written}", status=status)
