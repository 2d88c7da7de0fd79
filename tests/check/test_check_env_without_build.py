"""process.env.QLIK_HOST in a module a page loads as written, in a project whose package.json names no build tool:
nothing replaces it and `process` is not defined in a browser, so the module throws. A project built by a
bundler, or a guarded read, stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

CONFIG = "export const qlik = {\n  host: process.env.QLIK_HOST,\n  clientId: process.env.QLIK_CLIENT_ID,\n};\n"
GUARDED = 'export const qlik = { host: typeof process !== "undefined" ? process.env.QLIK_HOST : "" };\n'
STATIC = '{"name": "x", "scripts": {"start": "serve ."}, "devDependencies": {"serve": "14.2.3"}}'
BUILT = '{"name": "x", "scripts": {"build": "parcel build index.html"}, "devDependencies": {"parcel": "2.12.0"}}'


def _project(root: Path, manifest: str, config: str) -> Path:
    return write(
        root,
        {
            "package.json": manifest,
            "index.html": '<!doctype html><html><head><script type="module" src="modules/main.js"></script></head>'
            "<body></body></html>\n",
            "modules/main.js": 'import { qlik } from "./config.js";\nconsole.log(qlik.host);\n',
            "modules/config.js": config,
        },
    )


def _env(root: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "env-not-in-browser"]


@pytest.mark.parametrize(
    ("manifest", "config", "expected"),
    [
        (STATIC, CONFIG, [("env-not-in-browser", "config.js", 2)]),
        (BUILT, CONFIG, []),
        (STATIC, GUARDED, []),
    ],
)
def test_process_env_in_a_script_served_as_written(tmp_path: Path, manifest: str, config: str, expected: list) -> None:
    _project(tmp_path, manifest, config)
    assert _env(tmp_path) == expected
