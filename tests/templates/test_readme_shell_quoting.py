"""The qlik-cli commands the templates' READMEs print are safe to paste into a shell (issue 18.3): every
value is shell-quoted, and an id starting with ``-`` cannot be read as a flag."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mashup_gen import catalog
from tests.regen_support import ANSWERS, make_project

TEMPLATES = ("capability", "webapp", "qlik-embed")
DASH_ID = "-rf_abcdefghijABCDEFGHIJ01234567"  # a valid web integration id that looks like a flag


def readme_source(name: str) -> str:
    return next((catalog.builtin_root() / name).glob("*/README.md")).read_text(encoding="utf-8")


def sh_macro(name: str) -> jinja2.Template:
    source = readme_source(name)
    macro = next(line for line in source.splitlines() if line.startswith("{%- macro sh(value)"))
    return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(macro + "{{ sh(value) }}")


@pytest.mark.parametrize("name", TEMPLATES)
@given(value=st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_sh_gives_back_exactly_the_value_as_one_word(name: str, value: str) -> None:
    assert shlex.split(sh_macro(name).render(value=value)) == [value]


def commands(readme: str) -> list[list[str]]:
    """The qlik commands of a README, split as a POSIX shell would split them."""
    return [shlex.split(line) for line in readme.splitlines() if line.strip().startswith("qlik web-integration")]


@pytest.mark.parametrize("name", TEMPLATES)
def test_commands_split_into_the_intended_arguments(tmp_path: Path, name: str) -> None:
    answers = {**ANSWERS, "web_integration_id": DASH_ID, "origins": "http://localhost:8000 https://www.example.com"}
    if name == "qlik-embed":
        answers.update(auth="cookie", client_id="")
    if name == "webapp":
        answers.pop("objects")
    project = make_project(tmp_path / "p", answers, catalog.find(name))
    patch, create = commands((project / "README.md").read_text())
    assert patch == [
        "qlik", "web-integration", "patch", "--op", "replace", "--path", "/validOrigins",
        '--value=["http://localhost:8000", "https://www.example.com"]', "--", DASH_ID,
    ]  # fmt: skip
    assert create == [
        "qlik", "web-integration", "create", "--name=sales",
        "--validOrigins=http://localhost:8000", "--validOrigins=https://www.example.com",
    ]  # fmt: skip


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_unquoted_value_in_a_readme_command(name: str) -> None:
    """Every ``{{ ... }}`` on a qlik command line of the template source goes through ``sh``."""
    for line in readme_source(name).splitlines():
        if line.strip().startswith("qlik "):
            for expression in re.findall(r"\{\{(.*?)\}\}", line):
                assert expression.strip().startswith("sh("), (name, line)
