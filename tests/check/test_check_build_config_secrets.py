"""secret-in-code for a secret a build config copies into the browser bundle, found at the config's entry (the
line to change): Next.js's ``env``, Vite's ``define`` (one key, or the whole ``process.env``), webpack's
``DefinePlugin`` and ``EnvironmentPlugin``. An entry browser code never reads ships nothing, a name that is no
secret is not one, and Vitest's ``test.env`` is the tests' own."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

KEY = "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.abcdefghijklmnopqrstu"
FETCH = f'fetch("https://{TENANT}/api/v1/items", {{ headers: {{ Authorization: `Bearer ${{%s}}` }} }});\n'
VITE = '{"dependencies": {"react": "18.2.0"}, "devDependencies": {"vite": "5.0.0"}}'
WEBPACK = '{"dependencies": {"react": "18.2.0"}, "devDependencies": {"webpack": "5.0.0"}}'
NEXT = '{"dependencies": {"next": "14.2.0", "react": "18.2.0"}}'
VITE_CONFIG = (
    'import { defineConfig, loadEnv } from "vite";\nexport default defineConfig(({ mode }) => {\n'
    '  const env = loadEnv(mode, process.cwd(), "");\n  return { define: { %s } };\n});\n'
)
WEBPACK_CONFIG = 'const webpack = require("webpack");\nmodule.exports = {\n  plugins: [new webpack.%s],\n};\n'

# shape -> (package.json, config name, config text, the browser module's read, the line of the entry)
SHAPES = {
    "next env": (
        NEXT,
        "next.config.js",
        "module.exports = {\n  env: { QLIK_API_KEY: process.env.QLIK_API_KEY },\n};\n",
        "process.env.QLIK_API_KEY",
        2,
    ),
    "vite define key": (
        VITE,
        "vite.config.js",
        VITE_CONFIG % "__QLIK_API_KEY__: JSON.stringify(env.QLIK_API_KEY)",
        "__QLIK_API_KEY__",
        4,
    ),
    "vite define process.env": (
        VITE,
        "vite.config.js",
        VITE_CONFIG % '"process.env": env',
        "process.env.QLIK_API_KEY",
        4,
    ),
    "webpack DefinePlugin": (
        WEBPACK,
        "webpack.config.js",
        WEBPACK_CONFIG % 'DefinePlugin({ "process.env.QLIK_API_KEY": JSON.stringify(process.env.QLIK_API_KEY) })',
        "process.env.QLIK_API_KEY",
        3,
    ),
    "webpack EnvironmentPlugin": (
        WEBPACK,
        "webpack.config.js",
        WEBPACK_CONFIG % 'EnvironmentPlugin(["QLIK_API_KEY"])',
        "process.env.QLIK_API_KEY",
        3,
    ),
}


def _project(root: Path, shape: str, read: str) -> Path:
    package, config, text, _, _ = SHAPES[shape]
    module = "app/Items.tsx" if shape == "next env" else "src/items.js"
    code = ('"use client";\n' if shape == "next env" else "") + "export const items = () => " + FETCH % read
    files = {
        "package.json": package,
        config: text,
        ".env": f"QLIK_API_KEY={KEY}\n",
        ".gitignore": ".env\n",
        module: code,
    }
    if shape != "next env":
        files["index.html"] = '<script type="module" src="/src/items.js"></script>\n'
    return write(root, files)


def shipped(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "secret-in-code"]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_secret_the_build_config_ships_is_found_at_its_entry(tmp_path: Path, shape: str) -> None:
    _project(tmp_path, shape, SHAPES[shape][3])
    config, line = SHAPES[shape][1], SHAPES[shape][4]
    assert (config, line) in shipped(tmp_path)


@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"vite define process.env"}))
def test_an_entry_browser_code_never_reads_ships_nothing(tmp_path: Path, shape: str) -> None:
    _project(tmp_path, shape, '"no key"')
    assert shipped(tmp_path) == []


def test_the_whole_environment_without_a_secret_ships_none(tmp_path: Path) -> None:
    _project(tmp_path, "vite define process.env", "process.env.MODE")
    write(tmp_path, {".env": "QLIK_HOST=acme.eu.qlikcloud.com\n"})
    assert shipped(tmp_path) == []


def test_a_name_that_is_no_secret_and_vitests_env_are_silent(tmp_path: Path) -> None:
    _project(tmp_path, "vite define key", '"no key"')
    config = (
        'import { defineConfig } from "vite";\nexport default defineConfig({\n'
        "  define: { __QLIK_HOST__: JSON.stringify(process.env.QLIK_HOST) },\n"
        "  test: { env: { QLIK_API_KEY: process.env.QLIK_API_KEY } },\n});\n"
    )
    write(
        tmp_path,
        {"vite.config.js": config, "src/items.js": "export const h = __QLIK_HOST__ + process.env.QLIK_API_KEY;\n"},
    )
    assert [f for f in shipped(tmp_path) if f[0] == "vite.config.js"] == []


def test_the_whole_environment_holds_an_env_files_secret_only_once_the_config_loads_it(tmp_path: Path) -> None:
    """Vite does not load .env files into the config's process.env: only loadEnv (or dotenv) puts them there."""
    config = (
        'import { defineConfig } from "vite";\nexport default defineConfig({\n  define: { "process.env": %s },\n});\n'
    )
    _project(tmp_path, "vite define process.env", "process.env.MODE")
    write(tmp_path, {"vite.config.js": config % "process.env"})
    assert shipped(tmp_path) == []
    write(tmp_path, {"vite.config.js": 'require("dotenv").config();\n' + config % "process.env"})
    assert shipped(tmp_path) == [("vite.config.js", 4)]
