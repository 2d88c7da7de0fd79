"""Smaller items of issue 18.9: JSON output with non-UTF-8 file names, the advice for a file the system will
not open, the count of conflicts next to the files, the OAuth client's limit of 5 origins."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from mashup_gen.checker.findings import Finding, Report, Severity
from tests.conftest import APP_ID


def test_json_output_with_a_non_utf8_file_name_is_valid_json() -> None:
    name = os.fsdecode(b"caf\xe9.html")  # a Latin-1 name on a UTF-8 system: a lone surrogate in Python
    finding = Finding("file-unreadable", Severity.ERROR, name, None, None, f"{name}: not checked", "fix")
    report = Report([finding], files=1, projects=1)
    text = report.to_json("0")
    text.encode("utf-8")  # strict: raises on a lone surrogate
    document = json.loads(text)
    assert os.fsencode(document["findings"][0]["path"]) == b"caf\xe9.html"


def test_check_json_of_a_project_with_a_non_utf8_name(tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    name = os.fsdecode(b"p\xe9ge.html")
    (tmp_path / name).write_bytes(b"\xff\xfe\x00binary")
    result = invoke("check", str(tmp_path), "--format", "json")
    document = json.loads(result.output)
    assert any(os.fsencode(f["path"]).endswith(b"p\xe9ge.html") for f in document["findings"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_the_system_will_not_open_gets_permission_advice(tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "index.html"
    page.write_text("<html></html>")
    page.chmod(0)
    try:
        result = invoke("check", str(tmp_path), "--format", "json")
    finally:
        page.chmod(0o644)
    [finding] = [f for f in json.loads(result.output)["findings"] if f["rule"] == "file-unreadable"]
    assert "chmod" in finding["fix"] and "UTF-8" not in finding["fix"]


def test_inaccessible_problems_get_permission_advice() -> None:
    from types import SimpleNamespace

    from mashup_gen.checker.rules import files
    from mashup_gen.checker.scan import Problem

    stub = SimpleNamespace(
        problems=[Problem("a.html", "inaccessible", "Permission denied"), Problem("b.js", "unreadable", "binary")]
    )
    found = {f.path: f.fix for f in files.check(stub, None)}  # type: ignore[arg-type]
    assert "chmod" in found["a.html"] and "UTF-8" not in found["a.html"]
    assert "UTF-8" in found["b.js"]


def test_the_summary_counts_conflicts_next_to_files(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    index = project / "index.html"
    index.write_text(index.read_text().replace("<title>Sales</title>", "<title>Mine</title>"))
    result = invoke(
        "regenerate", str(project), "--set", "title=Revenue", "--app-id", "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"
    )
    assert result.exit_code == 1
    listed = [line for line in result.output.splitlines() if line.startswith("  conflict: ")]
    head = result.output.splitlines()[0]
    match = re.search(r"\((\d+) files?, (\d+) conflicts? listed below\)", head)
    assert match, head
    assert int(match.group(2)) == len(listed) >= 1
    assert APP_ID not in index.read_text() or "<<<<<<<" in index.read_text()


def test_the_oauth_readme_warns_over_five_origins(tmp_path: Path) -> None:
    from mashup_gen import catalog
    from tests.regen_support import ANSWERS, make_project

    oauth = {"auth": "oauth2", "client_id": "0123456789abcdef0123456789abcdef", "web_integration_id": ""}
    six = " ".join(f"https://site{i}.example.com" for i in range(6))
    many = make_project(tmp_path / "many", {**ANSWERS, **oauth, "origins": six}, catalog.find("qlik-embed"))
    assert "**Warning:** this project lists 6 origins" in (many / "README.md").read_text()
    few = make_project(tmp_path / "few", {**ANSWERS, **oauth}, catalog.find("qlik-embed"))
    assert "**Warning:**" not in (few / "README.md").read_text()
