"""Browser code that adds qlik-embed's loader itself (``document.createElement("script")``, its ``src`` the
package, its settings from ``setAttribute("data-...")`` or ``dataset``) makes a tag whose settings the package
reads: they are judged like a page's. Settings the code sets where they cannot be read (another function,
``Object.assign``, a computed name) leave the tag unjudged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = (
    '<!doctype html><html><head><title>x</title></head><body><div id="root"></div>'
    '<script type="module" src="/src/main.jsx"></script></body></html>\n'
)
MANIFEST = '{"name": "x", "dependencies": {"react": "18.2.0", "vite": "5.0.0"}}'
CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" type="application/javascript" '
    'data-host="https://acme.eu.qlikcloud.com" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js"></script></head><body></body></html>\n'
)
LOADER = """import {{ useEffect }} from 'react';

export function loadQlik() {{
  const s = document.createElement('script');
  s.src = 'https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js';
  s.crossOrigin = 'anonymous';
{settings}
  document.head.appendChild(s);
}}

export default function App() {{
  useEffect(() => loadQlik(), []);
  return <qlik-embed ui="analytics/chart" app-id="1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e" object-id="PdbdxK" />;
}}
"""
HOST = "  s.setAttribute('data-host', 'https://acme.eu.qlikcloud.com');\n"
OAUTH = (
    HOST + "  s.setAttribute('data-auth-type', 'Oauth2');\n"
    "  s.setAttribute('data-redirect-uri', window.location.origin + '/oauth-callback.html');"
)
COOKIE = HOST + "  s.dataset.authType = 'cookie';"
EMBED_RULES = ("embed-oauth-no-client-id", "embed-cookie-no-web-integration-id", "embed-no-host", "embed-no-auth")


def findings(tmp_path: Path, settings: str) -> list[tuple[str, int | None]]:
    write(
        tmp_path,
        {
            "package.json": MANIFEST,
            "index.html": PAGE,
            "src/main.jsx": LOADER.format(settings=settings),
            "public/oauth-callback.html": CALLBACK,
        },
    )
    return [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule in EMBED_RULES]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (OAUTH, [("embed-oauth-no-client-id", 8)]),
        (COOKIE, [("embed-cookie-no-web-integration-id", 8)]),
        ("  s.setAttribute('data-auth-type', 'Oauth2');", [("embed-no-host", 5), ("embed-oauth-no-client-id", 7)]),
    ],
)
def test_an_injected_loaders_settings_are_judged(
    tmp_path: Path, settings: str, expected: list[tuple[str, int]]
) -> None:
    assert findings(tmp_path, settings) == expected


@pytest.mark.parametrize(
    "settings",
    [
        OAUTH + "\n  s.setAttribute('data-client-id', '0123456789abcdef0123456789abcdef');",
        COOKIE + "\n  s.dataset.webIntegrationId = 'abcdefghijABCDEFGHIJ0123456789_-';",
        HOST + "  configure(s);",  # another function sets the rest
        "  Object.assign(s.dataset, window.QLIK_SETTINGS);",
        "  for (const [k, v] of Object.entries(window.QLIK_SETTINGS)) s.setAttribute(k, v);",
    ],
)
def test_complete_or_unreadable_settings_are_silent(tmp_path: Path, settings: str) -> None:
    assert findings(tmp_path, settings) == []


NUXT_CONFIG = """export default defineNuxtConfig({
  app: {
    head: {
      script: [
        {
          src: 'https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js',
          crossorigin: 'anonymous',
          'data-host': 'https://acme.eu.qlikcloud.com',
          'data-auth-type': 'Oauth2',
          'data-redirect-uri': 'https://app.example.com/oauth-callback.html',%s
        },
      ],
    },
  },
  vue: { compilerOptions: { isCustomElement: (tag) => tag === 'qlik-embed' } },
});
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("", [("embed-oauth-no-client-id", 9)]),
        ("\n          'data-client-id': '0123456789abcdef0123456789abcdef',", []),
        ("\n          ...window.QLIK_SETTINGS,", []),
    ],
)
def test_a_loader_described_to_a_head_manager_is_judged(
    tmp_path: Path, extra: str, expected: list[tuple[str, int]]
) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"nuxt": "3.10.0"}}',
            "nuxt.config.ts": NUXT_CONFIG % extra,
            "pages/index.vue": "<template>\n  " + '<qlik-embed ui="analytics/chart" app-id="1f5c9a9e-6a55-4b8e-9d3e-'
            '4f0f5b6c7d8e" object-id="PdbdxK"></qlik-embed>\n</template>\n',
            "public/oauth-callback.html": CALLBACK,
        },
    )
    assert [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule in EMBED_RULES] == expected
