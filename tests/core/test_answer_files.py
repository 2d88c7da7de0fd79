"""Each answer is declared once: the templates' cookiecutter.json, README's table and the options derive from it."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import click
import pytest

from mashup_gen import answer_files
from mashup_gen.answers import ANSWERS, BUILTIN_TEMPLATES, BY_KEY, check_answer, is_required, option_for
from mashup_gen.catalog import find
from tests.paths import REPO

ROOT = REPO


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES)
def test_cookiecutter_json_is_derived_from_the_declarations(template: str) -> None:
    path = ROOT / "templates" / template / "cookiecutter.json"
    text = path.read_text(encoding="utf-8")
    assert text == answer_files.cookiecutter_text(template, json.loads(text)), (
        f"{path} is not in step with mashup_gen/answers.py: run python -m mashup_gen.answer_files --write"
    )


def test_readme_table_is_derived_from_the_declarations() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text == answer_files.readme_text(text), "run python -m mashup_gen.answer_files --write"
    for answer in ANSWERS:
        if answer.key != "project_slug":
            assert f"| `{answer.key}` |" in text


def test_the_sync_tool_checks_and_refuses_bad_usage() -> None:
    tool = [sys.executable, "-m", "mashup_gen.answer_files"]
    assert subprocess.run([*tool, "--check"], capture_output=True, timeout=60, cwd=ROOT).returncode == 0
    assert subprocess.run([*tool, "--nope"], capture_output=True, timeout=60, cwd=ROOT).returncode == 2


def test_a_changed_declaration_shows_in_the_derived_file() -> None:
    current = json.loads((ROOT / "templates" / "webapp" / "cookiecutter.json").read_text())
    current["title"] = "Edited by hand"
    current["__prompts__"]["title"] = "Edited label"
    derived = answer_files.cookiecutter_json("webapp", current)
    assert derived["title"] == BY_KEY["title"].defaults["webapp"]
    assert derived["__prompts__"]["title"] == BY_KEY["title"].label
    # The template's own keys survive, in their order, after the answers.
    own = [key for key in current if key not in BY_KEY]
    assert [key for key in derived if key not in BY_KEY] == own


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES)
def test_each_template_asks_exactly_its_declared_answers(template: str) -> None:
    questions = set(find(template).template.questions)
    declared = {answer.key for answer in ANSWERS if template in answer.templates}
    assert declared <= questions and not {key for key in questions - declared if key in BY_KEY}


def test_sign_in_rules_per_template() -> None:
    embed = find("qlik-embed").template.variables["auth"]
    webapp = find("webapp").template.variables["auth"]
    assert embed == ["oauth2", "cookie", "impersonation"] and webapp == ["cookie", "oauth2"]
    assert "auth" not in find("capability").template.variables
    for auth in ("oauth2", "impersonation"):
        assert is_required("client_id", {"auth": auth}) and not is_required("web_integration_id", {"auth": auth})
    assert is_required("web_integration_id", {"auth": "cookie"}) and is_required("web_integration_id", {})
    assert not is_required("client_id", {"auth": "cookie"})
    assert BY_KEY["redirect_uri"].asked({"auth": "oauth2"}) and not BY_KEY["redirect_uri"].asked({"auth": "cookie"})


def test_no_answer_holds_a_secret() -> None:
    for answer in ANSWERS:
        assert not answer.secret
        assert "secret" not in answer.key and "api_key" not in answer.key


def test_each_option_is_the_declared_one() -> None:
    from mashup_gen.commands.new import new
    from mashup_gen.commands.regenerate import regenerate

    options = {opt: param for param in new.params if isinstance(param, click.Option) for opt in param.opts}
    for answer in ANSWERS:
        if answer.option is None:
            assert option_for(answer.key) == f"--set {answer.key}"
            continue
        param = options[answer.option]
        assert param.name == answer.key and param.help == answer.help and param.multiple == answer.many
        assert param.envvar == answer.envvar
    regenerate_options = {opt: p for p in regenerate.params if isinstance(p, click.Option) for opt in p.opts}
    assert regenerate_options["--tenant"].envvar is None  # never re-target from a variable left set


def test_every_declared_check_refuses_a_control_character() -> None:
    for answer in ANSWERS:
        with pytest.raises(ValueError):
            check_answer(answer.key, "bad\x00value")


def test_the_key_web_integration_id_is_written_in_few_modules() -> None:
    """The done-when of issue 17 for core's modules: the key is named through answers' constant elsewhere."""
    package = ROOT / "mashup_gen"
    mine = [
        "answers.py", "questions.py", "api.py", "cli.py", "generate.py", "catalog.py", "errors.py",
        "answer_files.py", "commands/new.py", "commands/options.py", "commands/templates.py",
        "commands/regenerate.py", "commands/check.py", "commands/adopt.py",
    ]  # fmt: skip
    holding = [name for name in mine if re.search(r"[\"']web_integration_id[\"']", (package / name).read_text())]
    assert holding == ["answers.py"]
