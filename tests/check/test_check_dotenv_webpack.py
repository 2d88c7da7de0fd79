"""secret-in-code: webpack's dotenv-webpack plugin replaces every ``process.env.NAME`` read of the bundled browser
code by its value, so an API key read there (``apiKey: process.env.QLIK_API_KEY`` in a host config) ships in the
bundle. Without the plugin webpack 5 inlines nothing, and a read of a non-secret (the host) is no secret."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

QLIK = """import { auth } from '@qlik/api';
auth.setDefaultHostConfig({
  host: process.env.QLIK_HOST,
  authType: 'apikey',
  apiKey: process.env.QLIK_API_KEY,
});
"""
WEBPACK = """const HtmlWebpackPlugin = require('html-webpack-plugin');
%s
module.exports = { entry: './src/index.js', plugins: [%s new HtmlWebpackPlugin({ template: './src/index.html' })] };
"""
MANIFEST = '{"dependencies": {"@qlik/api": "^1.30.0"}, "devDependencies": {"webpack": "^5.90.0"}}'


def secrets(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "secret-in-code"]


def project(root: Path, plugin: bool, qlik: str = QLIK) -> Path:
    config = WEBPACK % (
        ("const Dotenv = require('dotenv-webpack');", "new Dotenv({ systemvars: true }),") if plugin else ("", "")
    )
    return write(
        root,
        {
            "package.json": MANIFEST,
            "webpack.config.js": config,
            "src/index.html": "<!doctype html><html><body><div id='app'></div></body></html>\n",
            "src/index.js": "import './qlik.js';\n",
            "src/qlik.js": qlik,
        },
    )


def test_an_api_key_read_in_code_dotenv_webpack_bundles_is_reported(tmp_path: Path) -> None:
    assert secrets(project(tmp_path, plugin=True)) == [("qlik.js", 5)]


def test_without_the_plugin_or_without_a_secret_nothing_is_reported(tmp_path: Path) -> None:
    assert secrets(project(tmp_path / "a", plugin=False)) == []
    host_only = "export const host = process.env.QLIK_HOST;\n"
    assert secrets(project(tmp_path / "b", plugin=True, qlik=host_only)) == []
