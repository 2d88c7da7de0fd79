"""Which local module a relative import names (``./qlik``, ``../config.js``, a folder's ``index``), as the
project model follows them to tell server code from browser code and what a page reaches. Only names the
folders hold are resolved, each folder once; the answers are those of resolving every possible name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import discover

FILES = {
    "package.json": "{}",
    "index.html": '<!doctype html><script type="module" src="src/main.js"></script>',
    "src/main.js": "import './a';\n",
    "src/a.ts": "export const a = 1;\n",
    "src/lib/index.jsx": "export const b = 2;\n",
    "src/Conf.JS": "export const c = 3;\n",
    "src/styles.css": "body {}\n",
}


def project(root: Path) -> Project:
    (files,) = discover(root, str(root))
    return Project(files)


@pytest.mark.parametrize(
    ("specifier", "expected"),
    [
        ("./a", "src/a.ts"),
        ("./a.ts", "src/a.ts"),
        ("./lib", "src/lib/index.jsx"),
        ("../src/lib/", "src/lib/index.jsx"),
        ("./lib/../a", "src/a.ts"),
        ("./nowhere/../a", "src/a.ts"),
        ("./missing", None),
        ("./missing/deeper/x", None),
        ("./styles.css", None),
        ("./a.ts/x", None),
    ],
)
def test_a_relative_import_names_the_module_a_bundler_would(tmp_path: Path, specifier: str, expected: str) -> None:
    write(tmp_path, FILES)
    model = project(tmp_path)
    main = next(u for u in model.units if u.file.path.name == "main.js")
    found = model._imported(main, specifier, model._module_units())
    assert (model.relative(found.file.path) if found else None) == expected


def test_an_import_through_a_linked_folder_names_the_real_module(tmp_path: Path) -> None:
    write(tmp_path, FILES)
    os.symlink(tmp_path / "src" / "lib", tmp_path / "src" / "shared")
    model = project(tmp_path)
    main = next(u for u in model.units if u.file.path.name == "main.js")
    found = model._imported(main, "./shared", model._module_units())
    assert found is not None and found.file.path.resolve() == (tmp_path / "src/lib/index.jsx").resolve()


def test_a_name_in_a_folder_that_is_not_there_is_certainly_absent(tmp_path: Path) -> None:
    write(tmp_path, FILES)
    model = project(tmp_path)
    assert model.may_exist(tmp_path / "src" / "a.ts")
    assert model.may_exist(tmp_path / "src" / "A.TS")  # a case-insensitive file system may hold it
    assert not model.may_exist(tmp_path / "src" / "b.ts")
    assert not model.may_exist(tmp_path / "nowhere" / "next.config.js")
    assert not model.may_exist(tmp_path / "src" / "a.ts" / "x.js")  # a file is no folder
