"""A page that loads qlik-embed as an ES module from a CDN (``<script type="module">import
"https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/+esm";</script>``, esm.sh), its settings in
``<meta name="qlik-embed-...">`` tags, loads the package as the classic script tag does: no embed-not-loaded.
A page whose module imports only other packages still has <qlik-embed> elements and no loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "3f2a9c1b7e6d4a8f9b0c1d2e3f4a5b6c"
META = (
    f'<meta name="qlik-embed-host" content="https://{TENANT}">\n<meta name="qlik-embed-client-id" content="{CLIENT}">\n'
    '<meta name="qlik-embed-redirect-uri" content="https://insights.example.com/callback.html">\n'
)
CALLBACK = (
    f'<!doctype html><html><head><script crossorigin="anonymous" data-host="https://{TENANT}" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js"></script></head><body></body></html>\n'
)


def page(url: str) -> str:
    return (
        f'<!doctype html><html><head>\n{META}<script type="module">\n  import "{url}";\n</script>\n</head><body>\n'
        f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="hRZaKk"></qlik-embed>\n</body></html>\n'
    )


def not_loaded(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).findings if f.rule == "embed-not-loaded"]


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/+esm",
        "https://esm.sh/@qlik/embed-web-components@1.6.0",
    ],
    ids=["jsdelivr +esm", "esm.sh"],
)
def test_the_package_imported_as_a_module_from_a_cdn(tmp_path: Path, url: str) -> None:
    write(tmp_path, {"index.html": page(url), "callback.html": CALLBACK})
    assert not_loaded(tmp_path) == []


def test_a_module_importing_other_packages_loads_no_qlik_embed(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page("https://cdn.jsdelivr.net/npm/lodash-es@4/+esm"), "callback.html": CALLBACK})
    assert not_loaded(tmp_path) == ["embed-not-loaded"]
