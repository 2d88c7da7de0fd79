"""``mashup-gen check``: find what breaks Qlik Cloud mashups and web apps, with a stable rule id each.

Use :func:`check_paths`; rules live in :mod:`mashup_gen.check.rules`, one module per concern.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mashup_gen.check.findings import Finding, Report, Rule, Severity

if TYPE_CHECKING:
    from mashup_gen.check.project import Project

__all__ = ["Finding", "Report", "Rule", "Severity", "check_paths"]


def check_paths(
    paths: Sequence[str], origins: Iterable[str] = (), observe: Callable[[Project], None] | None = None
) -> Report:
    """Check every project under ``paths`` (folders or files) and the ``origins``.

    ``observe`` is handed each project once it is read and checked (``check --online`` starts its requests
    from there while the next project is read).

    Raises :class:`~mashup_gen.errors.InvalidValue` naming a path that does not exist or cannot be checked,
    before anything is read.
    """
    from mashup_gen.check.project import Project
    from mashup_gen.check.rules import check_project
    from mashup_gen.check.rules import origins as origin_rules
    from mashup_gen.check.rules.files import INTERNAL
    from mashup_gen.check.scan import discover

    found = [project for text in paths for project in discover(Path(text), text)]
    report = Report()
    report.extend(origin_rules.check_origins(origins))
    seen: set[Path] = set()
    for files in found:
        key = files.root.resolve()
        if key in seen and not files.single_file:
            continue
        seen.add(key)
        report.projects += 1
        try:
            project = Project(files)
            report.extend(list(check_project(project)))
            report.files += project.files_checked
            if observe is not None:
                observe(project)
        except Exception as exc:  # one odd project must not stop a check of hundreds
            if os.environ.get("MASHUP_GEN_DEBUG"):
                raise
            report.extend([INTERNAL.at(files.display_root or ".", None, f"{type(exc).__name__}: {exc}")])
    return report
