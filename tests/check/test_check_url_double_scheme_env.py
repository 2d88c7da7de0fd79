"""url-double-scheme through an environment variable: `wss://${host}/app/...` where ``host`` reads
``process.env.QLIK_HOST`` (or a settings object's ``tenantUrl: TENANT_URL`` reading ``import.meta.env``) and the
project's env files (its .env.example too, which documents the form) write the value with its scheme. An env
file that writes the bare host, or one that disagrees, stays silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

NODE = """import enigma from 'enigma.js';
const host = process.env.QLIK_HOST;
export const open = (appId) => enigma.create({ schema, url: `wss://${host}/app/${appId}` }).open();
"""

PAGE = '<!doctype html><html><body><script type="module" src="/src/engine.js"></script></body></html>'
VITE_SETTINGS = """const TENANT_URL = import.meta.env.VITE_TENANT_URL;
export const settings = { tenantUrl: TENANT_URL, appId: import.meta.env.VITE_APP_ID };
"""
VITE_ENGINE = """import { settings } from './settings.js';
export const url = `wss://${settings.tenantUrl}/app/${settings.appId}?qlik-web-integration-id=x&qlik-csrf-token=y`;
"""


def doubled(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "url-double-scheme"]


def test_a_scheme_before_an_env_variable_documented_with_its_scheme_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"type": "module", "dependencies": {"enigma.js": "^2.14.0"}}',
            "src/qlik.js": NODE,
            ".env.example": "QLIK_HOST=https://acme.us.qlikcloud.com\nQLIK_API_KEY=\n",
        },
    )
    assert doubled(tmp_path) == [("qlik.js", 3)]


def test_a_settings_object_reading_a_vite_variable_is_followed(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"devDependencies": {"vite": "^5.0.0"}}',
            "index.html": PAGE,
            "src/settings.js": VITE_SETTINGS,
            "src/engine.js": VITE_ENGINE,
            ".env.production": "VITE_TENANT_URL=https://acme.us.qlikcloud.com\nVITE_APP_ID=abc\n",
        },
    )
    assert doubled(tmp_path) == [("engine.js", 2)]


def test_a_bare_host_or_env_files_that_disagree_stay_silent(tmp_path: Path) -> None:
    files = {"package.json": '{"type": "module"}', "src/qlik.js": NODE}
    write(tmp_path / "a", {**files, ".env.example": "QLIK_HOST=acme.us.qlikcloud.com\n"})
    assert doubled(tmp_path / "a") == []
    write(
        tmp_path / "b",
        {
            **files,
            ".env.example": "QLIK_HOST=https://acme.us.qlikcloud.com\n",
            ".env": "QLIK_HOST=acme.us.qlikcloud.com\n",
        },
    )
    assert doubled(tmp_path / "b") == []
