"""Anonymous sign-in (auth type anonymous) needs an access code and a client id: @qlik/api's anonymous auth
module throws InvalidHostConfigError without either. Reported on a qlik-embed loader and in a host config;
a loader or a host config with both stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, TENANT, write

from mashup_gen.checker import check_paths

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
CLIENT = "0123456789abcdef0123456789abcdef"


def loader(settings: str) -> dict[str, str]:
    page = (
        f'<!doctype html>\n<html><head>\n<script crossorigin="anonymous" src="{SRC}" data-host="https://{TENANT}"\n'
        f"  {settings}></script>\n</head><body>\n"
        f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDEF"></qlik-embed>\n</body></html>\n'
    )
    return {"index.html": page}


def host_config(settings: str) -> dict[str, str]:
    code = (
        "import { auth } from '@qlik/api';\n"
        f"auth.setDefaultHostConfig({{ host: '{TENANT}', authType: 'anonymous'{settings} }});\n"
    )
    return {
        "package.json": '{"name": "a", "type": "module", "dependencies": {"@qlik/api": "2.19.0"}}',
        "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
        "main.js": code,
    }


def anonymous_findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int | None]]:
    write(tmp_path, files)
    report = check_paths([str(tmp_path)])
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in report.sorted() if f.rule == "embed-anonymous-incomplete"]


@pytest.mark.parametrize(
    ("files", "where"),
    [
        (loader(f'data-auth-type="anonymous" data-client-id="{CLIENT}"'), ("index.html", 4)),
        (loader('data-auth-type="anonymous" data-access-code="ac-1"'), ("index.html", 4)),
        (host_config(f", clientId: '{CLIENT}'"), ("main.js", 2)),
    ],
    ids=["loader-no-access-code", "loader-no-client-id", "host-config-no-access-code"],
)
def test_anonymous_sign_in_without_what_it_needs(tmp_path: Path, files: dict[str, str], where: tuple) -> None:
    assert anonymous_findings(tmp_path, files) == [where]


@pytest.mark.parametrize(
    "files",
    [
        loader(f'data-auth-type="anonymous" data-client-id="{CLIENT}" data-access-code="ac-1"'),
        host_config(f", clientId: '{CLIENT}', accessCode: 'ac-1'"),
    ],
    ids=["loader", "host-config"],
)
def test_anonymous_sign_in_with_both_is_silent(tmp_path: Path, files: dict[str, str]) -> None:
    assert anonymous_findings(tmp_path, files) == []


def test_a_setting_the_page_script_sets_is_not_reported(tmp_path: Path) -> None:
    """The access code set by the page's own script at run time (from the link the user followed) is not known
    here; the client id it does not set is still reported."""
    files = loader('data-auth-type="anonymous" id="qlik-loader"')
    files["index.html"] = files["index.html"].replace("</head>", '<script src="code.js"></script>\n</head>')
    files["code.js"] = (
        "const code = new URLSearchParams(location.search).get('code');\n"
        "document.getElementById('qlik-loader').dataset.accessCode = code;\n"
    )
    write(tmp_path, files)
    found = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "embed-anonymous-incomplete"]
    assert [(f.line, f.message) for f in found] == [(4, "anonymous sign-in without data-client-id")]
