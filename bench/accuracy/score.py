"""Score `mashup-gen check` against the real-world corpus, finding by finding.

For each ground-truth file under ``bench/accuracy/<half>/`` the project is re-exported from its git mirror
(``git archive <commit> <subdir>`` into a temporary folder), checked with ``mashup-gen check --format json``
and compared with what an expert wrote down before any tool ran:

* a problem is CAUGHT when a finding of its severity (an error; for a warning problem an error or a warning)
  names its file and a line within +-2 of ``line`` or of an ``also`` entry; PARTIAL when only a finding of
  the other severity is there, or one in the same file at another line; MISSED otherwise;
* every error finding is TRUE when it matches a problem (same file, line within +-2), else FALSE; any error
  on a negative control is false.

Run ``python bench/accuracy/score.py --half dev`` (or ``heldout`` / ``all`` / ``blind``); ``--json`` prints the figures
as JSON, ``--verbose`` lists every caught, partial, missed and false item. A project whose mirror is absent
is listed as skipped with the ``fetch`` to do. The exit status is 0 when scoring ran (whatever the figures),
2 on bad input (an invalid ground-truth file, an unknown option value).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_MIRRORS = Path(os.environ.get("MASHUP_GEN_MIRRORS", "/work/.mirror"))
HALVES = ("dev", "heldout")
# Projects written here, blind to check's code (bench/accuracy/README.md): their code travels with the truth,
# in one archive, instead of coming from a mirror. Not a half of the public corpus: scored on its own.
BLIND = "blind"
BLIND_ARCHIVE = "projects.tar.gz"
# Later batches of development-half repositories, labeled blind after the split (bench/accuracy/README.md).
# Their repositories hash to dev; they sit apart from dev/ because public code holds fewer correct projects
# than the quarter dev/ was assembled with, and each batch's first score is an out-of-sample figure.
DEV_BATCHES = ("dev2",)
KINDS = ("capability", "webapp", "qlik-embed", "framework")
SEVERITIES = ("error", "warning")
CATEGORIES = (
    "missing-web-integration-id",
    "wrong-resource-path",
    "missing-require-config",
    "bad-config-object",
    "placeholder-value",
    "secret-in-browser",
    "api-key-in-browser-request",
    "missing-auth-header-or-credentials",
    "missing-csrf",
    "websocket-url",
    "login-flow",
    "oauth-config",
    "embed-config",
    "tenant-mixup",
    "csp",
    "client-managed-only",
    "other",
)
LINE_SLACK = 2  # a finding may point a couple of lines away from the line an expert chose
TOP_KEYS = ("repo", "commit", "subdir", "kind", "target", "negative_control", "summary", "problems", "not_problems")
PROBLEM_KEYS = {"id", "file", "line", "also", "severity", "category", "what"}
CHECK_TIMEOUT = 300  # seconds for one project; a hung check must not hang the whole run


class TruthError(ValueError):
    """A ground-truth file that does not follow the schema (the message names file and key)."""


# --------------------------------------------------------------------------------------------- the schema


def _is_rel_path(value: Any) -> bool:
    """A non-empty, relative, forward-slash path that does not climb out of the project."""
    if not isinstance(value, str) or not value or "\\" in value:
        return False
    path = PurePosixPath(value)
    return not path.is_absolute() and ".." not in path.parts


def _check_location(where: str, entry: Any, errors: list[str], *, line_may_be_null: bool) -> None:
    if not isinstance(entry, dict):
        errors.append(f"{where}: expected an object with 'file' and 'line'")
        return
    if not _is_rel_path(entry.get("file")):
        errors.append(f"{where}.file: {entry.get('file')!r} is not a relative path inside the project")
    line = entry.get("line")
    if line is None and line_may_be_null:
        return
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        errors.append(f"{where}.line: {line!r} is not a line number (an integer from 1)")


def truth_name(repo: str, subdir: str) -> str:
    """The file name a ground-truth file must have: ``owner__name[__subdir-slug].json``."""
    owner, name = repo.split("/", 1)
    stem = f"{owner}__{name}"
    if subdir:
        stem += "__" + re.sub(r"[^A-Za-z0-9._-]+", "-", subdir.strip("/"))
    return stem + ".json"


def folder_half(folder: str) -> str:
    """The half whose repositories a corpus folder holds: a later development batch holds dev's."""
    return "dev" if folder in DEV_BATCHES else folder


