"""examples/ holds exactly what the tool writes today: each command, run again, gives the same bytes."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.paths import EXAMPLES

COMMANDS = sorted(EXAMPLES.glob("*.command"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_there_are_examples() -> None:
    assert len(COMMANDS) >= 3


def test_the_webapp_template_has_an_example() -> None:
    templates = set()
    for command in COMMANDS:
        argv = shlex.split(command.read_text())
        templates.add(argv[argv.index("--template") + 1] if "--template" in argv else "capability")
    assert {"capability", "webapp"} <= templates


@pytest.mark.parametrize("command", COMMANDS, ids=lambda p: p.stem)
def test_example_is_a_fresh_render(command: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke) -> None:
    argv = shlex.split(command.read_text())
    assert argv[:2] == ["mashup-gen", "new"] and argv[2] == f"examples/{command.stem}"
    # The same relative destination, under a scratch folder, so the project's name is the same.
    (tmp_path / "examples").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke(*argv[1:])
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "examples" / command.stem) == snapshot(EXAMPLES / command.stem)


def test_the_templates_have_examples() -> None:
    from mashup_gen.catalog import DEFAULT_TEMPLATE

    used = set()
    for command in COMMANDS:
        argv = shlex.split(command.read_text())
        used.add(argv[argv.index("--template") + 1] if "--template" in argv else DEFAULT_TEMPLATE)
    assert {DEFAULT_TEMPLATE, "qlik-embed"} <= used
