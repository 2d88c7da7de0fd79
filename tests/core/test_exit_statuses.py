"""One place turns errors into messages and exit statuses 0 / 1 / 2 / 130 (mashup_gen/cli.py)."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from mashup_gen import errors, generate
from tests.conftest import NEW_ARGS
from tests.paths import PACKAGE

# Developer tools run with `python -m`, not commands of mashup-gen (parser's rule-table generator).
DEVELOPER_ENTRY_POINTS = {"checker/rules/__main__.py", "answer_files.py"}


def test_no_module_but_cli_decides_an_exit_status() -> None:
    pattern = re.compile(r"\bsys\.exit\b|\bctx\.exit\b|\bSystemExit\b|\bos\._exit\b")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "cli.py" or relative in DEVELOPER_ENTRY_POINTS:
            continue
        offenders += [
            f"{relative}:{n}" for n, line in enumerate(path.read_text().splitlines(), 1) if pattern.search(line)
        ]
    assert offenders == []


def test_every_error_derives_from_error() -> None:
    assert issubclass(errors.InvalidValue, errors.Error) and issubclass(errors.InvalidValue, ValueError)
    assert issubclass(errors.ProjectError, errors.Error) and issubclass(errors.UsageProblem, errors.Error)
    from mashup_gen.answers import AnswerConflict

    conflict = AnswerConflict("--client-id", "", "needs the client id")
    assert conflict.option == "--client-id" and isinstance(conflict, errors.Error)
    value = errors.InvalidValue("x", "expected y")  # the (value, expected) constructor stays
    assert (value.value, value.expected, value.answer, value.option) == ("x", "expected y", None, None)


def test_a_bad_value_is_a_usage_error_naming_the_option(tmp_path: Path, invoke) -> None:
    args = [arg if arg != NEW_ARGS[5] else "not-a-guid" for arg in NEW_ARGS]
    result = invoke("new", str(tmp_path / "p"), *args)
    assert result.exit_code == 2 and "Invalid value for '--app-id': 'not-a-guid'" in result.output
    assert "new --help' for help" in result.output  # the command's own usage hint: raised with its context
    assert not (tmp_path / "p").exists()


def test_a_problem_found_is_1_and_a_command_returns_it(tmp_path: Path, invoke) -> None:
    page = tmp_path / "x.html"
    page.write_text("<script src='https://acme.eu.qlikcloud.com/resources/assets/external/requirejs/require.js'>"
                    "</script><script>require.config({webIntegrationId: 'x'}); qlik.openApp('a')</script>")  # fmt: skip
    assert invoke("check", str(page)).exit_code == 1


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(generate, "plan", broken)
    result = invoke("new", str(tmp_path / "p"), *NEW_ARGS, catch_exceptions=True)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "mashup-gen: internal error: RuntimeError: boom" in result.output and "Traceback" not in result.output
    result = invoke("new", str(tmp_path / "q"), *NEW_ARGS, env={"MASHUP_GEN_DEBUG": "1"}, catch_exceptions=True)
    assert isinstance(result.exception, RuntimeError)


def test_ctrl_c_while_writing_is_130_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke
) -> None:
    real = Path.write_bytes
    calls = []

    def interrupted(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    result = invoke("new", str(tmp_path / "p"), *NEW_ARGS)
    assert result.exit_code == 130 and "Aborted." in result.output
    assert list(tmp_path.iterdir()) == []  # neither DEST nor a staging folder


def test_end_of_input_at_a_prompt_is_1(tmp_path: Path, invoke) -> None:
    result = invoke("new", str(tmp_path / "p"), input="", tty=True)
    assert result.exit_code == 1 and "Aborted." in result.output
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_at_a_prompt_on_a_real_terminal_is_130(tmp_path: Path) -> None:
    executable = str(Path(sysconfig.get_path("scripts")) / "mashup-gen")
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [executable, "new", str(tmp_path / "p")], stdin=child_fd, stdout=child_fd, stderr=child_fd,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    os.close(child_fd)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"Qlik Cloud tenant" not in seen:
            assert time.monotonic() < deadline, seen
            if select.select([main_fd], [], [], 0.5)[0]:
                seen += os.read(main_fd, 4096)
        # A person presses Ctrl-C at a prompt that is waiting. Sent the instant the prompt's text appears, the
        # signal can land before readline's select() starts, which then waits for a key (CPython's race).
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(main_fd)
    assert list(tmp_path.iterdir()) == []


def test_the_executable_exits_with_the_status(tmp_path: Path) -> None:
    executable = str(Path(sysconfig.get_path("scripts")) / "mashup-gen")
    done = subprocess.run([executable, "new", str(tmp_path / "p"), "--no-input"], capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 2 and "Missing option '--tenant'" in done.stderr
    done = subprocess.run([sys.executable, "-m", "mashup_gen", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "mashup-gen" in done.stdout
