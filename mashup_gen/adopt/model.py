"""What an adoption plans and writes: the changed and created files, what was done, what is left to a person."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from mashup_gen.check.scan import SourceFile
from mashup_gen.record import Record


@dataclass
class Adoption:
    """The planned (or written) adoption of one folder."""

    root: Path
    changed: dict[Path, tuple[SourceFile, str]] = field(default_factory=dict)  # path -> (original, new text)
    created: dict[Path, str] = field(default_factory=dict)
    record: Record | None = None
    done: list[str] = field(default_factory=list)  # what the edits do, for the user
    leftovers: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)  # what adopt could not fix
    backups: list[str] = field(default_factory=list)

    def relative(self, path: Path) -> str:
        """``path`` relative to the project folder, with forward slashes."""
        return path.relative_to(self.root).as_posix()

    def diff(self) -> str:
        """A unified diff of every change and new file."""
        chunks: list[str] = []
        for path, (source, new) in sorted(self.changed.items()):
            name = self.relative(path)
            chunks.extend(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"a/{name}",
                    f"b/{name}",
                )
            )
        for path, text in sorted(self.created.items()):
            name = self.relative(path)
            chunks.extend(difflib.unified_diff([], text.splitlines(keepends=True), "/dev/null", f"b/{name}"))
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
