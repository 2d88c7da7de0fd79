"""Qlik Cloud knows apps by their id (a GUID) wherever an app is named, not only in openApp and openDoc: a
<qlik-embed app-id> and an engine socket's wss://<tenant>/app/<id> written as a file name or a title open nothing.
A GUID, a placeholder (the placeholder rule's), a value a build, a deployment or the page fills in
(%VITE_APP_ID%, $APP_ID, [[appId]]), another word, and /app/engineData stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, embed_page, write

from mashup_gen.checker import check_paths


def app_findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int | None]]:
    write(tmp_path, files)
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in report.sorted() if f.rule == "app-id-not-guid"]


def element(app: str) -> dict[str, str]:
    return {
        "index.html": embed_page(f'<qlik-embed ui="analytics/chart" app-id="{app}" object-id="abcDEF"></qlik-embed>')
    }


def socket(app: str) -> dict[str, str]:
    code = (
        "const t = sessionStorage.getItem('t');\n"
        f"const url = `wss://{TENANT}/app/{app}?qlik-web-integration-id={ID}&qlik-csrf-token=${{t}}`;\n"
        "enigma.create({ schema: {}, url });\n"
    )
    return {"index.html": '<!doctype html><html><body><script src="main.js"></script></body></html>', "main.js": code}


@pytest.mark.parametrize("app", ["Sales.qvf", "Executive Dashboard"])
def test_an_element_naming_its_app_by_name(tmp_path: Path, app: str) -> None:
    assert app_findings(tmp_path, element(app)) == [("index.html", 4)]


def test_a_socket_naming_its_app_by_file_name(tmp_path: Path) -> None:
    assert app_findings(tmp_path, socket("Sales.qvf")) == [("main.js", 2)]


@pytest.mark.parametrize(
    "app", [APP, "YOUR_APP_ID", "{{ appId }}", "%VITE_APP_ID%", "$APP_ID", "[[appId]]", "sales-app"]
)
def test_an_element_with_an_id_or_a_value_left_to_others_is_silent(tmp_path: Path, app: str) -> None:
    assert app_findings(tmp_path, element(app)) == []


@pytest.mark.parametrize("app", [APP, "engineData", "${appId}"])
def test_a_socket_with_an_id_is_silent(tmp_path: Path, app: str) -> None:
    assert app_findings(tmp_path, socket(app)) == []
