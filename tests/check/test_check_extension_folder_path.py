"""A Dev Hub mashup maps its own modules, scripts and templates to /extensions/<name>/..., the folder where
client-managed Qlik Sense serves it (require.config paths, a <script src>, an Angular templateUrl). Moved to
Qlik Cloud the page is served by its own web server, where that folder is not: a warning at the first such path
of each file. Paths relative to the page, a project folder named extensions/, and a tenant URL stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import CAPABILITY, HEAD, LOGIN, page, signed_in, write

from mashup_gen.checker import check_paths


def warnings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int | None]]:
    write(tmp_path, files)
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in report.sorted() if f.rule == "extension-folder-path"]


def settings(root: str) -> str:
    return (
        "// where the mashup's modules are\n"
        f"var appRoot = '{root}';\n"
        f"var routePath = '{root}js/lib/angular-route';\n"
        "var controllers = appRoot + 'js/controllers/';\n"
    )


def mashup(root: str) -> dict[str, str]:
    code = signed_in(
        CAPABILITY.replace('webIntegrationId: "', 'paths: { app: appRoot + "js/app" }, webIntegrationId: "', 1)
    )
    head = HEAD + '<script src="settings.js"></script>\n'
    return {"index.html": page(head=head, script=code), "settings.js": settings(root)}


@pytest.mark.parametrize("root", ["/extensions/sales-mashup/", "../../extensions/sales-mashup/"])
def test_modules_mapped_into_the_extension_folder(tmp_path: Path, root: str) -> None:
    assert warnings(tmp_path, mashup(root)) == [("settings.js", 2)]


def test_a_script_loaded_from_the_extension_folder(tmp_path: Path) -> None:
    head = HEAD + '<script src="/extensions/sales-mashup/js/main.js"></script>\n'
    assert warnings(tmp_path, {"index.html": page(head=head)}) == [("index.html", 5)]


@pytest.mark.parametrize("root", ["./", "js/../", "extensions/sales-mashup/", "https://cdn.example.com/extensions/x/"])
def test_paths_the_site_serves_stay_silent(tmp_path: Path, root: str) -> None:
    assert warnings(tmp_path, mashup(root)) == []


def test_a_server_route_named_extensions_stays_silent(tmp_path: Path) -> None:
    server = (
        "const express = require('express');\nconst app = express();\n"
        "app.get('/extensions/list', (q, r) => r.send([]));\n"
    )
    files = {"index.html": page(script=LOGIN + CAPABILITY), "server.js": server}
    assert warnings(tmp_path, files) == []
