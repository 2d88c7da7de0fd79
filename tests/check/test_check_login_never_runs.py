"""A sign-in written but never run: the session check and the /login redirect live in a function nothing calls
(its one call commented out), so a signed-out visitor sees only errors. A function that is called, passed,
exported, put on ``window`` or named in the page's markup may run, and stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import CAPABILITY, ID, TENANT, write

SIGN_IN = (
    "function login() {\n"
    "  function isLoggedIn() {\n"
    f'    return fetch("https://{TENANT}/api/v1/users/me", {{ credentials: "include", '
    f'headers: {{ "qlik-web-integration-id": "{ID}" }} }}).then(function (r) {{ return r.status === 200; }});\n'
    "  }\n"
    "  return isLoggedIn().then(function (ok) {\n"
    f'    if (!ok) {{ window.location.href = "https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=" + '
    "encodeURIComponent(window.location.href); }\n"
    "  });\n"
    "}\n"
)
PAGE = '<!doctype html><html><body><div id="qv1"></div><script src="main.js"></script></body></html>\n'


def login_rules(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule.startswith("login-")]


def test_a_sign_in_whose_call_is_commented_out_never_runs(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": SIGN_IN + "//login().then(() => {\n" + CAPABILITY + "//});\n"})
    assert login_rules(tmp_path) == [("login-never-runs", 1)]


@pytest.mark.parametrize(
    "declaration",
    [
        SIGN_IN.replace("function login() {", "const login = () => {"),
        SIGN_IN.replace("function login() {", "const login = async () => {"),
        SIGN_IN.replace("function login() {", "let login = function () {"),
    ],
)
def test_every_way_of_declaring_it(tmp_path: Path, declaration: str) -> None:
    write(tmp_path, {"index.html": PAGE, "main.js": declaration + CAPABILITY})
    assert login_rules(tmp_path) == [("login-never-runs", 1)]


@pytest.mark.parametrize(
    ("files", "why"),
    [
        ({"main.js": SIGN_IN + "login().then(function () {\n" + CAPABILITY + "});\n"}, "called"),
        ({"main.js": SIGN_IN + "window.addEventListener('load', login);\n" + CAPABILITY}, "passed as a callback"),
        ({"main.js": "export " + SIGN_IN + CAPABILITY}, "exported"),
        ({"main.js": SIGN_IN + "window.login = login;\n" + CAPABILITY}, "put on window"),
        ({"main.js": SIGN_IN + CAPABILITY, "other.js": "login();\n"}, "called from another script"),
        (
            {
                "main.js": SIGN_IN + CAPABILITY,
                "index.html": PAGE.replace("<body>", '<body><button onclick="login()">Sign in</button>'),
            },
            "named in the page's markup",
        ),
        (
            {
                "main.js": "var login = { run: "
                + SIGN_IN.replace("function login()", "function ()")
                + "};\n"
                + CAPABILITY
            },
            "a method",
        ),
    ],
)
def test_a_sign_in_that_may_run_is_not_reported(tmp_path: Path, files: dict[str, str], why: str) -> None:
    write(tmp_path, {"index.html": PAGE, "other.js": "", **files})
    assert ("login-never-runs", 1) not in login_rules(tmp_path), why
    assert not any(rule == "login-missing" for rule, _ in login_rules(tmp_path)), why
