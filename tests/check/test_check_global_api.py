"""Qlik documents the capability API's Global API opened on its own (qlik.getGlobal) and its app list
(qlik.getAppList) for client-managed Qlik Sense; with Qlik Cloud an app is opened first and its Global API
taken from it (app.global). qlik.getGlobal() without a config connects to the page's own server: an error.
With a config, or getAppList, a warning. app.global, another library's getGlobal, and a page that does not use
the capability API stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import CAPABILITY, page, signed_in, write

from mashup_gen.checker import check_paths


def found(tmp_path: Path, extra: str, files: dict[str, str] | None = None) -> list[tuple[str, str, int | None]]:
    code = signed_in(CAPABILITY.replace("qlik.openApp(", extra + "qlik.openApp("))
    write(tmp_path, {"index.html": page(script=code), **(files or {})})
    return [
        (f.rule, f.severity.value, f.line)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule.startswith("global-")
    ]


def test_get_global_without_a_config_is_an_error(tmp_path: Path) -> None:
    assert found(tmp_path, "var g = qlik.getGlobal();\n") == [("global-api-no-config", "error", 10)]


@pytest.mark.parametrize("call", ["qlik.getGlobal(config)", "qlik.getAppList(function (list) {}, config)"])
def test_get_global_with_a_config_and_the_app_list_are_warnings(tmp_path: Path, call: str) -> None:
    assert found(tmp_path, f"var g = {call};\n") == [("global-api-client-managed", "warning", 10)]


@pytest.mark.parametrize(
    "code", ["var g = qlik.openApp(APP, config).global;\n", "var g = store.getGlobal();\n", "var g = getGlobal();\n"]
)
def test_the_apps_global_and_other_getglobals_are_silent(tmp_path: Path, code: str) -> None:
    assert found(tmp_path, code.replace("APP", '"x"')) == []


def test_a_page_without_the_capability_api_is_silent(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": "<!doctype html>\n<script>\nvar g = qlik.getGlobal();\n</script>\n"})
    assert [f.rule for f in check_paths([str(tmp_path)]).findings if f.rule.startswith("global-")] == []
