"""The blind set (bench/accuracy/blind/): projects written here by people who never read check's code.

Its truth files are well formed, every project they name is in the archive with the files and lines they
point at, and score.py scores the set from the archive (no mirror) and refuses an unsafe archive.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from tests.check.test_accuracy_corpus import ACCURACY, _truth, score

BLIND = ACCURACY / score.BLIND
TRUTHS = sorted(BLIND.glob("*.json"))


def _archive_files() -> dict[str, bytes]:
    with tarfile.open(BLIND / score.BLIND_ARCHIVE) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def test_the_blind_set_is_there_with_every_kind_and_a_quarter_of_negative_controls() -> None:
    docs = [json.loads(p.read_text()) for p in TRUTHS]
    assert len(docs) >= 100
    kinds = {d["kind"] for d in docs}
    assert {"webapp", "qlik-embed", "framework"} <= kinds
    assert sum(d["negative_control"] for d in docs) * 4 >= len(docs)


def test_load_truths_accepts_the_blind_set_without_the_half_rule() -> None:
    loaded = score.load_truths(ACCURACY, (score.BLIND,))
    assert len(loaded) == len(TRUTHS)
    assert all(doc["repo"].startswith("blind14/") for _, _, doc in loaded)


def test_every_truth_points_into_its_project_in_the_archive() -> None:
    files = _archive_files()
    problems: list[str] = []
    for path in TRUTHS:
        doc = json.loads(path.read_text())
        name = doc["repo"].split("/", 1)[1]
        if not any(member.startswith(name + "/") for member in files):
            problems.append(f"{path.name}: no folder {name}/ in the archive")
            continue
        for problem in doc["problems"]:
            for place in [problem, *problem.get("also", [])]:
                body = files.get(f"{name}/{place['file']}")
                if body is None:
                    if place.get("line") is not None:  # a missing file is a problem whose line is null
                        problems.append(f"{path.name}: {problem['id']}: {place['file']} is not in the project")
                    continue
                if place.get("line") is not None and place["line"] > body.count(b"\n") + 1:
                    problems.append(f"{path.name}: {problem['id']}: {place['file']} has no line {place['line']}")
    assert problems == []


def _blind_corpus(tmp_path: Path, members: dict[str, str]) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / score.BLIND).mkdir(parents=True)
    doc = _truth(repo="blind14/demo")
    doc["problems"] = doc["problems"][:1]
    doc["problems"][0].pop("also")
    (corpus / score.BLIND / "blind14__demo.json").write_text(json.dumps(doc))
    with tarfile.open(corpus / score.BLIND / score.BLIND_ARCHIVE, "w:gz") as tar:
        for name, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return corpus


def _checker(tmp_path: Path) -> str:
    checker = tmp_path / "fake_check.py"
    checker.write_text(
        textwrap.dedent(
            """
            import json, os, sys
            root = sys.argv[4]
            assert os.path.isfile(os.path.join(root, "main.js")), "the project was not extracted"
            print(json.dumps({"findings": [{"rule": "wi", "severity": "error", "line": 10, "message": "no id",
                                            "path": os.path.join(root, "main.js")}]}))
            """
        )
    )
    return f"{sys.executable} {checker}"


def test_score_main_scores_a_blind_project_from_the_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _blind_corpus(tmp_path, {"demo/main.js": "// x\n" * 20, "other/main.js": "// y\n"})
    argv = ["--half", score.BLIND, "--corpus", str(corpus), "--checker", _checker(tmp_path), "--json"]
    assert score.main(argv) == 0
    overall = json.loads(capsys.readouterr().out)["summary"]["overall"]
    assert (overall["problems"], overall["caught"], overall["errors"], overall["true_errors"]) == (1, 1, 1, 1)


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"other/main.js": "x"}, "holds no folder demo/"),
        ({"demo/../../escape.js": "x"}, "unsafe path"),
    ],
)
def test_a_missing_or_unsafe_blind_project_is_skipped_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], members: dict[str, str], expected: str
) -> None:
    corpus = _blind_corpus(tmp_path, members)
    argv = ["--half", score.BLIND, "--corpus", str(corpus), "--checker", _checker(tmp_path)]
    assert score.main(argv) == 0
    out = capsys.readouterr().out
    assert "skipped blind14/demo" in out and expected in out
    assert not (tmp_path / "escape.js").exists()
