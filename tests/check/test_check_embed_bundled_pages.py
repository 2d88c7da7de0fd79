"""Pages a bundler completes: an OAuth callback page whose bundled module imports the package's callback entry
(import "@qlik/embed-web-components/oauth-callback") needs only its qlik-embed-host meta tag; a page an HTML
plugin (HtmlWebpackPlugin) writes from a template gets its entry's script tag from the build, so its
<qlik-embed> elements are loaded by the bundle. The same pages without the bundler stay findings."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

HOST = f'<meta name="qlik-embed-host" content="https://{TENANT}">'
CLIENT = "0123456789abcdef0123456789abcdef"
PACKAGE = '{"dependencies": {"@qlik/embed-web-components": "1.6.0"}, "devDependencies": {"parcel": "2.12.0"}}'
MAIN_META = (
    f'{HOST}\n<meta name="qlik-embed-auth-type" content="Oauth2">\n'
    f'<meta name="qlik-embed-client-id" content="{CLIENT}">\n'
)


def _errors(root: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.severity.value == "error"]


def _parcel(root: Path, callback_module: str) -> Path:
    return write(
        root,
        {
            "package.json": PACKAGE,
            "src/index.html": f'<!doctype html><html><head>\n{MAIN_META}<script type="module" src="./main.js"></script>'
            f'</head><body><qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>'
            "</body></html>\n",
            "src/main.js": 'import "@qlik/embed-web-components";\n',
            "src/callback.html": f'<!doctype html><html><head>\n{HOST}\n<script type="module" src="./callback.js">'
            "</script></head><body></body></html>\n",
            "src/callback.js": callback_module,
        },
    )


def test_a_bundled_callback_page_needs_only_its_host(tmp_path: Path) -> None:
    _parcel(tmp_path, 'import "@qlik/embed-web-components/oauth-callback";\n')
    assert _errors(tmp_path) == []


def test_a_bundled_page_with_only_a_host_is_still_found(tmp_path: Path) -> None:
    _parcel(tmp_path, 'import "@qlik/embed-web-components";\ndocument.title = "x";\n')
    assert _errors(tmp_path) == [("embed-no-auth", "callback.html", 2)]


WEBPACK = """const HtmlWebpackPlugin = require("html-webpack-plugin");
module.exports = {
  entry: { app: "./src/index.js" },
  plugins: [new HtmlWebpackPlugin({ template: "./src/index.html", chunks: ["app"] })],
};
"""


def _webpack(root: Path, config: str) -> Path:
    body = f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>'
    settings = (
        f'data-qlik-embed-host="https://{TENANT}" data-qlik-embed-auth-type="Oauth2" '
        f'data-qlik-embed-client-id="{CLIENT}" data-qlik-embed-redirect-uri="https://intranet.example.com/"'
    )
    return write(
        root,
        {
            "package.json": PACKAGE.replace("parcel", "webpack"),
            "webpack.config.js": config,
            "src/index.html": f"<!doctype html><html><head><title>x</title></head>\n<body {settings}>\n{body}\n"
            "</body></html>\n",
            "src/index.js": 'import "@qlik/embed-web-components";\n',
        },
    )


def test_an_html_plugin_template_is_loaded_by_its_bundle(tmp_path: Path) -> None:
    _webpack(tmp_path, WEBPACK)
    assert [e for e in _errors(tmp_path) if e[0] == "embed-not-loaded"] == []


def test_a_page_no_plugin_writes_still_lacks_its_loader(tmp_path: Path) -> None:
    _webpack(tmp_path, 'module.exports = { entry: { app: "./src/index.js" } };\n')
    assert [e for e in _errors(tmp_path) if e[0] == "embed-not-loaded"] == [("embed-not-loaded", "index.html", 3)]
