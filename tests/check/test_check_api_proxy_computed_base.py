"""A page whose requests to Qlik's REST API go to a base no file writes as a URL (``const base = import.meta.env.DEV
? '' : import.meta.env.VITE_API_BASE``, then `${base}/api/v1/items`) in a project whose own server or dev server
forwards /api to the tenant (Vite's server.proxy and an Express createProxyMiddleware, both with
``target: QLIK_TENANT_URL`` and an API key): the request may go through that proxy, which signs it in, so it
carries no cookie, web integration id or CSRF token, and no rest-* error is reported. A base written as the
tenant's URL (an env file's value), or a proxy that forwards /api to another server, leaves it reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

VITE = '{"type":"module","dependencies":{"react":"18"},"devDependencies":{"vite":"5"}}'
PAGE = '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>'
API = (
    "const base = {base};\nexport async function apps() {{\n"
    "  const r = await fetch(`${{base}}/api/v1/items?resourceType=app`);\n  return (await r.json()).data;\n}}\n"
)
MAIN = "import { apps } from './api.js';\napps().then(console.log);\n"
VITE_CONFIG = (
    "import {{ defineConfig, loadEnv }} from 'vite';\nexport default defineConfig(({{ mode }}) => {{\n"
    "  const env = loadEnv(mode, process.cwd(), '');\n"
    "  return {{ server: {{ proxy: {{ '/api': {{ target: env.{target}, "
    "changeOrigin: true, headers: {{ Authorization: `Bearer ${{env.QLIK_API_KEY}}` }} }} }} }} }};\n}});\n"
)
SERVER = (
    "import express from 'express';\nimport {{ createProxyMiddleware }} from 'http-proxy-middleware';\n"
    "const app = express();\napp.use('/api', createProxyMiddleware({{ target: process.env.{target}, "
    "changeOrigin: true, headers: {{ Authorization: `Bearer ${{process.env.QLIK_API_KEY}}` }} }}));\n"
    "app.use(express.static('dist'));\napp.listen(8080);\n"
)
COMPUTED = "import.meta.env.DEV ? '' : import.meta.env.VITE_API_BASE"


def rest_errors(root: Path) -> list[str]:
    return sorted({f.rule for f in check_paths([str(root)]).findings if f.rule.startswith("rest-")})


def project(root: Path, base: str, target: str, env: str = "") -> None:
    files = {
        "package.json": VITE,
        "index.html": PAGE,
        "src/main.js": MAIN,
        "src/api.js": API.format(base=base),
        "vite.config.js": VITE_CONFIG.format(target=target),
        "server/index.js": SERVER.format(target=target),
    }
    if env:
        files[".env"] = env
    write(root, files)


def test_a_computed_base_beside_a_proxy_to_the_tenant(tmp_path: Path) -> None:
    project(tmp_path, COMPUTED, "QLIK_TENANT_URL")
    assert rest_errors(tmp_path) == []


@pytest.mark.parametrize(
    ("base", "target", "env"),
    [
        ("import.meta.env.VITE_QLIK_TENANT_URL", "QLIK_TENANT_URL", f"VITE_QLIK_TENANT_URL=https://{TENANT}\n"),
        (COMPUTED, "BACKEND_URL", ""),
    ],
    ids=["base is the tenant", "proxy to another server"],
)
def test_requests_the_proxy_does_not_carry(tmp_path: Path, base: str, target: str, env: str) -> None:
    project(tmp_path, base, target, env)
    assert rest_errors(tmp_path) == ["rest-no-credentials", "rest-no-web-integration-id"]
