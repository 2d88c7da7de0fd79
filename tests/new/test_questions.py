"""Prompting in `mashup-gen new`: the order, no placeholder defaults, the `--object` form, and checking."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sysconfig
import time
from pathlib import Path

import pytest

from mashup_gen import questions
from mashup_gen.errors import InvalidValue
from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID

ORDER = ["tenant", "web_integration_id", "app_id", "objects", "title", "origins"]
PLACEHOLDERS = ("your-tenant", "ReplaceWithYourWebIntegrationId00", "00000000-0000")


def test_order_puts_the_known_questions_first_then_the_templates_own() -> None:
    keys = ["project_slug", "title", "theme", "tenant", "origins", "objects", "app_id", "web_integration_id", "x"]
    assert questions.order(keys) == [*ORDER, "project_slug", "theme", "x"]
    assert questions.order(["title", "tenant"]) == ["tenant", "title"]


def test_labels_come_from_the_table_then_the_template() -> None:
    prompts = {"tenant": "Qlik Cloud tenant host", "theme": "Colour theme"}
    assert "acme.eu.qlikcloud.com" in questions.label("tenant", prompts)
    assert questions.label("theme", prompts) == "Colour theme"
    assert questions.label("other", prompts) == "other"
    assert "ELEMENT=OBJECT_ID" in questions.label("objects", {}) and "{" not in questions.label("objects", {})


def test_check_typed_splits_list_answers_and_reports_bad_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert questions.check_typed("objects", "kpi=QVwQm  CurrentSelections") == {
        "kpi": "QVwQm",
        "CurrentSelections": "CurrentSelections",
    }
    assert questions.check_typed("objects", ("kpi=QVwQm",)) == {"kpi": "QVwQm"}
    assert questions.check_typed("origins", "http://localhost:8000 https://www.example.com") == (
        "http://localhost:8000 https://www.example.com"
    )
    assert questions.check_typed("title", "My page") == "My page"
    assert questions.check_typed("web_integration_id", "short") == "short"
    assert "has 5 characters" in capsys.readouterr().err
    with pytest.raises(InvalidValue, match="GUID"):
        questions.check_typed("app_id", "nope")


def test_typed_form_is_the_object_option_form() -> None:
    assert questions.typed_form({"kpi": "QVwQm", "CurrentSelections": "CurrentSelections"}) == (
        "kpi=QVwQm CurrentSelections=CurrentSelections"
    )
    assert questions.typed_form("x") == "x"


def _interactive_input() -> str:
    return "\n".join(["", TENANT, "", WEB_INTEGRATION_ID, "", APP_ID, "kpi=QVwQm", "", ""]) + "\n"


def test_required_values_have_no_default_and_the_order_is_fixed(tmp_path: Path, invoke) -> None:
    result = invoke("new", str(tmp_path / "p"), input=_interactive_input(), tty=True)
    assert result.exit_code == 0, result.output
    output = result.output
    for placeholder in PLACEHOLDERS:
        assert placeholder not in output
    # Enter on a required value says what is expected and asks again instead of accepting a placeholder.
    assert output.count("Qlik Cloud tenant (such as acme.eu.qlikcloud.com): ") == 2
    assert "Error: '': expected a Qlik Cloud tenant" in output
    assert "Error: '': expected a web integration id" in output and "Error: '': expected an app id" in output
    assert output.count("Web integration id (Management Console > Integrations > Web): ") == 2
    assert output.count("App id (the GUID in the app's URL): ") == 2
    labels = [questions.label(key, {}) for key in ORDER]
    positions = [output.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "[CurrentSelections=CurrentSelections]" in output and '{"' not in output
    record = json.loads((tmp_path / "p" / ".mashup-gen.json").read_text())["answers"]
    assert record["tenant"] == TENANT and record["web_integration_id"] == WEB_INTEGRATION_ID
    assert record["app_id"] == APP_ID and record["objects"] == {"kpi": "QVwQm"}
    assert record["title"] == "Qlik Cloud mashup" and record["origins"] == "http://localhost:8000"


def test_values_given_as_options_are_not_asked(tmp_path: Path, invoke) -> None:
    typed = "\n".join([WEB_INTEGRATION_ID, APP_ID, "", "", ""]) + "\n"
    result = invoke("new", str(tmp_path / "p"), "--tenant", TENANT, input=typed, tty=True)
    assert result.exit_code == 0, result.output
    assert "Qlik Cloud tenant" not in result.output


def test_on_a_real_terminal(tmp_path: Path) -> None:
    """The installed executable under a pseudo-terminal: each answer is typed once its question shows."""
    executable = str(Path(sysconfig.get_path("scripts")) / "mashup-gen")
    script = [
        ("Qlik Cloud tenant", ""),  # Enter: asked again
        ("Qlik Cloud tenant", TENANT),
        ("Web integration id", WEB_INTEGRATION_ID),
        ("App id", APP_ID),
        ("Objects to show", "kpi=QVwQm CurrentSelections"),
        ("Page title", "Sales"),
        ("Origins the page is served from", ""),
    ]
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [executable, "new", str(tmp_path / "p")], stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env
    )
    os.close(child_fd)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        for expected, answer in script:
            while seen.count(expected.encode()) < 1:
                assert time.monotonic() < deadline, seen.decode(errors="replace")
                ready, _, _ = select.select([main_fd], [], [], 0.5)
                if ready:
                    try:
                        seen += os.read(main_fd, 4096)
                    except OSError:  # the child closed the terminal
                        break
            _, _, seen = seen.partition(expected.encode())
            os.write(main_fd, answer.encode() + b"\r")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(main_fd)
    record = json.loads((tmp_path / "p" / ".mashup-gen.json").read_text())["answers"]
    assert record["tenant"] == TENANT and record["objects"] == {
        "kpi": "QVwQm",
        "CurrentSelections": "CurrentSelections",
    }
    assert record["title"] == "Sales"