def half_of(repo: str) -> str:
    """The half a repository belongs to: sha1 of its lower-cased ``owner/name``, even -> dev, odd -> heldout."""
    return HALVES[int(hashlib.sha1(repo.lower().encode()).hexdigest(), 16) % 2]


def validate_truth(doc: Any, source: str = "<truth>") -> list[str]:
    """Every way ``doc`` breaks the ground-truth schema, as ``source: key: what`` messages (empty: valid)."""
    errors: list[str] = []
    if not isinstance(doc, dict):
        return [f"{source}: the document is not a JSON object"]
    for key in TOP_KEYS:
        if key not in doc:
            errors.append(f"{source}: missing key {key!r}")
    extra = set(doc) - set(TOP_KEYS)
    if extra:
        errors.append(f"{source}: unknown keys {sorted(extra)}")
    repo = doc.get("repo")
    if not isinstance(repo, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9._-]+", repo):
        errors.append(f"{source}: repo: {repo!r} is not 'owner/name'")
    commit = doc.get("commit")
    if not isinstance(commit, str) or not re.fullmatch(r"[0-9a-f]{40}", commit):
        errors.append(f"{source}: commit: {commit!r} is not 40 lower-case hex digits")
    subdir = doc.get("subdir")
    if not isinstance(subdir, str) or (subdir and not _is_rel_path(subdir)):
        errors.append(f"{source}: subdir: {subdir!r} is not '' or a relative path")
    if doc.get("kind") not in KINDS:
        errors.append(f"{source}: kind: {doc.get('kind')!r} is not one of {list(KINDS)}")
    if doc.get("target") != "qlik-cloud":
        errors.append(f"{source}: target: {doc.get('target')!r} is not 'qlik-cloud'")
    negative = doc.get("negative_control")
    if not isinstance(negative, bool):
        errors.append(f"{source}: negative_control: {negative!r} is not true or false")
    if not isinstance(doc.get("summary"), str) or not doc.get("summary", "").strip():
        errors.append(f"{source}: summary: expected a non-empty sentence")
    problems = doc.get("problems")
    if not isinstance(problems, list):
        errors.append(f"{source}: problems: expected a list")
        problems = []
    if negative is True and problems:
        errors.append(f"{source}: problems: a negative control has no problems, found {len(problems)}")
    if negative is False and not problems:
        errors.append(f"{source}: problems: empty, so the project is a negative control (set negative_control)")
    seen: set[str] = set()
    for index, problem in enumerate(problems):
        where = f"{source}: problems[{index}]"
        if not isinstance(problem, dict):
            errors.append(f"{where}: expected an object")
            continue
        missing = PROBLEM_KEYS - {"also"} - set(problem)
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
        unknown = set(problem) - PROBLEM_KEYS
        if unknown:
            errors.append(f"{where}: unknown keys {sorted(unknown)}")
        pid = problem.get("id")
        if not isinstance(pid, str) or not pid:
            errors.append(f"{where}.id: {pid!r} is not a non-empty string")
        elif pid in seen:
            errors.append(f"{where}.id: {pid!r} is used twice")
        else:
            seen.add(pid)
        _check_location(where, problem, errors, line_may_be_null=True)
        for j, other in enumerate(problem.get("also", []) if isinstance(problem.get("also", []), list) else [None]):
            _check_location(f"{where}.also[{j}]", other, errors, line_may_be_null=False)
        if problem.get("severity") not in SEVERITIES:
            errors.append(f"{where}.severity: {problem.get('severity')!r} is not one of {list(SEVERITIES)}")
        if problem.get("category") not in CATEGORIES:
            errors.append(f"{where}.category: {problem.get('category')!r} is not in the closed list")
        if not isinstance(problem.get("what"), str) or not problem.get("what", "").strip():
            errors.append(f"{where}.what: expected a non-empty explanation")
    not_problems = doc.get("not_problems")
    if not isinstance(not_problems, list):
        errors.append(f"{source}: not_problems: expected a list")
        not_problems = []
    for index, item in enumerate(not_problems):
        where = f"{source}: not_problems[{index}]"
        _check_location(where, item, errors, line_may_be_null=True)
        if isinstance(item, dict) and (not isinstance(item.get("why"), str) or not item.get("why", "").strip()):
            errors.append(f"{where}.why: expected a non-empty explanation")
    return errors


