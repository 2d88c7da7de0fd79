"""What an adoption plans and writes: the changed and created files, what was done, what is left to a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mashup_gen.checker.scan import SourceFile
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

    def diff(self, colors: bool = False) -> str:
        """A unified diff of every change and new file (:mod:`mashup_gen.diff`, as ``regenerate --dry-run``)."""
        from mashup_gen.diff import diff_text

        changes = [(self.relative(p), source.text, new) for p, (source, new) in sorted(self.changed.items())]
        changes += [(self.relative(p), None, text) for p, text in sorted(self.created.items())]
        return diff_text(changes, colors)
