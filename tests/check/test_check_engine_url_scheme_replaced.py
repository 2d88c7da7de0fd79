"""An engine URL made from the tenant's https URL by replacing its scheme, as Qlik's own web-integration example
does (`` `${tenantUri.replace('https', 'wss')}/app/${appId}` ``, ``tenant.replace(/^http/, 'ws') + '/app/' + id``,
or a name holding the replaced URL), is the engine's socket like a ``wss://`` literal: without the web
integration id and the CSRF token Qlik Cloud refuses it. With both parameters it is silent, and so is a socket
to the project's own server made the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body>
<script src="https://unpkg.com/enigma.js/enigma.min.js"></script>
<script src="app.js"></script>
</body></html>
"""
APP = """const tenantUri = 'https://acme.eu.qlikcloud.com';
const appId = '1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e';
URL
enigma.create({ schema, url }).open().then((global) => global.openDoc(appId));
"""
QUERY = "?qlik-web-integration-id=${id}&qlik-csrf-token=${csrf}"
FORMS = [
    "const url = `${tenantUri.replace('https', 'wss')}/app/${appId}QUERY`;",
    "const url = tenantUri.replace(/^http/, 'ws') + `/app/${appId}QUERY`;",
    "const wsBase = tenantUri.replace('https://', 'wss://');\nconst url = `${wsBase}/app/${appId}QUERY`;",
]


def engine_findings(path: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(path)]).sorted() if f.rule.startswith("engine-url-")]


def write(path: Path, url: str) -> Path:
    (path / "index.html").write_text(PAGE)
    (path / "app.js").write_text(APP.replace("URL", url))
    return path


@pytest.mark.parametrize("form", FORMS)
def test_a_scheme_replaced_engine_url_without_the_id_and_token_is_reported(tmp_path: Path, form: str) -> None:
    line = 3 + form.count("\n")
    assert engine_findings(write(tmp_path, form.replace("QUERY", ""))) == [
        ("engine-url-no-csrf", line),
        ("engine-url-no-web-integration-id", line),
    ]


@pytest.mark.parametrize("form", FORMS)
def test_the_same_url_with_both_parameters_is_silent(tmp_path: Path, form: str) -> None:
    assert engine_findings(write(tmp_path, form.replace("QUERY", QUERY))) == []


def test_a_socket_to_the_projects_own_server_is_silent(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script src="chat.js"></script></body></html>')
    (tmp_path / "chat.js").write_text(
        "const base = 'https://chat.example.com';\nconst socket = new WebSocket(base.replace('https', 'wss') + "
        "'/app/rooms');\n"
    )
    assert engine_findings(tmp_path) == []
