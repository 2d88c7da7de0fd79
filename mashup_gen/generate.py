"""Generating a new project: answers -> render -> files in DEST, plus the project record."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashup_gen import __version__
from mashup_gen.catalog import TemplateInfo
from mashup_gen.errors import InvalidValue, ProjectError
from mashup_gen.fs import NEW_DIR_MODE, exclusive_folder, inside, write_atomic
from mashup_gen.record import RECORD_NAME, Record, record_path, save, sha256
from mashup_gen.render import build_context, render


@dataclass
class Generated:
    """What ``new`` wrote (or, with ``dry_run``, would write)."""

    dest: Path
    files: dict[str, bytes]
    record: Record
    backups: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        # Not the files' bytes: a whole project would flood a REPL or a log line.
        return f"Generated(dest={str(self.dest)!r}, files={len(self.files)}, backups={self.backups!r})"


def slug_for(dest: Path) -> str:
    """A folder-and-name-friendly slug from the destination's name."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", dest.resolve().name).strip("-.")
    return slug or "qlik-mashup"


def check_destination(dest: Path, force: bool) -> None:
    """DEST must be new or an empty folder, unless ``force``; raise :class:`InvalidValue` (naming DEST) otherwise."""
    if dest.is_symlink() and not dest.exists():
        raise InvalidValue(
            str(dest),
            f"expected a new folder; this is a symbolic link to {os.readlink(dest)}, which does not exist: "
            "remove the link or choose another folder",
            answer="dest",
            option="DEST",
        )
    if dest.exists() and not dest.is_dir():
        raise InvalidValue(
            str(dest), "expected a new folder or an empty one; this is a file", answer="dest", option="DEST"
        )
    try:
        occupied = dest.is_dir() and not force and any(dest.iterdir())
    except OSError as exc:
        raise InvalidValue(
            str(dest), f"expected a folder mashup-gen can read ({exc.strerror})", option="DEST"
        ) from None
    if occupied:
        raise InvalidValue(
            str(dest), "expected a new or empty folder; use --force to write into it", answer="dest", option="DEST"
        )


def plan(template: TemplateInfo, answers: Mapping[str, Any], dest: Path) -> Generated:
    """Render the project in memory and build its record; nothing is written."""
    context = build_context(template.template, answers)
    copied: set[str] = set()
    files = render(template.template, context, copied)
    if RECORD_NAME in files:
        del files[RECORD_NAME]  # the record is the tool's, never the template's
    base = dest.resolve()
    for relative in files:
        inside(dest, relative, base)
    record = Record(
        template=template.name,
        template_version=template.version,
        answers=dict(answers),
        files={path: data for path, data in files.items() if path not in copied},
        tool_version=__version__,
        digests={path: sha256(data) for path, data in files.items() if path in copied},
    )
    return Generated(dest=dest, files=files, record=record)


# Ends the name of the copy `new --force` and `adopt` keep of a file they replace: NAME.mashup-gen-backup[N].
BACKUP_SUFFIX = ".mashup-gen-backup"


def backup_name(path: Path) -> Path:
    """A free ``NAME.mashup-gen-backup[N]`` next to ``path``, where a file about to be replaced is kept."""
    candidate = path.with_name(path.name + BACKUP_SUFFIX)
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}{BACKUP_SUFFIX}{n}")
    return candidate


def backed_up(backup: str) -> str:
    """The name of the file a backup ``NAME.mashup-gen-backup[N]`` keeps a copy of: ``NAME``."""
    return backup.rsplit(BACKUP_SUFFIX, 1)[0]


def write(generated: Generated) -> Generated:
    """Write a planned project.

    A new DEST is built in a temporary sibling folder and renamed into place, so an interrupted ``new``
    leaves nothing behind. Into an existing folder (``--force``) each file is written atomically under the
    project's lock (one run at a time), and a file that would be replaced by different content is first
    kept as ``NAME.mashup-gen-backup``. Raises :class:`ProjectError` when another run holds the lock too
    long, or created DEST meanwhile.
    """
    dest = generated.dest
    if not dest.exists():
        _write_new(generated)
        return generated
    import shutil  # backups here, and clean-up after a failure: a new folder's writing never needs it

    from mashup_gen.lock import project_lock

    with project_lock(dest):
        for relative, data in generated.files.items():
            target = inside(dest, relative)
            if target.is_file() and target.read_bytes() != data:
                backup = backup_name(target)
                shutil.copy2(target, backup)
                generated.backups.append(backup.relative_to(dest.resolve()).as_posix())
            write_atomic(target, data)
        if record_path(dest).is_file():
            backup = backup_name(record_path(dest))
            shutil.copy2(record_path(dest), backup)
            generated.backups.append(backup.name)
        save(dest, generated.record)
    return generated


# A new DEST is built in `.NAME.PID.RANDOM.mashup-gen-tmp` beside it: the pid says whose it is.
STAGING_SUFFIX = ".mashup-gen-tmp"
# A staging folder this old is left over whoever made it (a pid can be reused by another process).
STALE_AFTER_SECONDS = 60 * 60


def remove_stale_staging(dest: Path, now: float | None = None) -> list[Path]:
    """Remove what a killed ``new`` left beside ``dest``: staging folders whose process is gone, or old ones.

    Another live run's folder is never touched. Returns the folders removed.
    """
    import time

    now = time.time() if now is None else now
    pattern = re.compile(rf"^\.{re.escape(dest.name)}\.(\d+)\.[^.]+{re.escape(STAGING_SUFFIX)}$")
    removed: list[Path] = []
    try:
        entries = list(dest.parent.iterdir())
    except OSError:
        return removed  # a parent we cannot list: writing there will say so
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            age = now - entry.stat().st_mtime
        except OSError:
            continue
        if _alive(int(match.group(1))) and age < STALE_AFTER_SECONDS:
            continue
        import shutil

        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (a process of another user counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _write_new(generated: Generated) -> None:
    dest = generated.dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(dest)
    staging = exclusive_folder(dest.parent, f".{dest.name}.{os.getpid()}.", STAGING_SUFFIX)
    try:
        os.chmod(staging, NEW_DIR_MODE)
        for relative, data in generated.files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        save(staging, generated.record)
        try:
            os.rename(staging, dest)
        except OSError:
            if dest.exists():  # another run created it between our check and now
                raise ProjectError(f"{dest} was created by another run meanwhile; nothing written") from None
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            import shutil

            shutil.rmtree(staging)
        raise
