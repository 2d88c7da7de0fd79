"""Regenerating one project through the library: merge, re-target, the record and its pending journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mashup_gen import catalog, fs
from mashup_gen.record import Record, load, save
from mashup_gen.regeneration import ADOPTED, Status, find_projects, plan, regenerate
from tests.regen_support import (
    ANSWERS,
    NEW_APP_ID,
    NEW_TENANT,
    NEW_WEB_INTEGRATION_ID,
    TENANT,
    WEB_INTEGRATION_ID,
    copy_template,
    fresh,
    make_project,
    snapshot,
    upgrade_template,
)

MOVE = {"tenant": NEW_TENANT, "web_integration_id": NEW_WEB_INTEGRATION_ID}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "sales")


def test_untouched_project_equals_a_fresh_new(project: Path) -> None:
    outcome = regenerate(project, {**MOVE, "app_id": NEW_APP_ID})
    assert outcome.status is Status.UPDATED and outcome.conflicted == []
    assert snapshot(project) == fresh({**ANSWERS, **MOVE, "app_id": NEW_APP_ID})


def test_user_edits_survive_and_the_tenant_moves(project: Path) -> None:
    js = project / "mashup.js"
    js.write_text(js.read_text().replace("prefix: '/',", "prefix: '/', // we checked this") + "// my footer\n")
    css = project / "mashup.css"
    css.write_text(".mine { color: red; }\n" + css.read_text())
    outcome = regenerate(project, MOVE)
    assert outcome.status is Status.UPDATED
    text = js.read_text()
    assert "// we checked this" in text and text.endswith("// my footer\n")
    assert f'host: "{NEW_TENANT}"' in text and TENANT not in text and WEB_INTEGRATION_ID not in text
    assert css.read_text().startswith(".mine")
    assert load(project).answers["tenant"] == NEW_TENANT


def test_edit_and_template_change_on_the_same_line_conflict(project: Path) -> None:
    index = project / "index.html"
    index.write_text(index.read_text().replace("<title>Sales</title>", "<title>Sales (mine)</title>"))
    outcome = regenerate(project, {"title": "Revenue"})
    assert outcome.status is Status.CONFLICTED and outcome.conflicted == ["index.html"]
    text = index.read_text()
    assert "<<<<<<< yours\n  <title>Sales (mine)</title>\n=======\n  <title>Revenue</title>\n>>>>>>> template\n" in text
    # The base is now the new render, so a later run does not re-create the conflict, but still reports it.
    assert load(project).files["index.html"].count(b"<title>Revenue</title>") == 1
    again = regenerate(project, {})
    assert again.status is Status.CONFLICTED and again.changes == []


def test_deleted_files_stay_deleted_and_added_files_are_untouched(project: Path) -> None:
    (project / "mashup.css").unlink()
    (project / "extra.js").write_text("console.log('mine');\n")
    outcome = regenerate(project, MOVE)
    assert outcome.status is Status.UPDATED
    assert not (project / "mashup.css").exists()
    assert (project / "extra.js").read_text() == "console.log('mine');\n"
    # ...and the next run still knows it was deleted.
    assert regenerate(project, {}).status is Status.UNCHANGED
    assert not (project / "mashup.css").exists()


def test_stale_tenant_is_replaced_in_the_users_own_files(project: Path) -> None:
    (project / "lib").mkdir()
    (project / "lib" / "api.js").write_text(
        f"const BASE = 'https://{TENANT}/api/v1';\nconst ID = \"{WEB_INTEGRATION_ID}\";\n// was on {TENANT}\n"
    )
    outcome = regenerate(project, MOVE)
    assert (project / "lib" / "api.js").read_text() == (
        f"const BASE = 'https://{NEW_TENANT}/api/v1';\nconst ID = \"{NEW_WEB_INTEGRATION_ID}\";\n// was on {TENANT}\n"
    )
    assert outcome.replaced == 2
    assert [(path, m.line) for path, m in outcome.mentions] == [("lib/api.js", 3)]
    # No other text file (the record included) names the old tenant or id.
    for path, data in snapshot(project).items():
        if path != "lib/api.js":
            assert TENANT.encode() not in data and WEB_INTEGRATION_ID.encode() not in data, path


def test_user_line_with_the_old_tenant_next_to_a_template_change_does_not_conflict(project: Path) -> None:
    js = project / "mashup.js"
    old = f"    host: \"{TENANT}\",\n    prefix: '/',"
    assert old in js.read_text()
    js.write_text(js.read_text().replace(old, old + " // mine"))
    outcome = regenerate(project, MOVE)
    assert outcome.status is Status.UPDATED
    assert f"    host: \"{NEW_TENANT}\",\n    prefix: '/', // mine" in js.read_text()


def test_unchanged_run_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    mtime = (project / ".mashup-gen.json").stat().st_mtime_ns
    outcome = regenerate(project, {"tenant": TENANT})
    assert outcome.status is Status.UNCHANGED and outcome.changes == []
    assert snapshot(project) == before and (project / ".mashup-gen.json").stat().st_mtime_ns == mtime


def test_dry_run_writes_nothing_but_reports_the_changes(project: Path) -> None:
    before = snapshot(project)
    outcome = regenerate(project, MOVE, dry_run=True)
    assert outcome.status is Status.UPDATED
    assert {c.path for c in outcome.changes} == {"README.md", "index.html", "mashup.js", "qlik-session.js"}
    assert snapshot(project) == before


def test_template_upgrade_adds_drops_and_changes_files(tmp_path: Path) -> None:
    template_root = copy_template(tmp_path / "template")
    info = catalog.find(str(template_root))
    project = make_project(tmp_path / "sales", template=info)
    js = project / "mashup.js"
    js.write_text(js.read_text() + "// mine\n")
    upgrade_template(template_root)
    outcome = regenerate(project, {})
    assert outcome.status is Status.UPDATED
    assert 'name="generator"' in (project / "index.html").read_text()
    assert (project / "config" / "tenant.js").read_text().endswith(f'"https://{TENANT}";\n')
    assert not (project / "mashup.css").exists()
    assert js.read_text().endswith("// mine\n")
    record = load(project)
    assert record.template_version == "1.2.0" and "mashup.css" not in record.files


def test_dropped_file_the_user_edited_stays_and_becomes_theirs(tmp_path: Path) -> None:
    template_root = copy_template(tmp_path / "template")
    project = make_project(tmp_path / "sales", template=catalog.find(str(template_root)))
    (project / "mashup.css").write_text("/* mine */\n")
    upgrade_template(template_root)
    regenerate(project, {})
    assert (project / "mashup.css").read_text() == "/* mine */\n"
    assert "mashup.css" not in load(project).files


def test_pending_journal_is_written_before_any_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, object] | None] = []
    real = fs.Staged.commit

    # The commit point of each staged file (its rename into place) fails for the first project file.
    def spy(self: fs.Staged, path: Path) -> None:
        if path.name != ".mashup-gen.json":
            seen.append(load(project).pending)
            raise OSError(28, "No space left on device", str(path))
        real(self, path)

    monkeypatch.setattr(fs.Staged, "commit", spy)
    outcome = regenerate(project, MOVE)
    assert outcome.status is Status.FAILED and "No space left" in outcome.error
    pending = seen[0]
    assert pending is not None and pending["answers"]["tenant"] == NEW_TENANT  # type: ignore[index]
    assert set(pending["results"]) == {"README.md", "index.html", "mashup.js", "qlik-session.js"}  # type: ignore[arg-type]
    assert load(project).answers["tenant"] == TENANT  # the record still describes the files on disk
    monkeypatch.undo()
    # A re-run with no new values completes the interrupted one.
    done = regenerate(project, {})
    assert done.status is Status.UPDATED and "completed an interrupted regeneration" in done.notes
    assert snapshot(project) == fresh({**ANSWERS, **MOVE})


def test_interrupted_run_then_other_values_completes_first(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = fs.Staged.commit

    def fail_second_file(self: fs.Staged, path: Path) -> None:
        if path.name != ".mashup-gen.json":
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError(5, "I/O error", str(path))
        real(self, path)

    monkeypatch.setattr(fs.Staged, "commit", fail_second_file)
    assert regenerate(project, MOVE).status is Status.FAILED
    monkeypatch.undo()
    outcome = regenerate(project, {"app_id": NEW_APP_ID})
    assert outcome.status is Status.UPDATED
    assert snapshot(project) == fresh({**ANSWERS, **MOVE, "app_id": NEW_APP_ID})


def test_adopted_project_is_retargeted_without_a_template(tmp_path: Path) -> None:
    project = tmp_path / "handmade"
    project.mkdir()
    page = f'<script src="https://{TENANT}/resources/assets/external/requirejs/require.js"></script>\n'
    (project / "index.html").write_text(page)
    (project / "config.js").write_text(f"window.WIID = '{WEB_INTEGRATION_ID}';\n")
    save(
        project,
        Record(
            ADOPTED,
            "0",
            {"tenant": TENANT, "web_integration_id": WEB_INTEGRATION_ID},
            files={"config.js": (project / "config.js").read_bytes()},
        ),
    )
    outcome = regenerate(project, MOVE)
    assert outcome.status is Status.UPDATED
    assert (project / "index.html").read_text() == page.replace(TENANT, NEW_TENANT)
    assert (project / "config.js").read_text() == f"window.WIID = '{NEW_WEB_INTEGRATION_ID}';\n"
    record = load(project)
    assert record.template == ADOPTED and record.answers["tenant"] == NEW_TENANT
    assert record.files == {"config.js": (project / "config.js").read_bytes()}


def test_broken_record_fails_alone(tmp_path: Path) -> None:
    good = make_project(tmp_path / "good")
    bad = make_project(tmp_path / "bad")
    (bad / ".mashup-gen.json").write_text("{not json")
    results = {p.name: regenerate(p, MOVE).status for p in find_projects(tmp_path)}
    assert results == {"bad": Status.FAILED, "good": Status.UPDATED}
    assert load(good).answers["tenant"] == NEW_TENANT


def test_not_a_project(tmp_path: Path) -> None:
    outcome = regenerate(tmp_path, MOVE)
    assert outcome.status is Status.FAILED and outcome.not_a_project


def test_unknown_key_for_the_template_fails_the_project(project: Path) -> None:
    outcome = regenerate(project, {"colour": "red"})
    assert outcome.status is Status.FAILED and "does not use colour" in outcome.error


def test_missing_template_fails_the_project(project: Path) -> None:
    record = load(project)
    record.template = "/nowhere/template"
    save(project, record)
    outcome = regenerate(project, MOVE)
    assert outcome.status is Status.FAILED and "not available" in outcome.error


def test_find_projects_skips_dependencies_and_nested_folders(tmp_path: Path) -> None:
    for name in ("a", "b/c", "node_modules/x", ".git/y"):
        make_project(tmp_path / name)
    (tmp_path / "a" / "inner").mkdir()
    assert [p.relative_to(tmp_path).as_posix() for p in find_projects(tmp_path)] == ["a", "b/c"]
    assert list(find_projects(tmp_path / "a")) == [tmp_path / "a"]


def test_plan_journal_is_stable_json(project: Path) -> None:
    journal = plan(project, MOVE).journal()
    assert list(journal) == ["answers", "results", "template_version"]
    assert all(value.startswith("sha256:") for value in journal["results"].values())
    json.dumps(journal)


def test_stale_temporary_files_of_an_interrupted_write_are_removed(project: Path) -> None:
    record = load(project)
    record.pending = plan(project, MOVE).journal()
    save(project, record)
    (project / ".index.html.abcd1234.tmp").write_text("half")
    (project / "..mashup-gen.json.zz99zz99.tmp").write_text("half")
    (project / ".notes.txt.abcd1234.tmp").write_text("a user's file, not ours")
    regenerate(project, {})
    names = {p.name for p in project.iterdir()}
    assert ".index.html.abcd1234.tmp" not in names and "..mashup-gen.json.zz99zz99.tmp" not in names
    assert ".notes.txt.abcd1234.tmp" in names


def test_backups_kept_by_new_or_adopt_are_left_as_they_were(project: Path) -> None:
    backup = project / "index.html.mashup-gen-backup"
    backup.write_text(f"<script src='https://{TENANT}/x.js'></script>\n")
    before = backup.read_bytes()
    regenerate(project, MOVE)
    assert backup.read_bytes() == before


def test_many_projects_report_which_files_changed_and_a_dry_run_also_how(tmp_path: Path) -> None:
    from mashup_gen.regeneration import regenerate_each

    projects = [make_project(tmp_path / name) for name in ("a", "b")]
    preview = list(regenerate_each(projects, {"tenant": NEW_TENANT}, dry_run=True))
    assert all(change.after and change.before for outcome in preview for change in outcome.changes)
    written = list(regenerate_each(projects, {"tenant": NEW_TENANT}))
    # A run that writes reports which files (a worker process sends every outcome back: not their contents).
    assert [[c.path for c in o.changes] for o in written] == [[c.path for c in o.changes] for o in preview]
    assert all(change.after == b"" for outcome in written for change in outcome.changes)
    assert all(load(project).answers["tenant"] == NEW_TENANT for project in projects)
