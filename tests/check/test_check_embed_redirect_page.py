"""A redirect URI may name the page that loads qlik-embed itself: Qlik's auth module completes the sign-in on any
page that loads it and mounts an element, and elements a script creates (``createElement("qlik-embed")``) mount
like written ones. A page that loads nothing of Qlik's is still no callback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

LOADER = (
    '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/'
    f'index.js"\n  data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789ab'
    'cdef"\n  data-redirect-uri="https://www.example.org/{target}"></script>'
)
MAKE = (
    "<script>\nfor (const id of ['abcDE', 'fghIJ']) {\n  const el = document.createElement('qlik-embed');\n"
    f"  el.setAttribute('ui', 'analytics/chart');\n  el.setAttribute('app-id', '{APP}');\n"
    "  el.setAttribute('object-id', id);\n  document.body.appendChild(el);\n}\n</script>"
)


def no_callback(root: Path) -> list[str]:
    return [f.message for f in check_paths([str(root)]).findings if f.rule == "embed-redirect-no-file"]


@pytest.mark.parametrize(("target", "expected"), [("index.html", 0), ("about.html", 1)])
def test_the_page_that_makes_its_elements(tmp_path: Path, target: str, expected: int) -> None:
    write(
        tmp_path,
        {
            "index.html": f"<!doctype html><html><head>{LOADER.format(target=target)}</head><body>{MAKE}</body></html>",
            "about.html": "<!doctype html><html><head></head><body><p>About us</p></body></html>",
        },
    )
    assert len(no_callback(tmp_path)) == expected
