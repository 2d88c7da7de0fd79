"""One run at a time per project: a lock file inside the project, held while a command changes it.

The lock is the operating system's own (``flock`` through the ``filelock`` library), so it dies with the
process that held it: a crashed or killed run never leaves a lock that blocks the next one. The lock file
``.mashup-gen.lock`` is removed when the lock is released; one a crash left behind is empty and harmless,
and the commands that walk a project (regenerate, check, serve) never treat it as one of its files.

A run that finds the project locked waits a bounded time (``MASHUP_GEN_LOCK_TIMEOUT`` seconds, default
:data:`DEFAULT_TIMEOUT`) and then gives up with :class:`ProjectBusy`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from mashup_gen.errors import ProjectError

LOCK_NAME = ".mashup-gen.lock"
TIMEOUT_VARIABLE = "MASHUP_GEN_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 10.0


# Projects this process holds the lock of: taking it again inside (adopt writing through generate, say)
# goes straight on instead of waiting for itself.
_held: set[Path] = set()


class ProjectBusy(ProjectError):
    """Another run held the project's lock for longer than this run would wait."""


def lock_path(root: Path) -> Path:
    """Where a project's lock file lives."""
    return root / LOCK_NAME


def timeout() -> float:
    """How long to wait for a locked project, in seconds (the environment may set it; bad values are ignored)."""
    try:
        value = float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value >= 0 else DEFAULT_TIMEOUT


@contextlib.contextmanager
def project_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold ``root``'s lock for the ``with`` block; raise :class:`ProjectBusy` after waiting ``wait`` seconds.

    ``root`` must be an existing folder. A lock that cannot be created (a read-only folder) raises
    :class:`ProjectError` saying so. Re-entrant: inside a block that holds ``root``'s lock, taking it again
    goes straight on.
    """
    key = root.resolve()
    if key in _held:
        yield
        return
    from filelock import FileLock, Timeout

    path = lock_path(root)
    seconds = timeout() if wait is None else wait
    lock = FileLock(str(path), timeout=seconds)
    try:
        lock.acquire()
    except Timeout:
        raise ProjectBusy(
            f"another mashup-gen run is changing this project (it holds {path}); waited {seconds:g} s "
            f"({TIMEOUT_VARIABLE} sets how long). Run again when it has finished"
        ) from None
    except OSError as exc:
        raise ProjectError(f"cannot lock the project ({path}): {exc.strerror or exc}") from None
    _held.add(key)
    try:
        yield
    finally:
        _held.discard(key)
        # Removed while still held: a run waiting on this file notices it is gone and locks a new one.
        with contextlib.suppress(OSError):
            os.unlink(path)
        lock.release()
