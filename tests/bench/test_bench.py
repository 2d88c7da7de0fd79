"""The benchmark harness (bench/): its quick mode runs end to end and reports every scenario.

These tests prove the harness still works; they never assert a timing (CI machines are too noisy for that,
and the figures worth quoting come from a full run, see bench/README.md). A contender may be missing only
for a stated reason: cruft and copier when the ``bench`` extra is not installed, a mashup-gen command that
has not been built yet.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.paths import REPO

BENCH = REPO / "bench"
BIN_DIR = Path(sys.executable).parent
SCENARIOS = {
    "new",
    "new-embed",
    "new-impersonation",
    "new-webapp",
    "new-webapp-oauth",
    "regenerate",
    "recursive",
    "help",
    "check",
    "check-mixed",
    "check-one",
    "online",
}
EXTRA_INSTALLED = all(importlib.util.find_spec(name) is not None for name in ("cruft", "copier"))
NO_EXTRA = "the bench extra (cruft, copier) is not installed: pip install -e '.[bench]'"


def _load(name: str) -> ModuleType:
    """A bench/ module, imported without putting bench/ on sys.path for the other tests."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _mashup_gen_has(command: str) -> bool:
    from mashup_gen.cli import COMMANDS

    module = COMMANDS[command].partition(":")[0]
    return importlib.util.find_spec(module) is not None


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One quick run (a few seconds) shared by the tests below."""
    if shutil.which("mashup-gen", path=str(BIN_DIR)) is None:
        pytest.skip(f"mashup-gen is not installed in {BIN_DIR} (pip install -e .)")
    tmp = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(BENCH / "run.py"), "--quick", "--bin-dir", str(BIN_DIR)]
    command += ["--json", str(tmp / "figures.json"), "--markdown", str(tmp / "latest.md"), "--work", str(tmp / "work")]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        "figures": json.loads((tmp / "figures.json").read_text()),
        "markdown": (tmp / "latest.md").read_text(),
        "stdout": result.stdout,
    }


def test_document_layout(quick_run: dict[str, Any]) -> None:
    figures = quick_run["figures"]
    assert figures["schema_version"] == 1
    assert figures["quick"] is True
    assert figures["command"].startswith("python bench/run.py")
    settings = figures["settings"]
    assert {"runs", "warmup", "projects", "cruft_sample", "mashups"} <= settings.keys()
    assert figures["machine"]["cpus"] >= 1
    assert isinstance(figures["memory_method"], str)
    assert figures["tools"]["mashup-gen"]
    assert set(figures["scenarios"]) == SCENARIOS


def test_every_measured_contender_has_positive_figures(quick_run: dict[str, Any]) -> None:
    runs = quick_run["figures"]["settings"]["runs"]
    for key, scenario in quick_run["figures"]["scenarios"].items():
        assert scenario["title"], key
        assert scenario["contenders"], key
        for label, contender in scenario["contenders"].items():
            if not contender["available"]:
                assert contender["reason"], (key, label)
                continue
            assert len(contender["runs_s"]) == runs, (key, label)
            assert all(seconds > 0 for seconds in contender["runs_s"]), (key, label)
            assert 0 < contender["min_s"] <= contender["median_s"], (key, label)
            assert contender["peak_rss_kib"] > 0, (key, label)


def test_ratios_are_computed_whenever_both_sides_ran(quick_run: dict[str, Any]) -> None:
    for key, scenario in quick_run["figures"]["scenarios"].items():
        for ratio in scenario["ratios"]:
            assert {"name", "value", "target", "met"} <= ratio.keys(), key
            if ratio["value"] is None:
                assert ratio["met"] is None
                continue
            assert ratio["value"] > 0, (key, ratio)
            if ratio["target"] is not None:
                assert isinstance(ratio["met"], bool), (key, ratio)  # met or not: a finding, not a failure


def test_tools_produced_the_same_work(quick_run: dict[str, Any]) -> None:
    """Same files from every generator, edits kept and tenant changed after every update."""
    for key, scenario in quick_run["figures"]["scenarios"].items():
        for check, ok in scenario["verification"].items():
            assert ok, (key, check, scenario["notes"])


def _available(figures: dict[str, Any], scenario: str, label_start: str) -> bool:
    contenders = figures["scenarios"][scenario]["contenders"]
    matching = [c for label, c in contenders.items() if label.startswith(label_start)]
    assert matching, (scenario, label_start, list(contenders))
    return all(c["available"] for c in matching)


def test_always_available_contenders_ran(quick_run: dict[str, Any]) -> None:
    figures = quick_run["figures"]
    assert _available(figures, "new", "mashup-gen new")
    assert _available(figures, "new", "cookiecutter")  # a runtime dependency
    assert _available(figures, "new-embed", "mashup-gen new --template qlik-embed")
    assert _available(figures, "new-embed", "cookiecutter")
    assert _available(figures, "new-webapp", "mashup-gen new --template webapp")
    assert _available(figures, "new-webapp", "cookiecutter")
    assert _available(figures, "new-webapp-oauth", "mashup-gen new --template webapp")
    assert _available(figures, "new-webapp-oauth", "cookiecutter")
    assert _available(figures, "help", "mashup-gen --help")
    assert _available(figures, "help", "python -c")


@pytest.mark.skipif(not EXTRA_INSTALLED, reason=NO_EXTRA)
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed; cruft and copier need it")
def test_cruft_and_copier_ran_when_the_extra_is_installed(quick_run: dict[str, Any]) -> None:
    figures = quick_run["figures"]
    assert _available(figures, "new", "copier copy")
    assert _available(figures, "regenerate", "cruft update")
    assert _available(figures, "regenerate", "copier update")
    assert _available(figures, "recursive", "shell loop of cruft update")


@pytest.mark.parametrize(
    ("command", "scenario", "label"),
    [
        ("regenerate", "regenerate", "mashup-gen regenerate"),
        ("regenerate", "recursive", "mashup-gen regenerate --recursive"),
        ("check", "check", "mashup-gen check"),
    ],
)
def test_mashup_gen_commands_ran_once_they_exist(
    quick_run: dict[str, Any], command: str, scenario: str, label: str
) -> None:
    figures = quick_run["figures"]
    if not _mashup_gen_has(command):
        contenders = figures["scenarios"][scenario]["contenders"]
        reasons = [c["reason"] for name, c in contenders.items() if name.startswith(label)]
        assert reasons and all(f"no `{command}` command" in reason for reason in reasons)
        pytest.skip(f"mashup-gen has no `{command}` command yet: reported as not available")
    assert _available(figures, scenario, label)


def test_check_reports_files_per_second(quick_run: dict[str, Any]) -> None:
    if not _mashup_gen_has("check"):
        pytest.skip("mashup-gen has no `check` command yet")
    figures = quick_run["figures"]["scenarios"]["check"]["figures"]
    assert figures["files checked"] > 0
    assert figures["files per second"] > 0


def test_table_and_markdown_show_every_scenario(quick_run: dict[str, Any]) -> None:
    for scenario in quick_run["figures"]["scenarios"].values():
        assert scenario["title"] in quick_run["stdout"]
        assert scenario["title"] in quick_run["markdown"]
    assert "| what | median s / value | peak MiB | note |" in quick_run["markdown"]


def test_peak_memory_is_the_tools_own_not_the_harness(tmp_path: Path) -> None:
    """A small process must not inherit the harness's size (the fork-then-exec trap bench/harness.py avoids)."""
    harness = _load("harness")
    if harness.GNU_TIME is None:
        pytest.skip("GNU time is not installed: peak memory includes the harness's own as a floor")
    ballast = bytearray(64 * 1024 * 1024)  # make this process clearly bigger than the child
    small = harness.run_measured([sys.executable, "-c", "pass"])
    big = harness.run_measured([sys.executable, "-c", "x = bytearray(96 * 1024 * 1024)"])
    assert small.peak_rss_kib < 48 * 1024 < len(ballast) // 1024
    assert big.peak_rss_kib > 96 * 1024


def test_failing_command_is_an_error_with_its_output() -> None:
    harness = _load("harness")
    with pytest.raises(harness.CommandFailed, match="boom"):
        harness.run_measured([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"])
    run = harness.run_measured([sys.executable, "-c", "import sys; sys.exit(1)"], ok_status=(0, 1))
    assert run.status == 1
