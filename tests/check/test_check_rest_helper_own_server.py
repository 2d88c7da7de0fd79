"""A request helper whose own request goes to the app's own server under a prefix (``fetch(`/qlik${path}`)``),
which a proxy of the project (http-proxy-middleware mounted at ``/qlik``, Vite's ``server.proxy``) forwards to
the tenant and signs in there (an API key): the helper's calls (``get("/api/v1/spaces")``) carry neither the
tenant's cookie nor the web integration id, and need neither. Silent. The same helper with no proxy for that
prefix still has its REST findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

API = """async function get(path) {
  const res = await fetch(`/qlik${path}`, { headers: { Accept: "application/json" } });
  return res.json();
}

export const listSpaces = () => get("/api/v1/spaces?limit=100");
"""
SERVER = """import express from "express";
import { createProxyMiddleware } from "http-proxy-middleware";

const app = express();
app.use("/qlik", createProxyMiddleware({
  target: process.env.QLIK_TENANT_URL,
  changeOrigin: true,
  headers: { Authorization: `Bearer ${process.env.QLIK_API_KEY}` },
}));
app.listen(4000);
"""
PAGE = (
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/api.js"></script></body></html>\n'
)


def rest(root: Path) -> list[str]:
    return sorted({f.rule for f in check_paths([str(root)]).findings if f.rule.startswith(("rest-", "login-"))})


@pytest.mark.parametrize("prefix", ["/qlik", "/other"])
def test_a_helper_calling_the_own_server_under_a_proxied_prefix(tmp_path: Path, prefix: str) -> None:
    files = {
        "package.json": '{"type": "module", "dependencies": {"express": "^4.21.0", "http-proxy-middleware": "^3.0.2"}}',
        "server/index.js": SERVER.replace('"/qlik"', f'"{prefix}"'),
        "web/index.html": PAGE,
        "web/src/api.js": API,
    }
    found = rest(write(tmp_path, files))
    assert found == [] if prefix == "/qlik" else "rest-no-credentials" in found
