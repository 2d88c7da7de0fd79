"""A mashup whose sign-in (Qlik's login(): the /api/v1/users/me session check and the /login redirect) was
written and then commented out, as a whole, while trying things: login-missing points at that comment (a /*
block, or the first of a run of // lines), the code to put back, rather than at the js/qlik load. Without such a
comment it stays at the load; a session check only mentioned in a string is no comment."""

from __future__ import annotations

from pathlib import Path

from check_support import CAPABILITY, HEAD, LOGIN, write

from mashup_gen.checker import check_paths


def found(tmp_path: Path, code: str) -> list[tuple[str, int | None]]:
    page = f'<!doctype html>\n<html><head>\n{HEAD}<script src="main.js"></script>\n</head></html>\n'
    write(tmp_path, {"index.html": page, "main.js": code})
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in report.sorted() if f.rule == "login-missing"]


def test_a_sign_in_commented_out_as_a_block(tmp_path: Path) -> None:
    code = "// settings\n/* function login() {\n  " + LOGIN + "} */\n//login();\n" + CAPABILITY
    assert found(tmp_path, code) == [("main.js", 2)]


def test_a_sign_in_commented_out_line_by_line(tmp_path: Path) -> None:
    commented = "".join(f"// {line}\n" for line in ("function login() {", LOGIN.rstrip("\n"), "}"))
    code = "var ready = true;\n\n" + commented + CAPABILITY
    assert found(tmp_path, code) == [("main.js", 3)]


def test_without_a_commented_sign_in_the_finding_stays_at_the_load(tmp_path: Path) -> None:
    assert found(tmp_path, "var ready = true;\n" + CAPABILITY) == [("main.js", 4)]


def test_a_session_check_named_in_a_string_is_no_comment(tmp_path: Path) -> None:
    code = "console.log('todo: call /api/v1/users/me first');\n" + CAPABILITY
    assert ("main.js", 1) not in found(tmp_path, code)
