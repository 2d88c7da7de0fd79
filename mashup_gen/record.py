"""The project record, ``.mashup-gen.json``: what a project was generated from and what was written.

It holds the template's name and version, the answers, and the exact text of every file the tool last
rendered. That text is the base of regeneration's three-way merge, so regeneration never needs the old
template (which an upgrade may have replaced). Files the template copies as they are (vendored libraries,
binary files) are recorded by their SHA-256 only: nothing merges inside them, and a digest is enough to
tell whether the user or the template changed one. The JSON is stable-ordered and diff-friendly (one array
item per line of each file) and never holds a secret.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashup_gen.errors import ProjectError
from mashup_gen.fs import write_atomic

RECORD_NAME = ".mashup-gen.json"
FORMAT = 1


@dataclass
class Record:
    """What the tool knows about one project."""

    template: str
    template_version: str
    answers: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    tool_version: str = ""
    # Answers of a regeneration that started but did not finish; a re-run completes it.
    pending: dict[str, Any] | None = None
    # Files copied from the template as they are: path -> SHA-256 of what the tool last wrote.
    digests: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """Serialise in a stable order, one line per line of each recorded file."""
        files: dict[str, Any] = {}
        for path in sorted(set(self.files) | set(self.digests)):
            if path in self.digests:
                files[path] = {"sha256": self.digests[path]}
                continue
            data = self.files[path]
            try:
                files[path] = {"lines": data.decode("utf-8").splitlines(keepends=True)}
            except UnicodeDecodeError:
                files[path] = {"base64": base64.b64encode(data).decode("ascii")}
        document: dict[str, Any] = {
            "format": FORMAT,
            "tool_version": self.tool_version,
            "template": {"name": self.template, "version": self.template_version},
            "answers": {key: self.answers[key] for key in sorted(self.answers)},
        }
        if self.pending is not None:
            document["pending"] = {key: self.pending[key] for key in sorted(self.pending)}
        document["files"] = files
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = RECORD_NAME) -> Record:
        """Parse a record; raise :class:`ProjectError` saying what is wrong with it."""
        try:
            document = json.loads(text)
            if document.get("format") != FORMAT:
                raise ProjectError(f"{source}: unknown record format {document.get('format')!r}")
            files: dict[str, bytes] = {}
            digests: dict[str, str] = {}
            for path, entry in document.get("files", {}).items():
                if "sha256" in entry:
                    digests[path] = str(entry["sha256"])
                elif "base64" in entry:
                    files[path] = base64.b64decode(entry["base64"])
                else:
                    files[path] = "".join(entry["lines"]).encode("utf-8")
            return cls(
                template=document["template"]["name"],
                template_version=str(document["template"].get("version", "0")),
                answers=dict(document["answers"]),
                files=files,
                tool_version=str(document.get("tool_version", "")),
                pending=document.get("pending"),
                digests=digests,
            )
        except ProjectError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ProjectError(f"{source} is not a valid mashup-gen record: {exc}") from None


def sha256(data: bytes) -> str:
    """The digest a record keeps of a file copied as it is."""
    return hashlib.sha256(data).hexdigest()


def record_path(project: Path) -> Path:
    """Where a project's record lives."""
    return project / RECORD_NAME


def is_project(path: Path) -> bool:
    """True when ``path`` is a folder holding a record."""
    return record_path(path).is_file()


def load(project: Path) -> Record:
    """Read a project's record, or raise :class:`ProjectError`."""
    path = record_path(project)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{project} is not a mashup-gen project: it has no {RECORD_NAME}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"cannot read {path}: {exc}") from None
    return Record.from_json(text, str(path))


def save(project: Path, record: Record) -> None:
    """Write a project's record atomically."""
    write_atomic(record_path(project), record.to_json().encode("utf-8"))
