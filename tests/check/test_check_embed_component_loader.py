"""A component that loads qlik-embed itself (Svelte's ``<svelte:head>``, an Astro layout's ``<script is:inline>``)
holds the loader's settings in its own tag: they are judged there as on a page. A component without the loader
still leaves the settings to the page that loads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

LOADER = """<script
      crossorigin="anonymous"
      type="application/javascript"
      src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"
      data-host="https://acme.eu.qlikcloud.com"
      {settings}
    ></script>"""
ELEMENT = (
    '<qlik-embed ui="analytics/chart" app-id="1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e" object-id="PdbdxK"></qlik-embed>'
)
CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" type="application/javascript" '
    'data-host="https://acme.eu.qlikcloud.com" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js"></script></head><body></body></html>\n'
)
OAUTH = 'data-auth-type="Oauth2" data-redirect-uri="https://app.example.com/oauth-callback.html"'
OAUTH_CLIENT = OAUTH + ' data-client-id="0123456789abcdef0123456789abcdef"'
COOKIE = 'data-auth-type="cookie"'
COOKIE_ID = COOKIE + ' data-web-integration-id="abcdefghijABCDEFGHIJ0123456789_-"'
EMBED_RULES = ("embed-oauth-no-client-id", "embed-cookie-no-web-integration-id", "embed-not-loaded", "embed-no-host")


def svelte(tmp_path: Path, settings: str) -> Path:
    layout = f"<svelte:head>\n  {LOADER.format(settings=settings)}\n</svelte:head>\n\n<slot />\n"
    return write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"@sveltejs/kit": "2.0.0", "svelte": "4.2.0"}}',
            "src/app.html": "<!doctype html><html><head>%sveltekit.head%</head><body>%sveltekit.body%</body></html>\n",
            "src/routes/+layout.svelte": layout,
            "src/routes/+page.svelte": ELEMENT + "\n",
            "static/oauth-callback.html": CALLBACK,
        },
    )


def astro(tmp_path: Path, settings: str) -> Path:
    layout = (
        "---\nconst { title } = Astro.props;\n---\n<html>\n  <head>\n    <title>{title}</title>\n    "
        + LOADER.format(settings=settings).replace("<script", "<script is:inline", 1)
        + "\n  </head>\n  <body><slot /></body>\n</html>\n"
    )
    page = (
        "---\nimport Layout from '../layouts/Layout.astro';\n---\n<Layout title=\"x\">\n  " + ELEMENT + "\n</Layout>\n"
    )
    return write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"astro": "4.0.0"}}',
            "src/layouts/Layout.astro": layout,
            "src/pages/index.astro": page,
            "public/oauth-callback.html": CALLBACK,
        },
    )


def findings(folder: Path) -> list[tuple[str, str]]:
    return [(Path(f.path or "").name, f.rule) for f in check_paths([str(folder)]).sorted() if f.rule in EMBED_RULES]


@pytest.mark.parametrize(
    ("make", "settings", "expected"),
    [
        (svelte, OAUTH, [("+layout.svelte", "embed-oauth-no-client-id")]),
        (svelte, COOKIE, [("+layout.svelte", "embed-cookie-no-web-integration-id")]),
        (astro, OAUTH, [("Layout.astro", "embed-oauth-no-client-id")]),
        (astro, COOKIE, [("Layout.astro", "embed-cookie-no-web-integration-id")]),
    ],
)
def test_a_components_own_loader_is_judged(
    tmp_path: Path, make: Callable[[Path, str], Path], settings: str, expected: list[tuple[str, str]]
) -> None:
    assert findings(make(tmp_path, settings)) == expected


@pytest.mark.parametrize("make", [svelte, astro])
@pytest.mark.parametrize("settings", [OAUTH_CLIENT, COOKIE_ID])
def test_a_components_complete_loader_and_its_elements_are_silent(
    tmp_path: Path, make: Callable[[Path, str], Path], settings: str
) -> None:
    assert findings(make(tmp_path, settings)) == []
