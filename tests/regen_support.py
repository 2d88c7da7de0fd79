"""Helpers shared by the regeneration tests: projects written straight from an in-memory render."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mashup_gen import catalog, generate
from mashup_gen.catalog import TemplateInfo
from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID

NEW_TENANT = "globex.us.qlikcloud.com"
NEW_WEB_INTEGRATION_ID = "ZYXWVUTSRQzyxwvutsrq9876543210-_"
NEW_APP_ID = "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"

ANSWERS: dict[str, Any] = {
    "project_slug": "sales",
    "title": "Sales",
    "tenant": TENANT,
    "web_integration_id": WEB_INTEGRATION_ID,
    "app_id": APP_ID,
    "origins": "http://localhost:8000",
    "objects": {"kpi": "QVwQm", "CurrentSelections": "CurrentSelections"},
}


def make_project(dest: Path, answers: dict[str, Any] | None = None, template: TemplateInfo | None = None) -> Path:
    """Generate a project into ``dest`` as ``mashup-gen new`` would (without its command line)."""
    info = template or catalog.find("capability")
    generate.write(generate.plan(info, {**ANSWERS, **(answers or {})}, dest))
    return dest


def fresh(answers: dict[str, Any], template: TemplateInfo | None = None) -> dict[str, bytes]:
    """What ``new`` writes for ``answers``: the files and the record, by relative path."""
    info = template or catalog.find("capability")
    planned = generate.plan(info, answers, Path("unused"))
    return {**planned.files, ".mashup-gen.json": planned.record.to_json().encode("utf-8")}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def copy_template(dest: Path) -> Path:
    """A private copy of the capability template, to change as an upgrade would."""
    shutil.copytree(catalog.builtin_root() / "capability", dest)
    return dest


def upgrade_template(root: Path) -> None:
    """Make the copy at ``root`` a newer template: a changed line, a new file in a new folder, a dropped file."""
    project_dir = next(p for p in root.iterdir() if p.is_dir() and "{{" in p.name)
    index = project_dir / "index.html"
    text = index.read_text()
    assert '<meta charset="utf-8">' in text
    index.write_text(
        text.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  <meta name="generator" content="mashup-gen">')
    )
    (project_dir / "config").mkdir()
    (project_dir / "config" / "tenant.js").write_text(
        "// The tenant this page talks to.\nwindow.MASHUP_TENANT = {{ cookiecutter.__tenant_url | tojson }};\n"
    )
    (project_dir / "mashup.css").unlink()
    context = root / "cookiecutter.json"
    context.write_text(context.read_text().replace('"version": "1.1.0"', '"version": "1.2.0"'))
