"""A page's same-origin ``/api/v1/...`` request in a project whose own server forwards ``/api`` to the tenant
(Vite's ``server.proxy``, an Express app with http-proxy-middleware, Create React App's ``"proxy"``) reaches the
tenant through that server, which signs it in (an API key, a service token): the browser's cookie, web
integration id and sign-in redirect do not apply to it. Without such a proxy the request is still judged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

APPS = (
    "export async function apps() {\n"
    "  const r = await fetch('/api/v1/items?resourceType=app');\n"
    "  return (await r.json()).data;\n"
    "}\n"
)
VITE = (
    "import { defineConfig, loadEnv } from 'vite';\n"
    "export default defineConfig(({ mode }) => {\n"
    "  const env = loadEnv(mode, process.cwd(), '');\n"
    "  return { server: { proxy: { '/api': { target: 'https://acme.eu.qlikcloud.com', changeOrigin: true,\n"
    "    headers: { Authorization: `Bearer ${env.QLIK_API_KEY}` } } } } };\n"
    "});\n"
)
EXPRESS = (
    "const express = require('express');\n"
    "const { createProxyMiddleware } = require('http-proxy-middleware');\n"
    "const app = express();\n"
    "app.use('/api', createProxyMiddleware({ target: 'https://acme.eu.qlikcloud.com', changeOrigin: true,\n"
    "  headers: { Authorization: `Bearer ${process.env.QLIK_API_KEY}` } }));\n"
    "app.use(express.static('public'));\n"
    "app.listen(3000);\n"
)
PAGE = '<!doctype html><html><body><script type="module" src="{src}"></script></body></html>\n'


def cookie_findings(root: Path) -> list[str]:
    found = check_paths([str(root)]).sorted()
    return [f.rule for f in found if f.rule.startswith(("rest-", "login-"))]


def vite_app(root: Path, config: str | None, manifest: dict[str, object] | None = None) -> Path:
    files = {
        "package.json": json.dumps(manifest or {"dependencies": {"vite": "^5.0.0"}}),
        "index.html": PAGE.replace("{src}", "/src/apps.js"),
        "src/apps.js": APPS,
    }
    if config is not None:
        files["vite.config.js"] = config
    return write(root, files)


def test_a_vite_proxy_forwards_the_request(tmp_path: Path) -> None:
    # Before: rest-no-credentials, rest-no-web-integration-id and login-missing on the fetch.
    assert cookie_findings(vite_app(tmp_path, VITE)) == []


def test_an_express_proxy_forwards_the_request(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"express": "^4.0.0", "http-proxy-middleware": "^3.0.0"}}',
            "server.js": EXPRESS,
            "public/index.html": PAGE.replace("{src}", "apps.js"),
            "public/apps.js": APPS,
        },
    )
    assert cookie_findings(root) == []


def test_create_react_apps_proxy_forwards_the_request(tmp_path: Path) -> None:
    manifest = {"proxy": "https://acme.eu.qlikcloud.com", "dependencies": {"react-scripts": "^5.0.0"}}
    assert cookie_findings(vite_app(tmp_path, None, manifest)) == []


@pytest.mark.parametrize("config", [None, "export default { server: { port: 3000 } };\n"])
def test_without_a_proxy_the_request_is_still_judged(tmp_path: Path, config: str | None) -> None:
    assert "rest-no-credentials" in cookie_findings(vite_app(tmp_path, config))


SETUP_PROXY = (
    "const { createProxyMiddleware } = require('http-proxy-middleware');\n"
    "module.exports = function (app) {\n"
    "  app.use('/api', createProxyMiddleware({ target: `https://${process.env.QLIK_TENANT}`, changeOrigin: true,\n"
    "    headers: { Authorization: `Bearer ${process.env.QLIK_API_KEY}` } }));\n"
    "};\n"
)


def test_create_react_apps_setup_proxy_runs_in_node(tmp_path: Path) -> None:
    # Before: src/setupProxy.js was browser code, its process.env.QLIK_TENANT an env-not-in-browser error.
    root = write(
        tmp_path,
        {
            "package.json": '{"dependencies": {"react-scripts": "^5.0.0", "http-proxy-middleware": "^2.0.0"}}',
            "public/index.html": '<!doctype html><html><body><div id="root"></div></body></html>\n',
            "src/App.jsx": "export default function App() { fetch('/api/v1/items'); return <div />; }\n",
            "src/setupProxy.js": SETUP_PROXY,
            ".env": "QLIK_TENANT=acme.eu.qlikcloud.com\n",
        },
    )
    rules = [f.rule for f in check_paths([str(root)]).sorted()]
    assert "env-not-in-browser" not in rules and not [r for r in rules if r.startswith(("rest-", "login-"))]


def test_the_angular_clis_proxy_config_forwards_the_request(tmp_path: Path) -> None:
    proxy = {"/api": {"target": "https://acme.eu.qlikcloud.com", "secure": True, "changeOrigin": True}}
    service = (
        "import { Injectable } from '@angular/core';\n"
        "import { HttpClient } from '@angular/common/http';\n"
        "@Injectable({ providedIn: 'root' })\n"
        "export class QlikService {\n"
        "  constructor(private http: HttpClient) {}\n"
        "  apps() { return this.http.get('/api/v1/items?resourceType=app'); }\n"
        "}\n"
    )
    files = {
        "angular.json": json.dumps({"projects": {"app": {"architect": {"serve": {"options": {"proxyConfig": "p"}}}}}}),
        "package.json": '{"dependencies": {"@angular/core": "^17.0.0"}}',
        "src/index.html": "<!doctype html><html><body><app-root></app-root></body></html>\n",
        "src/app/qlik.service.ts": service,
    }
    assert cookie_findings(write(tmp_path / "without", files))  # no proxy: a cookie request to judge
    assert cookie_findings(write(tmp_path / "with", {**files, "proxy.conf.json": json.dumps(proxy)})) == []
