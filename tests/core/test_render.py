"""Rendering: cookiecutter's rules, in memory, byte for byte what cookiecutter itself writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mashup_gen.catalog import builtin_root
from mashup_gen.render import Template, TemplateError, build_context, render

CAPABILITY = builtin_root() / "capability"


def write_template(root: Path, variables: dict, files: dict[str, str | bytes]) -> Template:
    root.mkdir(parents=True, exist_ok=True)
    (root / "cookiecutter.json").write_text(json.dumps(variables))
    for relative, content in files.items():
        path = root / "{{cookiecutter.name}}" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return Template.load(root)


def test_context_defaults_answers_and_derived_values(tmp_path: Path) -> None:
    template = write_template(
        tmp_path / "t",
        {
            "name": "x",
            "greeting": "hi {{ cookiecutter.name }}",
            "__upper": "{{ cookiecutter.name | upper }}",
            "_private": "{{ raw }}",
            "color": ["red", "blue"],
        },
        {"a.txt": ""},
    )
    context = build_context(template, {"name": "demo"})
    assert context == {
        "name": "demo",
        "greeting": "hi demo",
        "__upper": "DEMO",
        "_private": "{{ raw }}",
        "color": "red",
    }


def test_answers_are_data_never_templates(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t", {"name": "x", "title": "t"}, {"a.txt": "{{ cookiecutter.title }}"})
    context = build_context(template, {"name": "n", "title": "{{ 7 * 7 }} {% raw %}"})
    assert render(template, context) == {"a.txt": b"{{ 7 * 7 }} {% raw %}"}


def test_names_binary_files_copy_without_render_and_newlines(tmp_path: Path) -> None:
    template = write_template(
        tmp_path / "t",
        {"name": "x", "_copy_without_render": ["raw/*"]},
        {
            "{{ cookiecutter.name }}.txt": "name={{ cookiecutter.name }}\n",
            "raw/keep.txt": "{{ untouched }}",
            "logo.png": b"\x89PNG\r\n\x1a\n\x00{{ cookiecutter.name }}",
            "crlf.txt": "a\r\n{{ cookiecutter.name }}\r\n",
        },
    )
    files = render(template, build_context(template, {"name": "demo"}))
    assert files == {
        "crlf.txt": b"a\r\ndemo\r\n",
        "demo.txt": b"name=demo\n",
        "logo.png": b"\x89PNG\r\n\x1a\n\x00{{ cookiecutter.name }}",
        "raw/keep.txt": b"{{ untouched }}",
    }


def test_names_that_leave_the_project_are_refused(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t", {"name": "x", "f": "a"}, {"{{ cookiecutter.f }}.txt": "x"})
    with pytest.raises(TemplateError, match="outside the project"):
        render(template, build_context(template, {"f": "../../escape"}))


def test_a_file_whose_name_renders_empty_is_not_written(tmp_path: Path) -> None:
    from cookiecutter.main import cookiecutter

    name = "{% if cookiecutter.extra == 'yes' %}extra.txt{% endif %}"
    template = write_template(tmp_path / "t", {"name": "x", "extra": "no"}, {name: "x", "sub/" + name: "y", "a": ""})
    assert sorted(render(template, build_context(template, {}))) == ["a"]
    assert sorted(render(template, build_context(template, {"extra": "yes"}))) == ["a", "extra.txt", "sub/extra.txt"]
    out = Path(cookiecutter(str(tmp_path / "t"), no_input=True, output_dir=str(tmp_path / "out")))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["a"]


def test_errors_name_the_file_and_line(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t", {"name": "x"}, {"a.txt": "ok\n{{ cookiecutter.missing }}\n"})
    with pytest.raises(TemplateError, match=r"a\.txt:2"):
        render(template, build_context(template, {}))
    (tmp_path / "empty").mkdir()
    with pytest.raises(TemplateError, match=r"cookiecutter\.json is missing"):
        Template.load(tmp_path / "empty")


ANSWER_SETS = [
    {"tenant": "acme.eu.qlikcloud.com"},
    {
        "project_slug": "dash",
        "title": 'Sales </script> "quoted" & <b>bold</b>\nsecond line 🎉',
        "tenant": "http://127.0.0.1:8123",
        "web_integration_id": "abcdefghijABCDEFGHIJ0123456789_-",
        "app_id": "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
        "origins": "http://localhost:8000 https://www.example.com",
        "objects": {"CurrentSelections": "CurrentSelections", "kpi": "QVwQm", "chart": "nunQpgh"},
    },
]


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_same_bytes_as_cookiecutter(tmp_path: Path, answers: dict) -> None:
    from cookiecutter.main import cookiecutter

    out = Path(cookiecutter(str(CAPABILITY), no_input=True, output_dir=str(tmp_path), extra_context=answers))
    expected = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    template = Template.load(CAPABILITY)
    assert render(template, build_context(template, answers)) == expected