def load_truths(corpus: Path, halves: Iterable[str]) -> list[tuple[str, Path, dict[str, Any]]]:
    """Every ground-truth file of the given halves as ``(half, path, document)``, validated.

    Raises TruthError naming every invalid file and key, so nothing is scored from a broken corpus.
    """
    found: list[tuple[str, Path, dict[str, Any]]] = []
    problems: list[str] = []
    for half in halves:
        for path in sorted((corpus / half).glob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems.append(f"{path}: not readable JSON ({exc})")
                continue
            errors = validate_truth(doc, str(path))
            if not errors and path.name != truth_name(doc["repo"], doc["subdir"]):
                errors.append(f"{path}: file name should be {truth_name(doc['repo'], doc['subdir'])}")
            if not errors and half != BLIND and half_of(doc["repo"]) != folder_half(half):
                errors.append(f"{path}: repo: {doc['repo']} belongs to the {half_of(doc['repo'])} half")
            problems.extend(errors)
            if not errors:
                found.append((half, path, doc))
    if problems:
        raise TruthError("\n".join(problems))
    return found


# --------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Finding:
    """One finding of `check`, its path made relative to the project root."""

    rule: str
    severity: str
    file: str
    line: int | None
    message: str


@dataclass
class ProjectScore:
    """The verdict for one project: each problem's outcome and each error finding's truth."""

    problems: list[tuple[dict[str, Any], str, Finding | None]] = field(default_factory=list)
    errors: list[tuple[Finding, bool]] = field(default_factory=list)
    warnings: int = 0
    on_not_problems: list[tuple[Finding, dict[str, Any]]] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        """How many problems ended as ``outcome`` (caught / partial / missed)."""
        return sum(1 for _, got, _ in self.problems if got == outcome)


def _targets(problem: dict[str, Any]) -> list[tuple[str, int | None]]:
    places = [(problem["file"], problem.get("line"))]
    places += [(extra["file"], extra["line"]) for extra in problem.get("also", [])]
    return places


def _near(finding: Finding, file: str, line: int | None) -> bool:
    if finding.file != file:
        return False
    if line is None:  # a missing file: naming the file is enough
        return True
    return finding.line is not None and abs(finding.line - line) <= LINE_SLACK


def match_problem(problem: dict[str, Any], findings: Sequence[Finding]) -> tuple[str, Finding | None]:
    """``('caught' | 'partial' | 'missed', the finding that decided it)`` for one expert problem."""
    places = _targets(problem)
    near = [f for f in findings if any(_near(f, file, line) for file, line in places)]
    wanted = {"error"} if problem["severity"] == "error" else {"error", "warning"}
    for finding in near:
        if finding.severity in wanted:
            return "caught", finding
    if near:  # only a finding of the other severity at the right place
        return "partial", near[0]
    files = {file for file, _ in places}
    same_file = [f for f in findings if f.file in files]
    if same_file:
        return "partial", same_file[0]
    return "missed", None


def score_project(truth: dict[str, Any], findings: Sequence[Finding]) -> ProjectScore:
    """Score one project's findings against its ground truth."""
    result = ProjectScore()
    for problem in truth["problems"]:
        outcome, finding = match_problem(problem, findings)
        result.problems.append((problem, outcome, finding))
    for finding in findings:
        if finding.severity == "error":
            hit = any(_near(finding, file, line) for p in truth["problems"] for file, line in _targets(p))
            result.errors.append((finding, hit))
            if not hit:
                for item in truth["not_problems"]:
                    if _near(finding, item["file"], item.get("line")):
                        result.on_not_problems.append((finding, item))
                        break
        else:
            result.warnings += 1
    return result


def parse_findings(document: Any, project_dir: Path) -> list[Finding]:
    """The findings of a ``check --format json`` document, with paths relative to ``project_dir``."""
    if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
        raise ValueError("the JSON document has no 'findings' list")
    root = project_dir.resolve()
    found: list[Finding] = []
    for raw in document["findings"]:
        if not isinstance(raw, dict):
            continue
        path = str(raw.get("path") or "")
        candidate = Path(path)
        # check builds the path from the PATH it was given; accept absolute, cwd-relative or root-relative
        options = [candidate] if candidate.is_absolute() else [Path.cwd() / candidate, project_dir / candidate]
        rel = PurePosixPath(path).as_posix()
        for option in options:
            try:
                rel = option.resolve().relative_to(root).as_posix()
                break
            except ValueError:
                continue
        line = raw.get("line")
        found.append(
            Finding(
                rule=str(raw.get("rule", "")),
                severity=str(raw.get("severity", "")),
                file=rel,
                line=line if isinstance(line, int) and not isinstance(line, bool) else None,
                message=str(raw.get("message", "")),
            )
        )
    return found


# --------------------------------------------------------------------------------------------- running


def find_git_dir(mirrors: Path, repo: str) -> Path | None:
    """The git directory of ``repo``'s mirror (``<mirrors>/<owner>+<name>/repo`` or its ``.git``), if any."""
    base = mirrors / repo.replace("/", "+", 1) / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "objects").is_dir() or (candidate / "HEAD").is_file():
            return candidate
    return None


