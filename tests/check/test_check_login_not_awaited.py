"""A session check the capability API does not wait for: ``login();`` and, on the next line,
``require(["js/qlik"], ...)`` at the same level load the API and open the app at once, so a signed-out visitor
first gets the app's errors and only then the redirect. Qlik's example loads js/qlik in the check's ``.then``;
that, a top-level ``await``, a check the require's callback runs, or a synchronous request stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import CAPABILITY, HEAD, ID, TENANT, page, write

from mashup_gen.checker import check_paths

SIGN_IN = (
    "function login() {\n"
    f'  return fetch("https://{TENANT}/api/v1/users/me", {{ credentials: "include", '
    f'headers: {{ "qlik-web-integration-id": "{ID}" }} }}).then(function (r) {{\n'
    "    if (r.status === 401) {\n"
    f'      window.location.href = "https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=" + '
    "encodeURIComponent(window.location.href);\n"
    '      throw new Error("signed out");\n'
    "    }\n"
    "  });\n"
    "}\n"
)
CHECK = (
    f'fetch("https://{TENANT}/api/v1/users/me", {{ credentials: "include", headers: {{ "qlik-web-integration-id": '
    f'"{ID}" }} }}).then(function (r) {{ if (r.status === 401) {{ location.href = "https://{TENANT}/login?'
    f'qlik-web-integration-id={ID}&returnto=" + encodeURIComponent(location.href); }} }});\n'
)
SCRIPT_PAGE = f'<!doctype html><html><head>\n{HEAD}</head><body>\n<script src="main.js"></script>\n</body></html>\n'


def not_awaited(root: Path) -> list[tuple[str, int, str]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line, f.message) for f in findings if f.rule == "login-not-awaited"]


def test_a_bare_call_then_require_at_the_same_level_is_reported_at_the_call(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": SCRIPT_PAGE, "main.js": SIGN_IN + "login();\n" + CAPABILITY})
    assert not_awaited(tmp_path) == [("main.js", 9, "js/qlik is loaded (line 12) without waiting for its answer")]


@pytest.mark.parametrize(
    "code",
    [
        CHECK + CAPABILITY,  # the check itself is a top-level statement
        SIGN_IN.replace("function login() {", "const login = () => {") + "login();\n" + CAPABILITY,
        SIGN_IN.replace("function login() {", "async function login() {") + CAPABILITY + "login();\n",
        SIGN_IN + "login().then(function () { console.log('signed in'); });\n" + CAPABILITY,
        "(function () {\n" + CHECK + "})();\n" + CAPABILITY,
    ],
    ids=["top-level-check", "arrow", "called-after", "then-without-the-load", "iife"],
)
def test_every_shape_of_an_ungated_load(tmp_path: Path, code: str) -> None:
    write(tmp_path, {"index.html": SCRIPT_PAGE, "main.js": code})
    assert len(not_awaited(tmp_path)) == 1


def test_the_check_and_the_load_in_two_scripts_of_one_page(tmp_path: Path) -> None:
    two = SCRIPT_PAGE.replace('<script src="main.js">', '<script src="login.js"></script>\n<script src="main.js">')
    write(tmp_path, {"index.html": two, "login.js": SIGN_IN + "login();\n", "main.js": CAPABILITY})
    assert not_awaited(tmp_path) == [("login.js", 9, "js/qlik is loaded (main.js:3) without waiting for its answer")]


@pytest.mark.parametrize(
    "code",
    [
        SIGN_IN + "login().then(function () {\n" + CAPABILITY + "});\n",  # Qlik's example
        SIGN_IN + "await login();\n" + CAPABILITY,  # a module's top-level await
        SIGN_IN + "var signedIn = login();\n" + CAPABILITY,  # the promise kept for later
        SIGN_IN + "document.getElementById('go').onclick = function () { login(); };\n" + CAPABILITY,
        CAPABILITY.replace("qlik.openApp", CHECK.rstrip(";\n") + ".then(function () { qlik.openApp") + "\n",
        f'var x = new XMLHttpRequest(); x.open("GET", "https://{TENANT}/api/v1/users/me", false); x.send();\n'
        f'if (x.status === 401) {{ location.href = "https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=" + '
        "encodeURIComponent(location.href); }\n" + CAPABILITY,
    ],
    ids=["then", "top-level-await", "kept", "on-click", "inside-the-require-callback", "synchronous"],
)
def test_a_load_that_waits_or_cannot_be_told_is_silent(tmp_path: Path, code: str) -> None:
    write(tmp_path, {"index.html": SCRIPT_PAGE, "main.js": code})
    assert not_awaited(tmp_path) == []


def test_a_require_held_back_by_another_script_of_the_page_waits(tmp_path: Path) -> None:
    held = (
        "var original = window.require; var queue = [];\n"
        "window.require = function () { queue.push(arguments); };\n"
        + CHECK.replace(
            "} });",
            "} else { window.require = original; queue.forEach(function (a) { original.apply(null, a); }); } });",
        )
    )
    two = SCRIPT_PAGE.replace('<script src="main.js">', '<script src="hold.js"></script>\n<script src="main.js">')
    write(tmp_path, {"index.html": two, "hold.js": held, "main.js": CAPABILITY})
    assert not_awaited(tmp_path) == []


def test_the_check_on_another_page_is_not_this_pages(tmp_path: Path) -> None:
    other = SCRIPT_PAGE.replace("main.js", "login.js")
    write(tmp_path, {"index.html": SCRIPT_PAGE, "signin.html": other, "login.js": CHECK, "main.js": CAPABILITY})
    assert not_awaited(tmp_path) == []


def test_the_default_fixture_page_waits(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page()})
    assert not_awaited(tmp_path) == []


# The same questions, in the shapes another reviewer met (the sign-in helper reads its settings from a config
# object; waiting with await inside an async function; the helper loading Qlik itself once signed in).
CONFIG = f'var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};\n'
HELPER = CONFIG + (
    "function login() {\n"
    '  return fetch("https://" + config.host + "/api/v1/users/me", {\n'
    '    credentials: "include", headers: { "qlik-web-integration-id": config.webIntegrationId },\n'
    "  }).then(function (r) {\n"
    "    if (r.status === 401) {\n"
    '      location.href = "https://" + config.host + "/login?qlik-web-integration-id=" + config.webIntegrationId\n'
    '        + "&returnto=" + encodeURIComponent(location.href);\n'
    "    }\n"
    "  });\n"
    "}\n"
)
LOAD = (
    f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: config.webIntegrationId }});\n'
    'require(["js/qlik"], function (qlik) { qlik.openApp("1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", config); });\n'
)


def test_a_helper_reading_a_config_object_called_without_waiting(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": SCRIPT_PAGE, "main.js": HELPER + "login();\n\n" + LOAD})
    assert [(name, line) for name, line, _ in not_awaited(tmp_path)] == [("main.js", 12)]


@pytest.mark.parametrize(
    "tail",
    [
        "login().then(function () {\n" + LOAD + "});\n",
        "(async function () {\n  await login();\n" + LOAD + "})();\n",
        None,  # the helper loads Qlik itself, in the check's .then
    ],
    ids=["then", "await-in-async-function", "helper-loads-qlik"],
)
def test_a_helper_waited_for_is_silent(tmp_path: Path, tail: str | None) -> None:
    code = (
        HELPER.replace("    }\n  });\n}\n", "    }\n" + LOAD + "  });\n}\n") + "login();\n"
        if tail is None
        else HELPER + tail
    )
    write(tmp_path, {"index.html": SCRIPT_PAGE, "main.js": code})
    assert not_awaited(tmp_path) == []
