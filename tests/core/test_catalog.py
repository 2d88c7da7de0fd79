"""The built-in templates: found by name or path, plain cookiecutter templates usable on their own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mashup_gen import catalog
from mashup_gen.errors import InvalidValue
from tests.paths import REPO


def test_builtin_templates() -> None:
    assert "capability" in catalog.builtin_names()
    info = catalog.find("capability")
    assert info.builtin and info.name == "capability" and info.version == "1.1.0"
    assert "capability API" in info.description
    assert info.template.questions[:1] == ["project_slug"]


def test_a_template_folder_by_path(tmp_path: Path) -> None:
    info = catalog.find(str(catalog.builtin_root() / "capability"))
    assert not info.builtin and Path(info.name).is_absolute()
    with pytest.raises(InvalidValue, match="built-in template"):
        catalog.find(str(tmp_path))
    (tmp_path / "cookiecutter.json").write_text("{not json")
    with pytest.raises(InvalidValue, match="readable cookiecutter template"):
        catalog.find(str(tmp_path))


def test_cookiecutter_renders_the_template_on_its_own(tmp_path: Path) -> None:
    template = catalog.builtin_root() / "capability"
    command = [sys.executable, "-m", "cookiecutter", str(template), "--no-input", "-o", str(tmp_path),
               "tenant=acme.eu.qlikcloud.com", "project_slug=standalone"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "standalone"
    assert sorted(p.name for p in project.iterdir()) == [".gitignore", "README.md", "index.html", "mashup.css",
                                                         "mashup.js", "qlik-session.js"]  # fmt: skip
    html = (project / "index.html").read_text()
    assert 'src="https://acme.eu.qlikcloud.com/resources/assets/external/requirejs/require.js"' in html
    assert 'host: "acme.eu.qlikcloud.com"' in (project / "mashup.js").read_text()


def test_every_include_folder_ships_in_the_wheel() -> None:
    """Include folders are symlinks to templates/_shared, which a wheel drops unless each is listed."""
    import tomllib

    repo = REPO
    config = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for folder in sorted((repo / "templates").glob("*/templates")):
        relative = folder.relative_to(repo).as_posix()
        assert folder.is_symlink() and folder.resolve() == (repo / "templates" / "_shared").resolve(), relative
        assert included.get(relative) == f"mashup_gen/{relative}", f"{relative} is missing from force-include"
