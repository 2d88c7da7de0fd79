"""Vite builds only index.html unless build.rollupOptions.input names the other pages: an OAuth callback page
beside index.html works under the dev server and is missing from the deployed build."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

CALLBACK = """<!doctype html><html><head>
<script crossorigin="anonymous" type="application/javascript" data-host="https://acme.eu.qlikcloud.com"
  src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/oauth-callback.js"></script>
</head></html>
"""
PLAIN = """import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
})
"""
INPUTS = """import { defineConfig } from 'vite'
import { resolve } from 'node:path'

export default defineConfig({
  build: { rollupOptions: { input: { main: resolve(__dirname, 'index.html'),
    callback: resolve(__dirname, 'oauth-callback.html') } } },
})
"""


def vite_app(root: Path, config: str, callback_at: str) -> Path:
    (root / "package.json").write_text('{"name": "v", "scripts": {"build": "vite build"}}')
    (root / "vite.config.ts").write_text(config)
    (root / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/main.tsx">')
    (root / "src").mkdir()
    (root / "src" / "main.tsx").write_text("console.log('app');\n")
    (root / callback_at).parent.mkdir(parents=True, exist_ok=True)
    (root / callback_at).write_text(CALLBACK)
    return root


def not_built(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "callback-not-built"]


def test_a_callback_page_beside_index_html_is_not_built(tmp_path: Path) -> None:
    assert not_built(vite_app(tmp_path, PLAIN, "oauth-callback.html")) == [("vite.config.ts", 4)]


def test_a_callback_page_left_out_of_the_build_is_an_error(tmp_path: Path) -> None:
    """The deployed site answers the redirect URI with a 404: sign-in cannot complete, not merely risky."""
    findings = check_paths([str(vite_app(tmp_path, PLAIN, "oauth-callback.html"))]).sorted()
    assert {f.severity for f in findings if f.rule == "callback-not-built"} == {"error"}


@pytest.mark.parametrize(
    ("config", "callback_at"),
    [
        (INPUTS, "oauth-callback.html"),  # named as a build input
        (PLAIN, "public/oauth-callback.html"),  # copied to the build as it is
    ],
)
def test_a_callback_page_in_the_build_is_silent(tmp_path: Path, config: str, callback_at: str) -> None:
    assert not_built(vite_app(tmp_path, config, callback_at)) == []


BUILD_OPTIONS = """import { defineConfig } from 'vite'

export default defineConfig({
  server: { port: 5173 },
  build: {
    outDir: 'dist',
  },
})
"""


def test_the_finding_points_at_the_build_options_it_must_extend(tmp_path: Path) -> None:
    """The line to change is the config's build block (where rollupOptions.input goes), when it has one."""
    assert not_built(vite_app(tmp_path, BUILD_OPTIONS, "oauth-callback.html")) == [("vite.config.ts", 5)]