def _safe_member(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """Tar's data filter, but a member it refuses (a link out of the tree, a device) is skipped, not fatal."""
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None


def _archive(git_dir: Path, commit: str, subdir: str, into: Path) -> None:
    """``git archive`` of ``subdir`` at ``commit`` unpacked into ``into`` (RuntimeError with git's reason)."""
    cmd = ["git", "--git-dir", str(git_dir), "archive", "--format=tar", commit]
    if subdir:
        cmd.append(subdir)
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        try:
            with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
                tar.extractall(into, filter=_safe_member)
        except tarfile.TarError as exc:
            proc.kill()
            proc.wait()
            raise RuntimeError(proc.stderr.read().decode(errors="replace").strip() or str(exc)) from exc
        stderr = proc.stderr.read().decode(errors="replace")
        if proc.wait() != 0:
            raise RuntimeError(stderr.strip() or f"git archive exited with {proc.returncode}")


def _export_present_blobs(git_dir: Path, commit: str, subdir: str, into: Path) -> int:
    """Write every blob of the tree that the mirror holds; returns how many were absent (skipped).

    Mirrors may list their largest files without holding them (``git archive`` then fails as a whole);
    those are binaries (apps, images, DLLs) that no check reads, so the project is still worth scoring.
    """
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", commit, "--", subdir or "."],
        capture_output=True,
        check=False,
    )
    if listing.returncode != 0:
        raise RuntimeError(listing.stderr.decode(errors="replace").strip() or "git ls-tree failed")
    absent = 0
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = meta.split()
        if kind != b"blob" or mode == b"120000":  # submodules and symlinks are not exported
            continue
        rel = PurePosixPath(name.decode("utf-8", errors="replace"))
        if rel.is_absolute() or ".." in rel.parts:
            continue
        blob = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", sha.decode()], capture_output=True)
        if blob.returncode != 0:
            absent += 1
            continue
        target = into.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob.stdout)
    return absent


