"""A mashup without a bundler keeps scripts no page loads and no code names: a copy kept aside
(dashboard.1.js beside dashboard.js), the script an earlier version of the page used. The browser never runs
them, so what is wrong in them is a warning (naming why), not an error. The same code in a script the page
loads, one RequireJS loads by a module path, or one a manifest names, stays an error; a secret in such a file
is served all the same and stays an error."""

from __future__ import annotations

from pathlib import Path

from check_support import APP, HEAD, LOGIN, TENANT, write

from mashup_gen.checker import check_paths

# The capability API's config without a web integration id: config-no-id and require-config-no-id errors.
NO_ID = (
    f'var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true }};\n'
    f'require.config({{ baseUrl: "https://{TENANT}/resources" }});\n'
    f'require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}", config); }});\n'
)
GOOD = NO_ID.replace("isSecure: true", 'isSecure: true, webIntegrationId: "abcdefghijABCDEFGHIJ0123456789_-"')
GOOD = GOOD.replace('/resources"', '/resources", webIntegrationId: "abcdefghijABCDEFGHIJ0123456789_-"')


def page(*scripts: str) -> str:
    tags = "".join(f'<script src="{src}"></script>\n' for src in scripts)
    return f"<!doctype html>\n<html><head>\n{HEAD}{tags}</head><body></body></html>\n"


def findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, str]]:
    write(tmp_path, files)
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.rule, f.severity.value) for f in report.sorted() if "config" in f.rule]


def test_a_copy_no_page_loads_gives_warnings(tmp_path: Path) -> None:
    files = {
        "index.html": page("js/dashboard.js"),
        "js/dashboard.js": LOGIN + GOOD,
        "js/dashboard.1.js": LOGIN + NO_ID,
        "js/old-report.js": LOGIN + NO_ID,
    }
    found = findings(tmp_path, files)
    assert {name for name, _, _ in found} == {"dashboard.1.js", "old-report.js"}
    assert {severity for _, _, severity in found} == {"warning"}
    write(tmp_path, {})
    report = check_paths([str(tmp_path)])
    assert any("no page loads" in f.message for f in report.findings)


def test_the_same_code_in_a_script_the_page_loads_stays_an_error(tmp_path: Path) -> None:
    files = {"index.html": page("js/dashboard.js"), "js/dashboard.js": LOGIN + NO_ID}
    found = findings(tmp_path, files)
    assert found and {severity for _, _, severity in found} == {"error"}


def test_a_script_a_module_path_names_stays_an_error(tmp_path: Path) -> None:
    main = LOGIN + GOOD.replace("require.config({ baseUrl", 'require.config({ paths: { report: "js/report" }, baseUrl')
    files = {"index.html": page("js/dashboard.js"), "js/dashboard.js": main, "js/report.js": NO_ID}
    found = findings(tmp_path, files)
    assert found and {(name, severity) for name, _, severity in found} == {("report.js", "error")}


def test_a_secret_in_an_unloaded_script_stays_an_error(tmp_path: Path) -> None:
    key = "eyJhbGciOiJFUzM4NCIsImtpZCI6ImFiYyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl"
    secret = f'var apiKey = "{key}";\n'
    secret += f'fetch("https://{TENANT}/api/v1/items", {{ headers: {{ Authorization: "Bearer " + apiKey }} }});\n'
    files = {"index.html": page("js/dashboard.js"), "js/dashboard.js": LOGIN + GOOD, "js/tools.js": secret}
    write(tmp_path, files)
    report = check_paths([str(tmp_path)])
    errors = [(f.path.rsplit("/", 1)[-1], f.rule) for f in report.findings if f.severity.value == "error"]
    assert any(name == "tools.js" and rule.startswith("secret") for name, rule in errors), errors


def test_a_bookmarklet_no_page_loads_stays_an_error(tmp_path: Path) -> None:
    # javascript: (function () {...})() is a bookmarklet's source: the user's bookmark runs it on any page.
    bookmarklet = "javascript: (function () {\n" + NO_ID + "})();\n"
    files = {"index.html": page("js/dashboard.js"), "js/dashboard.js": LOGIN + GOOD, "js/bookmarklet.js": bookmarklet}
    found = findings(tmp_path, files)
    assert found and {(name, severity) for name, _, severity in found} == {("bookmarklet.js", "error")}
