"""Writing files safely: each file replaced atomically, never outside the project folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
        ".venv",
        "venv",
    }
)

# New files get the permissions an ordinary open() would give them, not mkstemp's private 0600.
NEW_FILE_MODE = 0o666 & ~_read_umask()
NEW_DIR_MODE = 0o777 & ~_read_umask()


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, refusing any path that would land outside ``root``."""
    target = (root / relative).resolve()
    base = root.resolve()
    if target != base and base not in target.parents:
        raise ValueError(f"{relative!r} is outside {root}")
    return target


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed over the target.
    An existing file's permission bits are kept.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = NEW_FILE_MODE
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