def materialise(git_dir: Path, commit: str, subdir: str, into: Path) -> Path:
    """Export ``subdir`` of ``commit`` into ``into`` and return the project root (RuntimeError if impossible)."""
    subdir = subdir.strip("/")
    try:
        _archive(git_dir, commit, subdir, into)
    except RuntimeError:
        shutil.rmtree(into, ignore_errors=True)
        into.mkdir(parents=True, exist_ok=True)
        _export_present_blobs(git_dir, commit, subdir, into)
    root = into / subdir if subdir else into
    if not root.is_dir():
        raise RuntimeError(f"subdir {subdir!r} is not in commit {commit}")
    return root


def materialise_blind(archive: Path, repo: str, into: Path) -> Path:
    """Extract the blind project ``repo`` (``blind14/<name>``: the folder ``<name>/`` of ``archive``) into ``into``."""
    name = repo.split("/", 1)[1]
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(name + "/") and m.isfile()]
        if not members:
            raise RuntimeError(f"{archive.name} holds no folder {name}/")
        for member in members:
            target = into / PurePosixPath(member.name)
            if ".." in PurePosixPath(member.name).parts or PurePosixPath(member.name).is_absolute():
                raise RuntimeError(f"{archive.name}: unsafe path {member.name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has a body
            target.write_bytes(source.read())
    return into / name


def default_corpus() -> Path:
    """Where the ground truth lives: beside this script, else ``bench/accuracy`` under the working folder.

    The second case lets a copy of the script (``git show corpus-dev:bench/accuracy/score.py > /tmp/score.py``)
    score the checkout it is run from.
    """
    for candidate in (HERE, Path.cwd() / "bench" / "accuracy"):
        if any((candidate / half).is_dir() for half in HALVES):
            return candidate
    return HERE


def default_checker() -> list[str]:
    """The command that runs `mashup-gen`: the installed executable, else this Python's module."""
    beside = Path(sys.executable).parent / "mashup-gen"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("mashup-gen")
    return [found] if found else [sys.executable, "-m", "mashup_gen"]


def run_check(checker: Sequence[str], project: Path) -> list[Finding]:
    """Run ``<checker> check --format json <project>`` and return its findings (RuntimeError if unusable).

    The checker runs in the project's folder, not in the caller's: ``python -m mashup_gen`` puts the working
    folder first on its path, so a checker meant to run another copy of the code (``PYTHONPATH=old python -m
    mashup_gen``) would run the checkout it was started from instead. A checker named by a relative path is
    made absolute first."""
    program = checker[0]
    if os.sep in program and not os.path.isabs(program):
        program = os.path.abspath(program)
    try:
        proc = subprocess.run(
            [program, *checker[1:], "check", "--format", "json", str(project)],
            capture_output=True,
            text=True,
            timeout=CHECK_TIMEOUT,
            cwd=project,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"check did not answer within {CHECK_TIMEOUT} s") from exc
    except OSError as exc:
        raise RuntimeError(f"cannot run {checker[0]}: {exc}") from exc
    try:
        document = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"check exited {proc.returncode} without a JSON document: {detail[0]}") from exc
    try:
        return parse_findings(document, project)
    except ValueError as exc:
        raise RuntimeError(str(exc)) from exc


@dataclass
class Outcome:
    """One ground-truth file's result: scored, or skipped with the reason (and the fetch to do)."""

    half: str
    truth: dict[str, Any]
    path: Path
    score: ProjectScore | None = None
    skipped: str | None = None


