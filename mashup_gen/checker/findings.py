"""What ``check`` reports: rules (stable ids, severities, fixes), findings, and the JSON document for CI."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Bumped only when a field is removed or changes meaning; new fields may appear without a bump.
SCHEMA = "mashup-gen-check/1"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Severity(StrEnum):
    """How bad a finding is: an error breaks the page (exit 1); a warning is worth fixing."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """One thing ``check`` looks for. ``id`` never changes once released; CI filters on it."""

    id: str
    severity: Severity
    title: str  # what is wrong, in general
    fix: str  # how to fix it, in general

    def at(
        self,
        path: str | None,
        line: int | None,
        message: str,
        column: int | None = None,
        fix: str | None = None,
    ) -> Finding:
        """A finding of this rule at ``path:line:column``; ``fix`` overrides the rule's general fix."""
        return Finding(
            rule=self.id,
            severity=self.severity,
            path=path,
            line=line,
            column=column,
            message=message,
            fix=fix or self.fix,
        )


@dataclass(frozen=True)
class Finding:
    """One problem at one place. ``path`` and ``line`` are None for problems of a command-line value."""

    rule: str
    severity: Severity
    path: str | None
    line: int | None
    column: int | None
    message: str
    fix: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Stable order: by file, then position, then rule."""
        return (self.path or "", self.line or 0, self.column or 0, self.rule, self.message)

    def location(self) -> str:
        """``path:line:column`` as editors and terminals link it."""
        if self.path is None:
            return "-"
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The finding as it appears in ``--format json``."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass
class Report:
    """Everything one ``check`` run found."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0  # files read and checked
    projects: int = 0

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings (order does not matter: :meth:`sorted` orders them)."""
        self.findings.extend(findings)

    def sorted(self) -> list[Finding]:
        """Findings in a stable order, duplicates removed."""
        return sorted(set(self.findings), key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in set(self.findings) if f.severity is severity)

    @property
    def failed(self) -> bool:
        """True when any finding is an error: the run exits 1."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self, tool_version: str) -> str:
        """The documented ``--format json`` document (see the README's "check" section)."""
        document = {
            "schema": SCHEMA,
            "tool_version": tool_version,
            "summary": {
                "projects": self.projects,
                "files": self.files,
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
            },
            "findings": [f.to_dict() for f in self.sorted()],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        # A file name that is not UTF-8 reaches here as lone surrogates (surrogateescape); written raw they
        # would make the output invalid UTF-8. As \\uDCxx escapes the document is valid JSON, and
        # os.fsencode(json.loads(...)) gives back the name's exact bytes.
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
