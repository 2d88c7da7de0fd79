"""The real-world accuracy corpus (bench/accuracy/): its ground truth is well formed, and score.py scores right.

No network and no mirrors: the schema tests read the committed JSON files; the scoring tests build a tiny
synthetic project (a git repository made here, a stand-in checker that prints a fixed JSON document) so
the matching rules (caught / partial / missed, true / false errors, the +-2 line slack) are pinned down.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.paths import REPO

ACCURACY = REPO / "bench" / "accuracy"


def _load_score() -> ModuleType:
    """bench/accuracy/score.py as a module, without putting bench/ on sys.path for other tests."""
    spec = importlib.util.spec_from_file_location("bench_accuracy_score", ACCURACY / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


score = _load_score()
TRUTH_FILES = sorted(p for half in (*score.HALVES, *score.DEV_BATCHES) for p in (ACCURACY / half).glob("*.json"))


def _truth(**overrides: Any) -> dict[str, Any]:
    """A valid ground-truth document with one error problem, one warning problem and a not-problem."""
    doc: dict[str, Any] = {
        "repo": "someone/demo",
        "commit": "0" * 40,
        "subdir": "",
        "kind": "capability",
        "target": "qlik-cloud",
        "negative_control": False,
        "summary": "A demo mashup.",
        "problems": [
            {"id": "p1", "file": "main.js", "line": 10, "also": [{"file": "config.js", "line": 3}],
             "severity": "error", "category": "missing-web-integration-id", "what": "no id"},
            {"id": "p2", "file": "index.html", "line": 5, "severity": "warning", "category": "login-flow",
             "what": "no login"},
        ],
        "not_problems": [{"file": "main.js", "line": 40, "why": "fine"}],
    }  # fmt: skip
    doc.update(overrides)
    return doc


def _finding(severity: str, file: str, line: int | None, rule: str = "r") -> Any:
    return score.Finding(rule=rule, severity=severity, file=file, line=line, message="m")


# --------------------------------------------------------------------------------------------- the corpus


def test_dev_half_has_enough_projects_of_every_kind() -> None:
    docs = [json.loads(p.read_text()) for p in (ACCURACY / "dev").glob("*.json")]
    assert len(docs) >= 22
    kinds = [d["kind"] for d in docs]
    for kind in score.KINDS:
        assert kinds.count(kind) >= 4, kind
    negatives = sum(1 for d in docs if d["negative_control"])
    assert negatives * 4 >= len(docs), f"{negatives} negative controls of {len(docs)}"


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ground_truth_file_is_valid(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert score.validate_truth(doc, str(path)) == []
    assert path.name == score.truth_name(doc["repo"], doc["subdir"])
    assert score.half_of(doc["repo"]) == score.folder_half(path.parent.name), "the sha1 split puts it in the other half"


def test_load_truths_accepts_the_committed_corpus() -> None:
    loaded = score.load_truths(ACCURACY, (*score.HALVES, *score.DEV_BATCHES))
    assert len(loaded) == len(TRUTH_FILES)


@pytest.mark.parametrize("batch", score.DEV_BATCHES)
def test_a_later_development_batch_holds_real_projects_of_the_dev_half(batch: str) -> None:
    docs = [json.loads(p.read_text()) for p in (ACCURACY / batch).glob("*.json")]
    assert len(docs) >= 20
    assert all(score.half_of(d["repo"]) == "dev" and not d["repo"].startswith("blind") for d in docs)
    assert any(d["negative_control"] for d in docs) and any(not d["negative_control"] for d in docs)


def test_a_development_batch_refuses_a_held_out_repository(tmp_path: Path) -> None:
    repo = next(f"someone/demo{i}" for i in range(100) if score.half_of(f"someone/demo{i}") == "heldout")
    batch = score.DEV_BATCHES[0]
    (tmp_path / batch).mkdir()
    (tmp_path / batch / score.truth_name(repo, "")).write_text(json.dumps(_truth(repo=repo)))
    with pytest.raises(score.TruthError, match="belongs to the heldout half"):
        score.load_truths(tmp_path, [batch])


def test_no_repository_subdir_pair_appears_twice() -> None:
    keys = [(d["repo"].lower(), d["subdir"]) for d in (json.loads(p.read_text()) for p in TRUTH_FILES)]
    assert len(keys) == len(set(keys))


# --------------------------------------------------------------------------------------------- the schema


def test_a_valid_document_has_no_errors() -> None:
    assert score.validate_truth(_truth()) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": "vue"}, "kind: 'vue'"),
        ({"commit": "abc"}, "commit: 'abc'"),
        ({"target": "client-managed"}, "target"),
        ({"negative_control": True}, "a negative control has no problems"),
        ({"problems": []}, "empty, so the project is a negative control"),
        ({"subdir": "/abs"}, "subdir"),
        ({"repo": "no-slash"}, "repo"),
        ({"summary": ""}, "summary"),
    ],
)
def test_schema_errors_name_the_key(change: dict[str, Any], expected: str) -> None:
    errors = score.validate_truth(_truth(**change), "x.json")
    assert any(expected in e and e.startswith("x.json") for e in errors), errors


def test_problem_errors_name_the_problem_and_key() -> None:
    doc = _truth()
    doc["problems"][0]["category"] = "typo"
    doc["problems"][1]["id"] = "p1"
    doc["problems"][1]["line"] = 0
    doc["problems"][1]["file"] = "../escape.js"
    errors = score.validate_truth(doc, "x.json")
    assert "x.json: problems[0].category: 'typo' is not in the closed list" in errors
    assert "x.json: problems[1].id: 'p1' is used twice" in errors
    assert any(e.startswith("x.json: problems[1].line") for e in errors)
    assert any(e.startswith("x.json: problems[1].file") for e in errors)


def test_null_line_is_allowed_only_on_the_problem_itself() -> None:
    doc = _truth()
    doc["problems"][0]["line"] = None
    assert score.validate_truth(doc) == []
    doc["problems"][0]["also"][0]["line"] = None
    assert any("also[0].line" in e for e in score.validate_truth(doc))


def test_load_truths_refuses_a_misnamed_or_misplaced_file(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    doc = _truth(repo="someone/demo")
    half = score.half_of("someone/demo")
    other = "heldout" if half == "dev" else "dev"
    (tmp_path / other).mkdir(exist_ok=True)
    (tmp_path / other / "someone__demo.json").write_text(json.dumps(doc))
    with pytest.raises(score.TruthError, match=f"belongs to the {half} half"):
        score.load_truths(tmp_path, [other])
    (tmp_path / other / "someone__demo.json").unlink()
    (tmp_path / half).mkdir(exist_ok=True)
    (tmp_path / half / "wrong.json").write_text(json.dumps(doc))
    with pytest.raises(score.TruthError, match=r"file name should be someone__demo\.json"):
        score.load_truths(tmp_path, [half])


def test_truth_name_slugs_the_subdir() -> None:
    assert score.truth_name("a/b", "") == "a__b.json"
    assert score.truth_name("a/b", "x/y z") == "a__b__x-y-z.json"


# --------------------------------------------------------------------------------------------- matching


def test_error_at_the_line_catches_an_error_problem() -> None:
    result = score.score_project(_truth(), [_finding("error", "main.js", 10)])
    assert [o for _, o, _ in result.problems] == ["caught", "missed"]
    assert [ok for _, ok in result.errors] == [True]


def test_line_slack_is_two_either_way_and_also_entries_count() -> None:
    for line in (8, 12):
        assert score.match_problem(_truth()["problems"][0], [_finding("error", "main.js", line)])[0] == "caught"
    assert score.match_problem(_truth()["problems"][0], [_finding("error", "main.js", 13)])[0] == "partial"
    assert score.match_problem(_truth()["problems"][0], [_finding("error", "config.js", 4)])[0] == "caught"


def test_warning_on_an_error_problem_is_partial() -> None:
    outcome, finding = score.match_problem(_truth()["problems"][0], [_finding("warning", "main.js", 10)])
    assert outcome == "partial" and finding is not None and finding.severity == "warning"


def test_warning_or_error_catches_a_warning_problem() -> None:
    problem = _truth()["problems"][1]
    assert score.match_problem(problem, [_finding("warning", "index.html", 6)])[0] == "caught"
    assert score.match_problem(problem, [_finding("error", "index.html", 4)])[0] == "caught"


def test_other_file_is_missed_and_its_error_is_false() -> None:
    result = score.score_project(_truth(), [_finding("error", "other.js", 10)])
    assert [o for _, o, _ in result.problems] == ["missed", "missed"]
    assert [ok for _, ok in result.errors] == [False]


def test_false_error_on_a_not_problem_line_is_reported() -> None:
    result = score.score_project(_truth(), [_finding("error", "main.js", 41)])
    assert [ok for _, ok in result.errors] == [False]
    assert [item["why"] for _, item in result.on_not_problems] == ["fine"]


def test_missing_file_problem_is_caught_by_any_line_of_that_file() -> None:
    doc = _truth()
    doc["problems"][0]["line"] = None
    assert score.match_problem(doc["problems"][0], [_finding("error", "main.js", None)])[0] == "caught"


def test_every_error_on_a_negative_control_is_false() -> None:
    doc = _truth(negative_control=True, problems=[])
    result = score.score_project(doc, [_finding("error", "main.js", 10), _finding("warning", "main.js", 1)])
    assert [ok for _, ok in result.errors] == [False]
    assert result.warnings == 1


@given(line=st.integers(min_value=1, max_value=500), delta=st.integers(min_value=-6, max_value=6))
def test_caught_exactly_within_the_slack(line: int, delta: int) -> None:
    problem = {"id": "p", "file": "a.js", "line": line, "severity": "error", "category": "other", "what": "w"}
    found = max(1, line + delta)
    outcome, _ = score.match_problem(problem, [_finding("error", "a.js", found)])
    assert outcome == ("caught" if abs(found - line) <= 2 else "partial")


def test_parse_findings_makes_paths_relative_to_the_project(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    document = {
        "findings": [
            {"rule": "a", "severity": "error", "path": str(tmp_path / "src" / "x.js"), "line": 3, "message": "m"},
            {"rule": "b", "severity": "warning", "path": "src/y.js", "line": None, "message": "m"},
        ]
    }
    found = score.parse_findings(document, tmp_path)
    assert [(f.file, f.line) for f in found] == [("src/x.js", 3), ("src/y.js", None)]
    with pytest.raises(ValueError, match="findings"):
        score.parse_findings({"nope": []}, tmp_path)


def test_summary_counts_by_kind() -> None:
    a = score.Outcome(half="dev", truth=_truth(), path=Path("a.json"))
    a.score = score.score_project(a.truth, [_finding("error", "main.js", 10), _finding("error", "zzz.js", 1)])
    b = score.Outcome(half="dev", truth=_truth(kind="webapp", negative_control=True, problems=[]), path=Path("b"))
    b.score = score.score_project(b.truth, [_finding("error", "x.js", 1)])
    c = score.Outcome(half="dev", truth=_truth(kind="webapp"), path=Path("c.json"), skipped="no mirror")
    summary = score.summarise([a, b, c])
    cap, web, overall = summary["by_kind"]["capability"], summary["by_kind"]["webapp"], summary["overall"]
    assert (cap["problems"], cap["caught"], cap["errors"], cap["true_errors"]) == (2, 1, 2, 1)
    assert cap["recall"] == 0.5 and cap["precision"] == 0.5
    assert (web["projects"], web["scored"], web["skipped"], web["errors_on_negative_controls"]) == (3 - 1, 1, 1, 1)
    assert overall["errors"] == 3 and overall["false_errors"] == 2 and overall["negative_controls"] == 1


# --------------------------------------------------------------------------------------------- end to end


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(cwd), "PATH": "/usr/bin:/bin"}  # fmt: skip
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def synthetic(tmp_path: Path) -> dict[str, Path]:
    """A mirror of 'someone/demo' with a project in web/, a corpus for it, and a stand-in checker."""
    work = tmp_path / "work"
    (work / "web").mkdir(parents=True)
    (work / "web" / "main.js").write_text("\n".join(f"// {n}" for n in range(1, 30)) + "\n")
    (work / "web" / "config.js").write_text("var config = {};\n")
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "demo")
    commit = _git(work, "rev-parse", "HEAD").strip()
    mirrors = tmp_path / "mirrors"
    (mirrors / "someone+demo").mkdir(parents=True)
    _git(tmp_path, "clone", "-q", "--bare", str(work), str(mirrors / "someone+demo" / "repo"))
    corpus = tmp_path / "corpus"
    half = score.half_of("someone/demo")
    (corpus / half).mkdir(parents=True)
    doc = _truth(commit=commit, subdir="web")
    doc["problems"][1]["file"] = "main.js"  # both problems in files that exist
    (corpus / half / "someone__demo__web.json").write_text(json.dumps(doc))
    checker = tmp_path / "fake_check.py"
    checker.write_text(
        textwrap.dedent(
            """
            import json, os, sys
            assert sys.argv[1:4] == ["check", "--format", "json"], sys.argv
            root = sys.argv[4]
            assert os.path.isfile(os.path.join(root, "main.js")), "the project was not materialised"
            print(json.dumps({"findings": [
                {"rule": "wi", "severity": "error", "path": os.path.join(root, "config.js"), "line": 1,
                 "message": "no id"},
                {"rule": "noise", "severity": "error", "path": os.path.join(root, "main.js"), "line": 25,
                 "message": "false"},
            ]}))
            """
        )
    )
    return {"mirrors": mirrors, "corpus": corpus, "checker": checker, "half": Path(half)}


def test_score_main_materialises_checks_and_scores(
    synthetic: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    half = str(synthetic["half"])
    argv = ["--half", half, "--corpus", str(synthetic["corpus"]), "--mirrors", str(synthetic["mirrors"]),
            "--checker", f"{sys.executable} {synthetic['checker']}", "--json"]  # fmt: skip
    assert score.main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["summary"]["overall"]
    # p1 is caught through its 'also' entry (config.js:3, finding at line 1); p2 has only a far finding
    assert (overall["problems"], overall["caught"], overall["partial"], overall["missed"]) == (2, 1, 1, 0)
    assert (overall["errors"], overall["true_errors"]) == (2, 1)
    [project] = report["projects"]
    assert [p["outcome"] for p in project["problems"]] == ["caught", "partial"]
    assert [e["true"] for e in project["errors"]] == [True, False]


def test_score_main_verbose_lists_items(synthetic: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    checker = f"{sys.executable} {synthetic['checker']}"
    argv = ["--half", str(synthetic["half"]), "--corpus", str(synthetic["corpus"]), "--mirrors",
            str(synthetic["mirrors"]), "--checker", checker, "--verbose"]  # fmt: skip
    assert score.main(argv) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "recall" in out
    assert "CAUGHT   p1" in out and "PARTIAL  p2" in out and "FALSE    noise main.js:25" in out


def test_missing_mirror_is_skipped_with_the_fetch_to_do(
    synthetic: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--half", str(synthetic["half"]), "--corpus", str(synthetic["corpus"]), "--mirrors",
            str(tmp_path / "none"), "--checker", f"{sys.executable} {synthetic['checker']}"]  # fmt: skip
    assert score.main(argv) == 0
    assert "no mirror: fetch github:someone/demo" in capsys.readouterr().out


def test_invalid_ground_truth_exits_2_naming_file_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    half = score.half_of("someone/demo")
    (tmp_path / half).mkdir()
    bad = copy.deepcopy(_truth(kind="nope"))
    (tmp_path / half / "someone__demo.json").write_text(json.dumps(bad))
    assert score.main(["--half", half, "--corpus", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "someone__demo.json: kind: 'nope'" in err and "Traceback" not in err


def test_script_runs_as_a_program(synthetic: dict[str, Path]) -> None:
    proc = subprocess.run(
        [sys.executable, str(ACCURACY / "score.py"), "--half", str(synthetic["half"]), "--corpus",
         str(synthetic["corpus"]), "--mirrors", str(synthetic["mirrors"]), "--checker",
         f"{sys.executable} {synthetic['checker']}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "capability" in proc.stdout and "overall" in proc.stdout


def test_a_copy_of_the_script_scores_the_checkout_it_runs_in(
    synthetic: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """corpus-heldout runs `git show corpus-dev:bench/accuracy/score.py > /tmp/score.py` from its checkout."""
    checkout = tmp_path / "checkout"
    (checkout / "bench").mkdir(parents=True)
    (synthetic["corpus"]).rename(checkout / "bench" / "accuracy")
    copy = tmp_path / "elsewhere" / "score.py"
    copy.parent.mkdir()
    copy.write_text((ACCURACY / "score.py").read_text())
    proc = subprocess.run(
        [sys.executable, str(copy), "--half", str(synthetic["half"]), "--mirrors", str(synthetic["mirrors"]),
         "--checker", f"{sys.executable} {synthetic['checker']}", "--json"],
        cwd=checkout, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"]["overall"]["problems"] == 2
    assert report["by_half"][str(synthetic["half"])]["overall"]["caught"] == 1


def test_the_checker_runs_in_the_projects_folder(tmp_path: Path) -> None:
    """``python -m mashup_gen`` puts the working folder first on its path: run from a checkout, a checker meant to
    run another copy of the code would run that checkout. The checker runs in the project's folder instead."""
    project = tmp_path / "project"
    project.mkdir()
    fake = tmp_path / "checker.py"
    fake.write_text(
        "import json, os, sys\n"
        "where = os.getcwd()\n"
        'print(json.dumps({"findings": [{"rule": "cwd", "severity": "warning", "path": sys.argv[-1] + "/a.js",'
        ' "line": 1, "message": where}]}))\n'
    )
    [finding] = score.run_check([sys.executable, str(fake)], project)
    assert finding.message == str(project)
