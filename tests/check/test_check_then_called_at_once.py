"""login().then(mashup()) hands .then the result of calling mashup at once: the function that loads js/qlik
and opens the app runs before the session check has answered. An error at the call. .then(mashup),
.then(() => mashup()), a function that returns the callback (a factory), and a function doing nothing of Qlik
stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, HEAD, ID, TENANT, write

from mashup_gen.checker import check_paths

SIGN_IN = (
    "function signIn() {\n"
    f'  return fetch("https://{TENANT}/api/v1/users/me", {{ credentials: "include", headers: '
    f'{{ "qlik-web-integration-id": "{ID}" }} }}).then(function (r) {{\n'
    f'    if (r.status === 401) {{ location.href = "https://{TENANT}/login?qlik-web-integration-id={ID}&returnto=" '
    "+ encodeURIComponent(location.href); throw new Error('signed out'); }\n"
    "  });\n"
    "}\n"
)
MASHUP = (
    "function mashup() {\n"
    f'  var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};\n'
    f'  require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
    f'  require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}", config); }});\n'
    "}\n"
)


def found(tmp_path: Path, start: str, mashup: str = MASHUP) -> list[tuple[str, int | None]]:
    page = (
        f"<!doctype html>\n<html><head>\n{HEAD}</head><body>\n"
        '<script src="mashup.js"></script>\n<script src="sign-in.js"></script>\n'
        f"<script>\n{start}\n</script>\n</body></html>\n"
    )
    write(tmp_path, {"index.html": page, "mashup.js": mashup, "sign-in.js": SIGN_IN})
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in report.sorted() if f.rule == "then-called-at-once"]


def test_a_call_handed_to_then_is_an_error(tmp_path: Path) -> None:
    assert found(tmp_path, "signIn().then(mashup()).catch(console.error);") == [("index.html", 9)]


@pytest.mark.parametrize(
    "start", ["signIn().then(mashup);", "signIn().then(() => mashup());", "signIn().then(function () { mashup(); });"]
)
def test_the_function_handed_to_then_is_silent(tmp_path: Path, start: str) -> None:
    assert found(tmp_path, start) == []


def test_a_factory_returning_the_callback_is_silent(tmp_path: Path) -> None:
    body = MASHUP.split("\n", 1)[1].rsplit("}", 1)[0]  # the statements inside mashup's braces
    factory = "function mashup() {\n  return function () {\n" + body + "  };\n}\n"
    assert found(tmp_path, "signIn().then(mashup());", factory) == []


def test_a_function_doing_nothing_of_qlik_is_silent(tmp_path: Path) -> None:
    code = MASHUP + "function showBanner() { document.title = 'Sales'; }\n"
    assert found(tmp_path, "showBanner(); signIn().then(showBanner()).then(mashup);", code) == []
