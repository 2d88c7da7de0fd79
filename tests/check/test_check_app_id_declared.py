"""An app named by its file name in a settings script (``var appId = 'Sales.qvf';`` in main.js) and opened by
name in another script the page loads (``qlik.openApp(appId, config)``): the line to change is the
declaration, so app-id-not-guid points there (once, however many calls use it) and names the call. A GUID
declared the same way stays silent, and a literal written in the call is still reported at the call."""

from __future__ import annotations

from pathlib import Path

from check_support import APP, HEAD, ID, LOGIN, TENANT, write

from mashup_gen.checker import check_paths

PAGE = (
    "<!doctype html>\n<html><head>\n" + HEAD + '<script src="settings.js"></script>\n'
    '<script src="app.js"></script>\n</head><body></body></html>\n'
)


def settings(app: str) -> str:
    return (
        "// the mashup's settings\n"
        f'var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};\n'
        f"var appId = '{app}';\n"
        f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
    )


APP_JS = (
    LOGIN + 'require(["js/qlik"], function (qlik) {\n'
    "  var app = qlik.openApp(appId, config);\n"
    "  var again = qlik.openApp(appId, config);\n"
    "});\n"
)


def app_findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int | None, str]]:
    write(tmp_path, files)
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.line, f.message) for f in report.sorted() if f.rule == "app-id-not-guid"]


def test_a_file_name_declared_in_a_settings_script_is_reported_where_it_is_written(tmp_path: Path) -> None:
    found = app_findings(tmp_path, {"index.html": PAGE, "settings.js": settings("Sales.qvf"), "app.js": APP_JS})
    assert [(name, line) for name, line, _ in found] == [("settings.js", 3)]
    assert "qlik.openApp at app.js" in found[0][2]


def test_a_guid_declared_in_a_settings_script_is_silent(tmp_path: Path) -> None:
    assert app_findings(tmp_path, {"index.html": PAGE, "settings.js": settings(APP), "app.js": APP_JS}) == []


def test_a_file_name_written_in_the_call_is_reported_at_the_call(tmp_path: Path) -> None:
    code = APP_JS.replace("openApp(appId", "openApp('Sales.qvf'")
    found = app_findings(tmp_path, {"index.html": PAGE, "settings.js": settings(APP), "app.js": code})
    assert [(name, line) for name, line, _ in found] == [("app.js", 3), ("app.js", 4)]
