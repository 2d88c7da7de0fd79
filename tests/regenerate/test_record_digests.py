"""Files a template copies as they are (the web app's vendored enigma.js) are recorded by digest, not text:
the record stays small, and regeneration still tells who changed such a file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mashup_gen import catalog
from mashup_gen.record import load, sha256
from mashup_gen.regeneration import Status, regenerate
from tests.regen_support import NEW_TENANT, make_project

LICENSE = "vendor/enigma/LICENSE"


def _webapp_copy(dest: Path) -> Path:
    """A private copy of the webapp template (its include folder copied, not linked), to change as an upgrade."""
    shutil.copytree(catalog.builtin_root() / "webapp", dest)
    return dest


def _vendored(template: Path, name: str) -> Path:
    project_dir = next(p for p in template.iterdir() if p.is_dir() and "{{" in p.name)
    return project_dir / name


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    template = _webapp_copy(tmp_path / "template")
    project = make_project(tmp_path / "app", template=catalog.find(str(template)))
    return template, project


def test_vendored_files_are_recorded_by_digest(tmp_path: Path) -> None:
    _, project = _setup(tmp_path)
    document = json.loads((project / ".mashup-gen.json").read_text())
    vendored = {path: entry for path, entry in document["files"].items() if path.startswith("vendor/")}
    assert vendored and all(set(entry) == {"sha256"} for entry in vendored.values())
    assert vendored[LICENSE]["sha256"] == sha256((project / LICENSE).read_bytes())
    assert "lines" in document["files"]["app.js"]  # rendered files keep their text: the merge base
    record = load(project)
    assert LICENSE in record.digests and LICENSE not in record.files


def test_a_template_upgrade_replaces_a_vendored_file_the_user_left_alone(tmp_path: Path) -> None:
    template, project = _setup(tmp_path)
    _vendored(template, LICENSE).write_text("a newer licence\n")
    outcome = regenerate(project, {})
    assert outcome.status is Status.UPDATED
    assert (project / LICENSE).read_text() == "a newer licence\n"
    assert load(project).digests[LICENSE] == sha256(b"a newer licence\n")


def test_a_vendored_file_the_user_patched_is_kept_while_the_template_keeps_it(tmp_path: Path) -> None:
    _, project = _setup(tmp_path)
    (project / LICENSE).write_text("patched by us\n")
    outcome = regenerate(project, {"tenant": NEW_TENANT})
    assert outcome.status is Status.UPDATED  # the tenant moved; the patch stays
    assert (project / LICENSE).read_text() == "patched by us\n"


def test_both_changed_keeps_the_users_copy_and_says_so(tmp_path: Path) -> None:
    template, project = _setup(tmp_path)
    (project / LICENSE).write_text("patched by us\n")
    _vendored(template, LICENSE).write_text("a newer licence\n")
    outcome = regenerate(project, {})
    assert outcome.status is Status.CONFLICTED
    assert (project / LICENSE).read_text() == "patched by us\n"
    assert any(LICENSE in note and "kept yours" in note for note in outcome.notes)


def test_a_dropped_vendored_file_goes_unless_the_user_changed_it(tmp_path: Path) -> None:
    template, project = _setup(tmp_path)
    schema = next(p.relative_to(project).as_posix() for p in (project / "vendor/enigma/schemas").iterdir())
    _vendored(template, LICENSE).unlink()
    _vendored(template, schema).unlink()
    (project / schema).write_text("{}\n")  # the user's own schema stays theirs
    regenerate(project, {})
    assert not (project / LICENSE).exists()
    assert (project / schema).read_text() == "{}\n"


def test_a_deleted_vendored_file_stays_deleted(tmp_path: Path) -> None:
    _, project = _setup(tmp_path)
    (project / LICENSE).unlink()
    regenerate(project, {"tenant": NEW_TENANT})
    assert not (project / LICENSE).exists()
