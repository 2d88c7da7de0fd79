"""Writing a planned adoption: a backup of each changed file, the files (each atomically), the record last."""

from __future__ import annotations

import shutil

from mashup_gen.adopt.model import Adoption
from mashup_gen.fs import write_atomic
from mashup_gen.generate import backup_name
from mashup_gen.record import save


def write(adoption: Adoption) -> Adoption:
    """Write a planned adoption: a backup of each changed file, the files, then the record last."""
    assert adoption.record is not None
    for path, (source, new) in sorted(adoption.changed.items()):
        data = source.encode(new)
        backup = backup_name(path)
        shutil.copy2(path, backup)
        adoption.backups.append(adoption.relative(backup))
        write_atomic(path, data)
    for path, text in sorted(adoption.created.items()):
        write_atomic(path, text.encode("utf-8"))
    save(adoption.root, adoption.record)
    return adoption
