"""An integrity hash on the qlik-embed loader's script tag holds for one file: jsDelivr's .min.js is the CDN's own
minification, never a released (hashed) file, so the browser refuses the script. dist/index.js with its hash
(exact, or a range that still serves it), or a .min.js without a hash, is not this."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

HASH = "sha384-" + "A" * 64


def _page(src: str, integrity: str) -> str:
    return (
        "<!doctype html><html><head>\n"
        f'<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components{src}"\n'
        f"  {integrity}\n"
        f'  data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789abcdef"\n'
        '  data-redirect-uri="https://www.example.org/"></script>\n'
        f'</head><body><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed></body></html>\n'
    )


def _found(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "embed-integrity-minified"]


@pytest.mark.parametrize(
    ("src", "integrity", "expected"),
    [
        ("@1/dist/index.min.js", f'integrity="{HASH}"', [("embed-integrity-minified", 3)]),
        ("@1/dist/index.js", f'integrity="{HASH}"', []),  # works until the next release: embed-unpinned warns
        ("@1.6.0/dist/index.min.js", f'integrity="{HASH}"', [("embed-integrity-minified", 3)]),
        ("@1.6.0/dist/index.js", f'integrity="{HASH}"', []),
        ("@1/dist/index.min.js", 'type="text/javascript"', []),
    ],
)
def test_an_integrity_hash_on_a_moving_file(tmp_path: Path, src: str, integrity: str, expected: list) -> None:
    write(tmp_path, {"index.html": _page(src, integrity)})
    assert _found(tmp_path) == expected
