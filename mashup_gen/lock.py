"""One run at a time per project: a lock on the project folder, held while a command changes it.

The lock is the operating system's own (``flock``), so it dies with the process that held it: a crashed or
killed run never leaves a lock that blocks the next one. It is taken on the project folder itself, so taking
it writes nothing. Where a folder cannot be locked (Windows; a filesystem without ``flock`` on folders) a lock
file inside the project is locked instead (``flock``, or the ``filelock`` library where there is none):
``.mashup-gen.lock``, removed when the lock is released; one a crash left behind is empty and harmless, and
the commands that walk a project (regenerate, check, serve) never treat it as one of its files. ``flock`` is
called directly because importing ``filelock`` costs more (13 ms) than a whole re-target of a small project
spends on its own work.

A run that finds the project locked waits a bounded time (``MASHUP_GEN_LOCK_TIMEOUT`` seconds, default
:data:`DEFAULT_TIMEOUT`) and then gives up with :class:`ProjectBusy`.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mashup_gen.errors import ProjectError

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

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
    seconds = timeout() if wait is None else wait
    path = lock_path(root)
    where, remove = str(root), False
    try:
        release = _lock_folder(root, seconds)
        if release is None:  # no lock on a folder here: the lock file inside it
            release = _acquire(path, seconds)
            where, remove = str(path), True
    except TimeoutError:
        raise ProjectBusy(
            f"another mashup-gen run is changing this project (it holds the lock on {where}); waited {seconds:g} s "
            f"({TIMEOUT_VARIABLE} sets how long). Run again when it has finished"
        ) from None
    except OSError as exc:
        raise ProjectError(f"cannot lock the project ({root}): {exc.strerror or exc}") from None
    _held.add(key)
    try:
        yield
    finally:
        _held.discard(key)
        if remove:
            # Removed while still held: a run waiting on this file notices it is gone and locks a new one.
            with contextlib.suppress(OSError):
                os.unlink(path)
        release()


def _lock_folder(root: Path, seconds: float) -> Callable[[], None] | None:
    """Lock the project folder itself (``flock`` on its descriptor), waiting at most ``seconds``; None where a
    folder cannot be locked (Windows; a filesystem without ``flock`` on folders), so the lock file is used.

    Nothing is created: a lock file is a new file per run, and on a filesystem that searches past recently
    freed inodes to make one, that was the costliest system call of a `regenerate --recursive`.
    """
    if fcntl is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    fd = os.open(root, flags)  # an OSError here (no folder, no permission) is the caller's to report
    try:
        _flock(fd, seconds, str(root))
    except TimeoutError:
        os.close(fd)
        raise
    except OSError:
        os.close(fd)
        return None
    return lambda: os.close(fd)  # closing the descriptor releases flock


def _flock(fd: int, seconds: float, what: str) -> None:
    """``flock(fd, LOCK_EX)``, polling for at most ``seconds``; raise :class:`TimeoutError` when still held."""
    assert fcntl is not None
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise TimeoutError(what) from None
            time.sleep(_POLL_SECONDS)


@contextlib.contextmanager
def shared_lock(name: str, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold a lock named ``name`` that every mashup-gen run of this user on this machine shares (for what is
    not in a project, such as a web integration on a tenant); raise :class:`ProjectBusy` naming ``what``."""
    import hashlib
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"mashup-gen-locks-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / (hashlib.sha256(name.encode("utf-8")).hexdigest()[:32] + ".lock")
    seconds = timeout() if wait is None else wait
    try:
        release = _acquire(path, seconds)
    except TimeoutError:
        raise ProjectBusy(f"another mashup-gen run is changing {what}; waited {seconds:g} s") from None
    except OSError as exc:
        raise ProjectError(f"cannot lock {what} ({path}): {exc.strerror or exc}") from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        release()


_POLL_SECONDS = 0.05


def _acquire(path: Path, seconds: float) -> Callable[[], None]:
    """Lock ``path`` (created if missing), waiting at most ``seconds``; return what releases it.

    Raises :class:`TimeoutError` when another process holds it all that time.
    """
    if fcntl is None:  # Windows: the filelock library's msvcrt lock
        from filelock import FileLock, Timeout

        lock = FileLock(str(path), timeout=seconds)
        try:
            lock.acquire()
        except Timeout:
            raise TimeoutError(str(path)) from None
        return lock.release

    deadline = time.monotonic() + seconds
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _flock(fd, max(0.0, deadline - time.monotonic()), str(path))
        except BaseException:
            os.close(fd)
            raise
        # The run before this one removes the file just before it lets go: a lock on a file that is no longer
        # at ``path`` guards nothing, so lock the file that is there now.
        try:
            current = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:
            return lambda: os.close(fd)  # closing the descriptor releases flock
        os.close(fd)
