"""A scheme written before a value that already holds one (``const TENANT = 'https://acme.eu.qlikcloud.com'``,
then `https://${TENANT}/api/v1/users/me` or 'wss://' + TENANT + '/app/' + id) sends the request to
https://https://<tenant>/..., which no server answers: reported where the scheme is doubled. A host written
without its scheme, or a URL used as it is, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body><script src="https://unpkg.com/enigma.js/enigma.min.js"></script><script>
const TENANT = '{tenant}';
const config = {{ tenant: '{tenant}', id: 'abcdefghijABCDEFGHIJ0123456789_-' }};
const me = fetch(`{rest}/api/v1/users/me`, {{ credentials: 'include', headers: {{ 'qlik-web-integration-id': id }} }});
const url = {socket} + '/app/' + app + '?qlik-web-integration-id=' + config.id + '&qlik-csrf-token=' + t;
</script></body></html>
"""


def doubled(path: Path) -> list[tuple[str, int]]:
    found = check_paths([str(path)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "url-double-scheme"]


def test_a_scheme_before_a_tenant_url_is_reported(tmp_path: Path) -> None:
    tenant = "https://acme.eu.qlikcloud.com"
    page = PAGE.format(tenant=tenant, rest="https://${TENANT}", socket="'wss://' + config.tenant")
    (tmp_path / "index.html").write_text(page)
    assert doubled(tmp_path) == [("index.html", 4), ("index.html", 5)]


@pytest.mark.parametrize(
    ("tenant", "rest", "socket"),
    [
        ("acme.eu.qlikcloud.com", "https://${TENANT}", "'wss://' + config.tenant"),
        ("https://acme.eu.qlikcloud.com", "${TENANT}", "config.tenant.replace('https', 'wss')"),
    ],
)
def test_a_host_or_a_url_used_as_it_is_is_silent(tmp_path: Path, tenant: str, rest: str, socket: str) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(tenant=tenant, rest=rest, socket=socket))
    assert doubled(tmp_path) == []
