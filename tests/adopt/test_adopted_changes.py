"""An adopted project honours a requested change or refuses it with a reason (issue 18.5): never
"unchanged" with the old value kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mashup_gen.record import load
from tests.paths import CORPUS
from tests.regen_support import snapshot

TENANT = "acme.eu.qlikcloud.com"
ID = "abcdefghijABCDEFGHIJ0123456789_-"
APP = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"
NEW_APP = "2a6d0b0f-7b66-4c9f-8e4f-5a1a6c7d8e9f"


def adopted(tmp_path: Path, invoke, *extra: str) -> Path:  # type: ignore[no-untyped-def]
    project = tmp_path / "m"
    shutil.copytree(CORPUS / "saas-hardcoded", project, ignore=shutil.ignore_patterns("expected.json"))
    result = invoke("adopt", str(project), "--tenant", TENANT, "--web-integration-id", ID, *extra)
    assert result.exit_code == 0, result.output
    return project


def mentions(project: Path, value: str) -> list[str]:
    return [
        path
        for path, data in snapshot(project).items()
        if value.encode() in data and ".mashup-gen-backup" not in path and path != ".mashup-gen.json"
    ]


def test_a_new_app_id_is_applied_to_every_file(tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    project = adopted(tmp_path, invoke, "--app-id", APP)
    assert mentions(project, APP)
    result = invoke("regenerate", str(project), "--app-id", NEW_APP)
    assert result.exit_code == 0, result.output
    assert "updated" in result.output
    assert mentions(project, APP) == [] and mentions(project, NEW_APP)
    assert load(project).answers["app_id"] == NEW_APP
    assert invoke("regenerate", str(project), "--app-id", NEW_APP).output.count("unchanged") == 1


@pytest.mark.parametrize("setting", ["title=Revenue", "origins=https://www.example.com"])
def test_a_change_an_adopted_project_cannot_take_is_refused(tmp_path: Path, invoke, setting: str) -> None:  # type: ignore[no-untyped-def]
    project = adopted(tmp_path, invoke, "--app-id", APP)
    before = snapshot(project)
    result = invoke("regenerate", str(project), "--set", setting)
    assert result.exit_code == 2, result.output
    key = setting.split("=")[0]
    assert f"{key} cannot be changed in an adopted project" in result.output and "unchanged" not in result.output
    assert snapshot(project) == before


def test_an_app_id_the_record_does_not_hold_is_refused(tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    project = adopted(tmp_path, invoke)
    if "app_id" in load(project).answers:
        pytest.skip("adopt found the app id in the files")
    before = snapshot(project)
    result = invoke("regenerate", str(project), "--app-id", NEW_APP)
    assert result.exit_code == 2 and "holds no app_id" in result.output, result.output
    assert snapshot(project) == before
