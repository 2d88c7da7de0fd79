"""fs.inside: a path under a project, refused when it (or a link on the way) leads outside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mashup_gen.fs import inside


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("inside")
    project = root / "project"
    (project / "a" / "b").mkdir(parents=True)
    (root / "outside").mkdir()
    os.symlink(root / "outside", project / "away")  # a folder link out of the project
    os.symlink(project / "a", project / "here")  # a folder link that stays inside
    os.symlink("../../outside", project / "a" / "up")  # a relative link out
    os.symlink("missing", project / "dangling")
    return project


def _by_resolve(root: Path, relative: str) -> Path | None:
    target, base = (root / relative).resolve(), root.resolve()
    return target if target == base or base in target.parents else None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["a", "b", "..", ".", "away", "here", "up", "dangling", "x.js"]), max_size=5))
def test_inside_agrees_with_a_full_resolve(tree: Path, parts: list[str]) -> None:
    relative = "/".join(parts)
    expected = _by_resolve(tree, relative)
    try:
        found: Path | None = inside(tree, relative)
    except ValueError:
        found = None
    assert found == expected


def test_an_absolute_path_is_outside(tree: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        inside(tree, "/etc/passwd")


def test_temporary_names_are_exclusive_private_and_found_by_the_leftover_patterns(tmp_path: Path) -> None:
    import re
    import stat

    from mashup_gen.fs import exclusive_file, exclusive_folder

    made = set()
    for _ in range(50):
        fd, path = exclusive_file(tmp_path, ".index.html.", ".tmp")
        os.close(fd)
        made.add(path)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        # regenerate's pattern for a killed run's staged file (regeneration._temp_pattern)
        assert re.fullmatch(r"\.index\.html\.[a-z0-9_]{8}\.tmp", Path(path).name)
    assert len(made) == 50
    folder = exclusive_folder(tmp_path, ".sales.123.", ".mashup-gen-tmp")
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert re.fullmatch(r"\.sales\.(\d+)\.[^.]+\.mashup-gen-tmp", folder.name)  # generate.remove_stale_staging
