"""Modules only server code imports are server code: an Express backend keeps its Qlik calls in
``services/qlik.js`` (an impersonation token, REST calls with a bearer token), which names no server package
itself but runs only where ``server.js`` runs. The browser's cookie, web integration id and CSRF rules do not
apply there; a module browser code imports (or a page loads) stays browser code."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

SERVER = (
    "const express = require('express');\n"
    "const qlik = require('./services/qlik');\n"
    "const app = express();\n"
    "app.use(express.static('public'));\n"
    "app.post('/reload/:id', async (req, res) => res.json(await qlik.reload(req.params.id)));\n"
    "app.listen(3000);\n"
)
# The header is set after the literal, from the server's configuration module (an API key from the environment);
# me() sends nothing: fine on a server that signs in otherwise, a cookie request in a browser.
QLIK = (
    "const config = require('./config');\n"
    "async function reload(appId) {\n"
    "  const headers = { 'Content-Type': 'application/json' };\n"
    "  headers.Authorization = `Bearer ${config.apiKey}`;\n"
    "  const r = await fetch(`https://${config.tenant}/api/v1/reloads`, {\n"
    "    method: 'POST', headers, body: JSON.stringify({ appId }) });\n"
    "  return r.json();\n"
    "}\n"
    "async function me() {\n"
    "  return fetch(`https://${config.tenant}/api/v1/users/me`);\n"
    "}\n"
    "module.exports = { reload, me };\n"
)
CONFIG = "module.exports = { tenant: 'acme.eu.qlikcloud.com', apiKey: process.env.QLIK_API_KEY };\n"
PAGE = "<!doctype html><html><body><h1>Reloads</h1></body></html>\n"


def rest_findings(root: Path) -> list[tuple[str, str]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1]) for f in findings if f.rule.startswith("rest-")]


def backend(root: Path, **extra: str) -> Path:
    files = {
        "package.json": '{"dependencies": {"express": "^4.0.0"}}',
        "server.js": SERVER,
        "services/qlik.js": QLIK,
        "services/config.js": CONFIG,
        "public/index.html": PAGE,
    }
    files.update(extra)
    return write(root, files)


def test_a_module_only_the_server_imports_is_server_code(tmp_path: Path) -> None:
    # Before: services/qlik.js was browser code, its bearer-token POST three false errors (cookie, id, CSRF).
    assert rest_findings(backend(tmp_path)) == []


def test_a_module_imported_by_a_module_only_the_server_imports_is_server_code_too(tmp_path: Path) -> None:
    server = SERVER.replace("./services/qlik", "./services/index")
    index = "module.exports = require('./qlik');\n"
    assert rest_findings(backend(tmp_path, **{"server.js": server, "services/index.js": index})) == []


def test_a_module_a_page_also_runs_stays_browser_code(tmp_path: Path) -> None:
    # The same module loaded by the page too: the browser makes that request, without the tenant's cookie.
    page = '<!doctype html><html><body><script src="../services/qlik.js"></script></body></html>\n'
    assert ("rest-no-credentials", "qlik.js") in rest_findings(backend(tmp_path, **{"public/index.html": page}))


def test_a_module_browser_code_imports_stays_browser_code(tmp_path: Path) -> None:
    app = "import { reload } from '../services/qlik';\nreload('1');\n"
    page = '<!doctype html><html><body><script type="module" src="app.js"></script></body></html>\n'
    root = backend(tmp_path, **{"public/index.html": page, "public/app.js": app})
    assert ("rest-no-credentials", "qlik.js") in rest_findings(root)
