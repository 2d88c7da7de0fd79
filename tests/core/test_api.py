"""mashup-gen from Python: new, regenerate and check as documented, from a plain `python -c` too."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mashup_gen
from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID
from tests.paths import README

ANSWERS = {
    "tenant": TENANT,
    "web_integration_id": WEB_INTEGRATION_ID,
    "app_id": APP_ID,
    "objects": {"kpi": "QVwQm", "CurrentSelections": "CurrentSelections"},
    "title": "Sales",
}
OTHER_APP = "2a6d0b1f-7b66-4c9f-8e4f-5a1a6c7d8e9f"


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_documented_calls_work_from_a_plain_python_c(tmp_path: Path) -> None:
    done = _python(
        f"""
        import json, mashup_gen
        answers = {ANSWERS!r}
        made = mashup_gen.new("sales", answers=answers)
        print(json.dumps(sorted(made.files)))
        result = mashup_gen.regenerate("sales", changes={{"app_id": {OTHER_APP!r}}})
        print(result.status, result.conflicts)
        print(mashup_gen.regenerate("sales").status)
        for finding in mashup_gen.check(["sales"]):
            print(finding.rule, finding.severity.value, finding.path, finding.line, finding.message)
        try:
            mashup_gen.new("bad", answers={{**answers, "app_id": "nope"}})
        except mashup_gen.InvalidValue as exc:
            print("invalid", exc.answer, isinstance(exc, mashup_gen.Error))
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "index.html" in json.loads(lines[0]) and "mashup.js" in json.loads(lines[0])
    assert lines[1] == "updated []" and lines[2] == "unchanged"
    assert lines[-1] == "invalid app_id True"
    assert not (tmp_path / "bad").exists()
    record = json.loads((tmp_path / "sales" / ".mashup-gen.json").read_text())
    assert record["answers"]["app_id"] == OTHER_APP and record["answers"]["objects"] == ANSWERS["objects"]


def test_import_is_cheap_and_names_load_on_use() -> None:
    code = (
        "import sys, mashup_gen; heavy = [m for m in ('click', 'jinja2', 'mashup_gen.api', 'mashup_gen.answers') "
        "if m in sys.modules]; print(heavy); mashup_gen.Error; print('mashup_gen.errors' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == ["[]", "True"], done.stderr


def test_new_returns_what_it_wrote_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    planned = mashup_gen.new(tmp_path / "p", answers=ANSWERS, dry_run=True)
    assert "index.html" in planned.files and not (tmp_path / "p").exists()
    made = mashup_gen.new(tmp_path / "p", answers=ANSWERS)
    assert (tmp_path / "p" / "index.html").read_bytes() == made.files["index.html"]
    assert made.record.answers["project_slug"] == "p"


def test_the_result_prints_short(tmp_path: Path) -> None:
    """A REPL or a log line shows where and how many files, not every byte of the project."""
    made = mashup_gen.new(tmp_path / "p", answers=ANSWERS, dry_run=True)
    shown = repr(made)
    assert shown == f"Generated(dest={str(tmp_path / 'p')!r}, files={len(made.files)}, backups=[])"
    assert len(made.files) > 1 and "<html" not in shown.lower()


@pytest.mark.parametrize(
    ("answers", "answer"),
    [
        ({**ANSWERS, "tenant": "ftp://x"}, "tenant"),
        ({**ANSWERS, "objects": {"1bad": "QVwQm"}}, "objects"),
        ({**ANSWERS, "origins": ["not an origin"]}, "origins"),
    ],
)
def test_a_bad_value_names_the_answer_and_writes_nothing(tmp_path: Path, answers: dict, answer: str) -> None:
    with pytest.raises(mashup_gen.InvalidValue) as caught:
        mashup_gen.new(tmp_path / "p", answers=answers)
    assert caught.value.answer == answer and caught.value.describe().startswith(f"{answer}: ")
    assert not (tmp_path / "p").exists()


def test_missing_and_unknown_answers_are_errors(tmp_path: Path) -> None:
    without_tenant = {key: value for key, value in ANSWERS.items() if key != "tenant"}
    with pytest.raises(mashup_gen.Error, match="--tenant"):
        mashup_gen.new(tmp_path / "p", answers=without_tenant)
    with pytest.raises(mashup_gen.Error, match="does not use"):
        mashup_gen.new(tmp_path / "p", answers={**ANSWERS, "colour": "blue"})
    with pytest.raises(mashup_gen.InvalidValue) as caught:
        mashup_gen.new(tmp_path / "p", template="no-such-template", answers=ANSWERS)
    assert caught.value.option == "--template"
    assert not (tmp_path / "p").exists()


def test_a_template_offers_only_its_own_sign_in_choices(tmp_path: Path) -> None:
    with pytest.raises(mashup_gen.InvalidValue) as caught:
        mashup_gen.new(tmp_path / "p", template="webapp", answers={"tenant": TENANT, "auth": "impersonation"})
    assert caught.value.answer == "auth" and "cookie, oauth2" in str(caught.value)


def test_regenerate_reports_conflicts(tmp_path: Path) -> None:
    project = tmp_path / "p"
    mashup_gen.new(project, answers=ANSWERS)
    script = project / "mashup.js"
    script.write_text(script.read_text().replace(f'var appId = "{APP_ID}";', 'var appId = "mine";'))
    result = mashup_gen.regenerate(project, changes={"app_id": OTHER_APP})
    assert result.status == "conflicted" and result.conflicts == ["mashup.js"]
    assert "<<<<<<< yours" in script.read_text()


def test_regenerate_dry_run_and_failures(tmp_path: Path) -> None:
    project = tmp_path / "p"
    mashup_gen.new(project, answers=ANSWERS)
    before = (project / "mashup.js").read_bytes()
    result = mashup_gen.regenerate(str(project), changes={"app_id": OTHER_APP}, dry_run=True)
    assert result.status == "updated" and "mashup.js" in result.changed
    assert (project / "mashup.js").read_bytes() == before
    with pytest.raises(mashup_gen.InvalidValue) as caught:
        mashup_gen.regenerate(project, changes={"app_id": "nope"})
    assert caught.value.answer == "app_id"
    with pytest.raises(mashup_gen.ProjectError, match="not a mashup-gen project"):
        mashup_gen.regenerate(tmp_path)


def test_check_returns_findings(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<script src="https://acme.eu.qlikcloud.com/resources/assets/external/requirejs/require.js">'
        "</script><script>require.config({webIntegrationId: 'x'});</script>\n"
    )
    findings = mashup_gen.check(page)
    assert findings, "a page without a config object or app must have findings"
    for finding in findings:
        assert finding.rule and finding.severity.value in ("error", "warning") and finding.message
    assert mashup_gen.check([tmp_path], origins=["https://www.example.com"]) == findings


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    readme = README.read_text()
    section = readme.split("## Use from Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    done = _python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "index.html" in lines[0] and lines[1] == "updated []"
