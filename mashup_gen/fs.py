"""Writing files safely: each file replaced atomically, never outside the project folder."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePath


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Folders no command searches inside a project: version control, third-party code (npm, Bower, jspm, Composer's
# and Bundler's vendor/, a project's vendored libraries), caches, virtual environments.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "__pycache__",
        "__MACOSX",  # the metadata macOS adds to a zip (._index.html): never part of a site
        ".venv",
        "venv",
    }
)

# New files get the permissions an ordinary open() would give them, not mkstemp's private 0600.
NEW_FILE_MODE = 0o666 & ~_read_umask()
NEW_DIR_MODE = 0o777 & ~_read_umask()


# The characters and length of tempfile's random names: the patterns that find a killed run's leftovers rely
# on them. Made here (os.urandom, O_EXCL) because importing tempfile costs a `new` more than all its writing.
_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_ATTEMPTS = 100


def _random_name() -> str:
    return "".join(_NAME_CHARS[byte % len(_NAME_CHARS)] for byte in os.urandom(8))


def _exclusive(make: Callable[[str], Any], folder: Path, prefix: str, suffix: str) -> Any:
    """``make(path)`` for the first free ``folder/prefix + 8 random characters + suffix`` (``make`` raises
    FileExistsError on a taken name)."""
    for _ in range(_ATTEMPTS):
        try:
            return make(os.path.join(folder, f"{prefix}{_random_name()}{suffix}"))
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def exclusive_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file ``folder/prefix + 8 random characters + suffix`` that only this call created (``O_EXCL``),
    mode 0600, open for writing: as ``tempfile.mkstemp`` makes it. Returns the descriptor and the path."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    return _exclusive(lambda path: (os.open(path, flags, 0o600), path), folder, prefix, suffix)


def exclusive_folder(parent: Path, prefix: str, suffix: str) -> Path:
    """A new folder ``parent/prefix + 8 random characters + suffix`` that only this call created, mode 0700:
    as ``tempfile.mkdtemp`` makes it."""

    def make(path: str) -> Path:
        os.mkdir(path, 0o700)
        return Path(path)

    try:
        return _exclusive(make, parent, prefix, suffix)
    except PermissionError as exc:  # the folder the user chose is what they can fix: name it
        raise PermissionError(exc.errno, exc.strerror, str(parent)) from None


def inside(root: Path, relative: str, base: Path | None = None) -> Path:
    """``root / relative``, refusing any path that would land outside ``root``.

    ``base``: ``root.resolve()``, when the caller checks many paths under one root.
    """
    base = base if base is not None else root.resolve()
    # Walked from the resolved root one name at a time: only a symbolic link can lead elsewhere, so only a
    # link is resolved (a full resolve() asks the system about every folder above the project, per file).
    # Strings, not Paths: `regenerate --recursive` asks this for every file of every project.
    start = str(base)
    target = start
    for part in PurePath(relative).parts:
        if part == "..":
            target = os.path.dirname(target)
        elif part not in (".", ""):
            target = os.path.join(target, part)
            if os.path.islink(target):
                target = os.path.realpath(target)
    if target != start and not target.startswith(start.rstrip(os.sep) + os.sep):
        raise ValueError(f"{relative!r} is outside {root}")
    return Path(target)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed over the target.
    An existing file's permission bits are kept.
    """
    with Staged([(path, data)]) as staged:
        staged.commit(path)


class Staged:
    """Several files written to temporary files beside their targets and flushed to disk together, then put
    in place one by one (:meth:`commit`), in the order the caller needs.

    Flushing is what a write costs (an ``fsync`` waits for the disk); the flushes of one batch are issued at
    once from a few threads, so the filesystem commits them together (one journal commit for the batch on
    ext4, XFS, APFS) instead of one after another. Each file is still on disk before its rename, exactly as
    with :func:`write_atomic`: a crash leaves the old file or the new one, never a half-written one. On
    leaving the ``with`` block, temporary files not committed are removed.
    """

    def __init__(self, items: list[tuple[Path, bytes]]) -> None:
        # Per target, its staged files in the order given: one path may be staged more than once (a journal
        # and then the record that replaces it), each commit puts the next one in place.
        self._temps: dict[Path, list[tuple[str, int]]] = {}
        try:
            handles: list[int] = []
            folders: set[Path] = set()
            for path, data in items:
                folder = path.parent
                if folder not in folders:  # several files of a batch usually share a folder
                    folder.mkdir(parents=True, exist_ok=True)
                    folders.add(folder)
                mode = NEW_FILE_MODE
                with contextlib.suppress(FileNotFoundError):
                    mode = os.stat(path).st_mode & 0o7777
                fd, temp = exclusive_file(folder, f".{path.name}.", ".tmp")
                self._temps.setdefault(path, []).append((temp, mode))
                handles.append(fd)
                _write_all(fd, data)
                if os.chmod in os.supports_fd:  # by descriptor: no second look-up of the name
                    os.chmod(fd, mode)
                else:
                    os.chmod(temp, mode)
            try:
                _flush_all(handles)
            finally:
                for fd in handles:
                    os.close(fd)
        except BaseException:
            self.discard()
            raise

    def _staged(self) -> list[tuple[str, int]]:
        return [staged for versions in self._temps.values() for staged in versions]

    def commit(self, path: Path) -> None:
        """Put the next staged file for ``path`` in place (an atomic rename)."""
        versions = self._temps[path]
        temp, _ = versions.pop(0)
        if not versions:
            del self._temps[path]
        try:
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise

    def discard(self) -> None:
        """Remove every temporary file not committed."""
        for temp, _ in self._staged():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        self._temps.clear()

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` (a write may take less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_POOL: ThreadPoolExecutor | None = None


def _forget_pool() -> None:
    # A forked child has none of the parent's threads: the parent's pool would queue flushes nobody runs.
    global _POOL
    _POOL = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def _flush_all(handles: list[int]) -> None:
    """``fsync`` every handle; more than one are flushed concurrently (fsync releases the GIL)."""
    global _POOL
    if len(handles) == 1:
        os.fsync(handles[0])
        return
    if _POOL is None:
        from concurrent.futures import ThreadPoolExecutor  # only runs that write several files pay its import

        _POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="mashup-gen-fsync")
    for future in [_POOL.submit(os.fsync, fd) for fd in handles]:
        future.result()  # re-raises an OSError of that flush