def evaluate(
    truths: Sequence[tuple[str, Path, dict[str, Any]]], mirrors: Path, checker: Sequence[str]
) -> list[Outcome]:
    """Materialise, check and score every ground-truth project; each in its own temporary folder."""
    outcomes: list[Outcome] = []
    for half, path, truth in truths:
        outcome = Outcome(half=half, truth=truth, path=path)
        if half == BLIND:
            with tempfile.TemporaryDirectory(prefix="accuracy-") as tmp:
                try:
                    project = materialise_blind(path.parent / BLIND_ARCHIVE, truth["repo"], Path(tmp))
                    outcome.score = score_project(truth, run_check(checker, project))
                except (RuntimeError, tarfile.TarError, OSError) as exc:
                    outcome.skipped = f"{exc}".splitlines()[0]
            outcomes.append(outcome)
            continue
        git_dir = find_git_dir(mirrors, truth["repo"])
        if git_dir is None:
            outcome.skipped = f"no mirror: fetch github:{truth['repo']}"
            outcomes.append(outcome)
            continue
        with tempfile.TemporaryDirectory(prefix="accuracy-") as tmp:
            try:
                project = materialise(git_dir, truth["commit"], truth["subdir"], Path(tmp))
                outcome.score = score_project(truth, run_check(checker, project))
            except (RuntimeError, tarfile.TarError, OSError) as exc:
                outcome.skipped = f"{exc}".splitlines()[0] + f" (fetch github:{truth['repo']} to refresh)"
        outcomes.append(outcome)
    return outcomes


