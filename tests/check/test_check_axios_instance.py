"""Requests made through an axios instance whose baseURL is the tenant's REST API (``const api = axios.create(
{ baseURL: 'https://<tenant>/api/v1' })`` then ``api.get('/items')``, in the module or one importing it) are
REST calls like any other: without the cookie and the web integration id, and for changes the CSRF token, the
tenant refuses them. An instance created with all three, or one for another site, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><div id="apps"></div><script type="module" src="main.js"></script></body></html>\n'
API = """import axios from 'axios';
const api = axios.create({{ baseURL: '{base}'{options} }});
export default api;
"""
MAIN = """import api from './api';
api.get('/items', { params: { resourceType: 'app' } }).then((r) => console.log(r.data));
api.post('/apps/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e/reloads', {});
"""
SIGNED = (
    ", withCredentials: true, headers: { 'qlik-web-integration-id': 'abcdefghijABCDEFGHIJ0123456789_-',"
    " 'qlik-csrf-token': csrfToken }"
)


def rest(path: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(path)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule.startswith("rest-")]


def write(path: Path, base: str, options: str) -> None:
    (path / "package.json").write_text('{"dependencies": {"axios": "^1.7.0"}}')
    (path / "index.html").write_text(PAGE)
    (path / "api.js").write_text(API.format(base=base, options=options))
    (path / "main.js").write_text(MAIN)


def test_calls_through_a_tenant_instance_are_judged(tmp_path: Path) -> None:
    write(tmp_path, "https://acme.eu.qlikcloud.com/api/v1", "")
    assert rest(tmp_path) == [
        ("rest-no-credentials", "main.js", 2),
        ("rest-no-web-integration-id", "main.js", 2),
        ("rest-no-credentials", "main.js", 3),
        ("rest-no-csrf", "main.js", 3),
        ("rest-no-web-integration-id", "main.js", 3),
    ]


@pytest.mark.parametrize(
    ("base", "options"),
    [("https://acme.eu.qlikcloud.com/api/v1", SIGNED), ("https://api.example.com/api/v1", "")],
)
def test_a_signed_instance_or_another_sites_is_silent(tmp_path: Path, base: str, options: str) -> None:
    write(tmp_path, base, options)
    assert rest(tmp_path) == []


SESSION_CHECK = """fetch('https://acme.eu.qlikcloud.com/api/v1/users/me', { credentials: 'include',
  headers: { 'qlik-web-integration-id': 'abcdefghijABCDEFGHIJ0123456789_-' } });
"""


@pytest.mark.parametrize(("options", "expected"), [("", True), (SIGNED, False)])
def test_an_instance_beside_a_credentialed_session_check_is_judged_by_its_own_options(
    tmp_path: Path, options: str, expected: bool
) -> None:
    """The session check's credentials and header in the same module are its own, not the instance's: an
    instance made without withCredentials still sends no cookie."""
    write(tmp_path, "https://acme.eu.qlikcloud.com/api/v1", options)
    (tmp_path / "api.js").write_text(
        SESSION_CHECK + API.format(base="https://acme.eu.qlikcloud.com/api/v1", options=options)
    )
    found = rest(tmp_path)
    assert (("rest-no-credentials", "main.js", 2) in found) is expected
    assert (("rest-no-web-integration-id", "main.js", 2) in found) is expected


DEFAULTS = """import axios from 'axios';
axios.defaults.baseURL = '{base}';
{options}
axios.get('/items', {{ params: {{ resourceType: 'app' }} }}).then((r) => console.log(r.data));
"""
SIGNED_DEFAULTS = (
    "axios.defaults.withCredentials = true;\n"
    "axios.defaults.headers.common['qlik-web-integration-id'] = 'abcdefghijABCDEFGHIJ0123456789_-';"
)


@pytest.mark.parametrize(
    ("base", "options", "expected"),
    [
        (
            "https://acme.eu.qlikcloud.com/api/v1",
            "",
            [("rest-no-credentials", "main.js", 4), ("rest-no-web-integration-id", "main.js", 4)],
        ),
        ("https://acme.eu.qlikcloud.com/api/v1", SIGNED_DEFAULTS, []),
        ("https://api.example.com/api/v1", "", []),
    ],
)
def test_relative_calls_after_a_tenant_default_base_url_are_judged(
    tmp_path: Path, base: str, options: str, expected: list[tuple[str, str, int]]
) -> None:
    """axios.defaults.baseURL makes every relative axios.get('/items') a request to that base: to the tenant's
    REST API, it needs the cookie and the web integration id like any other."""
    (tmp_path / "package.json").write_text('{"dependencies": {"axios": "^1.7.0"}}')
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "main.js").write_text(DEFAULTS.format(base=base, options=options))
    assert rest(tmp_path) == expected
