"""Files package.json's scripts run with Node (``"reload": "node scripts/reload.mjs"``, ``tsx``, ``ts-node``,
``nodemon``) are server code: a command-line tool of a web app calls the REST API and opens engine sockets with
a token, never the browser's cookie, whatever it imports (Node 18's global fetch needs no import at all)."""

from __future__ import annotations

import json
from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths
from mashup_gen.source.roles import node_script_paths

RELOAD = (
    "const tenant = process.env.QLIK_TENANT ?? 'acme.eu.qlikcloud.com';\n"
    "const auth = 'Bearer ' + process.env.QLIK_API_KEY;\n"
    "const res = await fetch(`https://${tenant}/api/v1/reloads`, {\n"
    "  method: 'POST', headers: { Authorization: auth }, body: JSON.stringify({ appId: process.argv[2] }) });\n"
    "console.log(await res.json());\n"
    "console.log(`wss://${tenant}/app/${process.argv[2]}`);\n"
)
SCRIPTS = {"dev": "vite", "reload": "NODE_ENV=production node --env-file=.env scripts/reload.mjs"}


def findings(root: Path) -> list[tuple[str, str]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1]) for f in found if f.rule.startswith(("rest-", "engine-"))]


def vite_app(root: Path, page: str = "") -> Path:
    manifest = {"scripts": SCRIPTS, "dependencies": {"vite": "^5.0.0"}}
    return write(
        root,
        {
            "package.json": json.dumps(manifest),
            "index.html": f"<!doctype html><html><body>{page}</body></html>\n",
            "scripts/reload.mjs": RELOAD,
        },
    )


def test_a_script_package_json_runs_with_node_is_server_code(tmp_path: Path) -> None:
    # Before: browser code, its API-key POST three false errors and its engine URL two more.
    assert findings(vite_app(tmp_path)) == []


def test_the_same_file_loaded_by_a_page_stays_browser_code(tmp_path: Path) -> None:
    root = vite_app(tmp_path, page='<script type="module" src="scripts/reload.mjs"></script>')
    assert ("engine-url-no-web-integration-id", "reload.mjs") in findings(root)


def test_node_script_paths_reads_the_runners_and_their_files() -> None:
    manifest = {
        "scripts": {
            "dev": "ts-node-dev -r tsconfig-paths/register --respawn src/main/server.ts",
            "seed": "npx tsx ./scripts/seed.ts && node build.js",
            "build": "vite build",
            "lint": "eslint src/index.js",
        }
    }
    assert node_script_paths(json.dumps(manifest)) == ["src/main/server.ts", "scripts/seed.ts", "build.js"]
    assert node_script_paths("not json") == []


def unlisted(root: Path, **scripts: str) -> Path:
    """A Vite app whose package.json lists no script of these: each is found only by what it holds."""
    manifest = {"scripts": {"dev": "vite"}, "dependencies": {"vite": "^5.0.0"}}
    pages = {"package.json": json.dumps(manifest), "index.html": "<!doctype html><html><body></body></html>\n"}
    return write(root, {**pages, **scripts})


def test_a_script_with_a_node_shebang_or_a_command_line_is_server_code(tmp_path: Path) -> None:
    shebang = unlisted(
        tmp_path / "a", **{"tools/reload.js": "#!/usr/bin/env node\n" + RELOAD.replace("process.argv", "args")}
    )
    argv = unlisted(tmp_path / "b", **{"tools/reload.mjs": RELOAD})
    assert findings(shebang) == [] and findings(argv) == []


def test_an_unlisted_script_without_either_stays_browser_code(tmp_path: Path) -> None:
    root = unlisted(tmp_path, **{"tools/reload.mjs": RELOAD.replace("process.argv", "args")})
    assert ("engine-url-no-web-integration-id", "reload.mjs") in findings(root)