# --------------------------------------------------------------------------------------------- reporting


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Figures by kind and overall: recall, precision of errors, errors on negative controls."""

    def figures(selected: list[Outcome]) -> dict[str, Any]:
        scored = [o for o in selected if o.score is not None]
        problems = sum(len(o.score.problems) for o in scored if o.score)
        caught = sum(o.score.count("caught") for o in scored if o.score)
        partial = sum(o.score.count("partial") for o in scored if o.score)
        errors = sum(len(o.score.errors) for o in scored if o.score)
        true_errors = sum(1 for o in scored if o.score for _, ok in o.score.errors if ok)
        negatives = [o for o in scored if o.truth["negative_control"]]
        return {
            "projects": len(selected),
            "scored": len(scored),
            "skipped": len(selected) - len(scored),
            "problems": problems,
            "caught": caught,
            "partial": partial,
            "missed": problems - caught - partial,
            "recall": _ratio(caught, problems),
            "errors": errors,
            "true_errors": true_errors,
            "false_errors": errors - true_errors,
            "precision": _ratio(true_errors, errors),
            "negative_controls": len(negatives),
            "errors_on_negative_controls": sum(len(o.score.errors) for o in negatives if o.score),
            "warnings": sum(o.score.warnings for o in scored if o.score),
        }

    by_kind = {kind: figures([o for o in outcomes if o.truth["kind"] == kind]) for kind in KINDS}
    return {"by_kind": by_kind, "overall": figures(list(outcomes))}


def details(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """Per project: every problem's outcome and every error finding's verdict (for --json and --verbose)."""
    rows: list[dict[str, Any]] = []
    for o in outcomes:
        row: dict[str, Any] = {
            "file": o.path.name,
            "half": o.half,
            "repo": o.truth["repo"],
            "subdir": o.truth["subdir"],
            "kind": o.truth["kind"],
            "negative_control": o.truth["negative_control"],
        }
        if o.score is None:
            row["skipped"] = o.skipped
        else:
            row["problems"] = [
                {
                    "id": p["id"],
                    "file": p["file"],
                    "line": p.get("line"),
                    "severity": p["severity"],
                    "category": p["category"],
                    "outcome": outcome,
                    "finding": None if f is None else {"rule": f.rule, "severity": f.severity, "line": f.line},
                }
                for p, outcome, f in o.score.problems
            ]
            row["errors"] = [
                {"rule": f.rule, "file": f.file, "line": f.line, "true": ok, "message": f.message}
                for f, ok in o.score.errors
            ]
            row["errors_on_not_problems"] = [
                {"rule": f.rule, "file": f.file, "line": f.line, "why_fine": item["why"]}
                for f, item in o.score.on_not_problems
            ]
        rows.append(row)
    return rows


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f} %"


def render_table(summary: dict[str, Any], halves_label: str) -> str:
    """The plain-text table: one row per kind, then overall."""
    head = ("kind", "projects", "scored", "problems", "caught", "partial", "missed", "recall", "errors",
            "true", "precision", "neg.ctrl", "errors on neg.")  # fmt: skip
    rows = [head]
    for name, fig in [*summary["by_kind"].items(), ("overall", summary["overall"])]:
        rows.append(
            (name, str(fig["projects"]), str(fig["scored"]), str(fig["problems"]), str(fig["caught"]),
             str(fig["partial"]), str(fig["missed"]), _pct(fig["recall"]), str(fig["errors"]),
             str(fig["true_errors"]), _pct(fig["precision"]), str(fig["negative_controls"]),
             str(fig["errors_on_negative_controls"]))
        )  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [f"accuracy of `mashup-gen check` on the {halves_label} corpus"]
    for index, row in enumerate(rows):
        lines.append(
            "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_verbose(rows: Sequence[dict[str, Any]]) -> str:
    """Every skipped project, every problem's outcome and every false error, one per line."""
    lines: list[str] = []
    for row in rows:
        title = row["repo"] + (f" [{row['subdir']}]" if row["subdir"] else "")
        if "skipped" in row:
            lines.append(f"SKIPPED  {title}: {row['skipped']}")
            continue
        lines.append(f"{title} ({row['kind']}{', negative control' if row['negative_control'] else ''})")
        for p in row["problems"]:
            got = p["finding"]
            by = f" <- {got['rule']} ({got['severity']}, line {got['line']})" if got else ""
            lines.append(f"  {p['outcome'].upper():8} {p['id']} {p['file']}:{p['line']} [{p['category']}]{by}")
        for e in row["errors"]:
            if not e["true"]:
                lines.append(f"  FALSE    {e['rule']} {e['file']}:{e['line']}: {e['message']}")
        for e in row["errors_on_not_problems"]:
            lines.append(f"  (the false error at {e['file']}:{e['line']} is on a line judged fine: {e['why_fine']})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--half",
        choices=("dev", "heldout", "all", BLIND, *DEV_BATCHES),
        default="dev",
        help="which half (or the blind set, or a later development batch) to score; all = both halves and the batches",
    )
    parser.add_argument("--json", action="store_true", help="print the figures and every verdict as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each caught / partial / missed / false item")
    parser.add_argument("--corpus", type=Path, default=None, help="folder holding dev/ and heldout/")
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS, help="root of the git mirrors")
    parser.add_argument("--checker", help="command that runs mashup-gen (default: the installed mashup-gen)")
    args = parser.parse_args(argv)

    halves = (*HALVES, *DEV_BATCHES) if args.half == "all" else (args.half,)
    corpus = args.corpus or default_corpus()
    try:
        truths = load_truths(corpus, halves)
    except TruthError as exc:
        print(f"error: invalid ground truth:\n{exc}", file=sys.stderr)
        return 2
    if not truths:
        print(f"error: --corpus {corpus}: no ground-truth files for --half {args.half}", file=sys.stderr)
        return 2
    checker = shlex.split(args.checker) if args.checker else default_checker()
    outcomes = evaluate(truths, args.mirrors, checker)
    summary = summarise(outcomes)
    by_half = {half: summarise([o for o in outcomes if o.half == half]) for half in halves}
    rows = details(outcomes)
    if args.json:
        document = {"half": args.half, "summary": summary, "by_half": by_half, "projects": rows}
        print(json.dumps(document, indent=2))
        return 0
    if len(halves) > 1:  # each half on its own first: the held-out figures are the ones that count
        for half in halves:
            print(render_table(by_half[half], half))
            print()
    print(render_table(summary, args.half))
    skipped = [row for row in rows if "skipped" in row]
    if args.verbose:
        print()
        print(render_verbose(rows))
    elif skipped:
        print()
        for row in skipped:
            print(f"skipped {row['repo']}{' [' + row['subdir'] + ']' if row['subdir'] else ''}: {row['skipped']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
