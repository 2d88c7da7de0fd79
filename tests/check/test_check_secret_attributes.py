"""A secret written into a page's data attributes (qlik-embed's loader given ``data-client-secret``, a page keeping
``data-api-key`` for its scripts) ships with the page: the error ``secret-in-code`` at the value, with the fix
for the kind of secret. Public values (a client id, a token made to be public, a function's name in
``data-get-access-token``), short values, placeholders and a template's expression are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0zyxw9f8e7d6c5b4a39281706f5e4d3c2"


def loader(attributes: str) -> str:
    return (
        '<!doctype html><html><head>\n<script crossorigin="anonymous" '
        'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"\n'
        f'  data-host="https://{TENANT}" data-client-id="0123456789abcdef0123456789abcdef"\n'
        f"  {attributes}></script>\n</head><body></body></html>\n"
    )


def secrets(root: Path) -> list[tuple[int, str, str]]:
    found = check_paths([str(root)]).sorted()
    return [(f.line or 0, f.message, f.fix) for f in found if f.rule == "secret-in-code"]


@pytest.mark.parametrize(
    ("attributes", "kind"),
    [
        (f'data-client-secret="{SECRET}"', "data-client-secret"),
        (f"data-qlik-embed-client-secret='{SECRET}'", "data-qlik-embed-client-secret"),
        (f'data-api-key="{SECRET}"', "data-api-key"),
    ],
)
def test_a_secret_in_a_data_attribute_is_an_error(tmp_path: Path, attributes: str, kind: str) -> None:
    write(tmp_path, {"index.html": loader(attributes)})
    [(line, message, fix)] = secrets(tmp_path)
    assert line == 4 and message == f"a secret in {kind} is written here ({SECRET[:8]}...)"
    assert ("Management Console > OAuth" in fix) == ("client-secret" in kind)


@pytest.mark.parametrize(
    "attributes",
    [
        'data-get-access-token="getAccessTokenFromOurBackend"',
        'data-client-secret="<YOUR_CLIENT_SECRET>"',
        'data-client-secret="{{ client_secret }}"',
        'data-api-key="short"',
        'data-api-key="0123456789abcdef0123456789abcdef"',  # 32 hex digits: another service's key, never Qlik's
        'data-redirect-uri="https://example.org/a/very/long/callback/page.html"',
    ],
)
def test_public_short_or_unfilled_values_are_silent(tmp_path: Path, attributes: str) -> None:
    write(tmp_path, {"index.html": loader(attributes)})
    assert secrets(tmp_path) == []
