"""Findings about qlik-embed's sign-in and redirect URI point at the attribute to change (data-auth-type,
data-redirect-uri), not at the first line of a script tag whose attributes run over many lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

PAGE = f"""<!doctype html><html><head>
<script
  crossorigin="anonymous"
  src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
  data-host="https://{TENANT}"
  %s
></script></head><body><qlik-embed ui="analytics/selections" app-id="{APP}"></qlik-embed></body></html>
"""


def places(root: Path) -> list[tuple[str, int]]:
    return sorted((f.rule, f.line) for f in check_paths([str(root)]).findings if f.rule.startswith("embed-"))


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ('data-auth-type="cookie"', [("embed-cookie-no-web-integration-id", 6)]),
        (
            'data-auth-type="Oauth2"\n  data-redirect-uri="https://www.example.org/index.html"',
            [("embed-oauth-no-client-id", 6)],
        ),
        (
            'data-auth-type="Oauth2"\n  data-client-id="0123456789abcdef0123456789abcdef"\n'
            '  data-redirect-uri="/callback.html"',
            [("embed-redirect-off-origins", 8)],
        ),
    ],
    ids=["cookie without id", "OAuth2 without client", "relative redirect URI"],
)
def test_the_attribute_to_change(tmp_path: Path, attributes: str, expected: list[tuple[str, int]]) -> None:
    write(tmp_path, {"index.html": PAGE % attributes})
    assert places(tmp_path) == expected
