"""A committed build output (webpack's dist/ beside the project's package.json and sources): its bundle holds the
source's settings again, often from an older version. The source's line is the one to change, so a problem in
the bundle is a warning there; a secret the bundle ships stays an error, and a project's own script in a folder
named build/ (no bundler's mark, no hashed name) is judged as any script."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

# A capability mashup whose config object lacks the web integration id (config-no-id), as source and as a
# webpack bundle made from it.
CONFIG = (
    "var config = { host: 'acme.eu.qlikcloud.com', prefix: '/', port: 443, isSecure: true };\n"
    "require.config({ baseUrl: 'https://acme.eu.qlikcloud.com/resources',\n"
    "  webIntegrationId: 'abcdefghijABCDEFGHIJ0123456789_-' });\n"
    "require(['js/qlik'], function (qlik) { qlik.openApp('1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e', config); });\n"
)
WEBPACK = '(self["webpackChunkmashup"] = self["webpackChunkmashup"] || []).push([["main"],{\n' + CONFIG + "}]);\n"
PAGE = (
    "<!doctype html><html><head>"
    '<script src="https://acme.eu.qlikcloud.com/resources/assets/external/requirejs/require.js"></script>'
    '</head><body><script src="%s"></script></body></html>\n'
)
MANIFEST = '{"name": "mashup", "scripts": {"build": "webpack"}, "devDependencies": {"webpack": "^5.0.0"}}\n'


def project(root: Path, bundle_name: str, bundle: str, folder: str = "dist") -> Path:
    return write(
        root,
        {
            "package.json": MANIFEST,
            "src/index.js": CONFIG,
            "index.html": PAGE % "src/index.js",
            f"{folder}/index.html": PAGE % bundle_name,
            f"{folder}/{bundle_name}": bundle,
        },
    )


def config_findings(root: Path) -> list[tuple[str, str]]:
    return sorted(
        (f.path.split(str(root) + "/", 1)[-1], f.severity.value)
        for f in check_paths([str(root)]).findings
        if f.rule == "config-no-id"
    )


def test_a_webpack_bundle_in_dist_is_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path, "main.js", WEBPACK)
    assert config_findings(root) == [("dist/main.js", "warning"), ("src/index.js", "error")]


def test_a_hashed_bundle_name_is_build_output(tmp_path: Path) -> None:
    root = project(tmp_path, "main.b3b7c4288573156a05b4.js", CONFIG)
    assert config_findings(root) == [("dist/main.b3b7c4288573156a05b4.js", "warning"), ("src/index.js", "error")]


def test_a_hand_written_script_in_build_is_judged(tmp_path: Path) -> None:
    root = project(tmp_path, "app-settings.js", CONFIG, folder="build")
    assert config_findings(root) == [("build/app-settings.js", "error"), ("src/index.js", "error")]


def test_a_secret_in_a_bundle_stays_an_error(tmp_path: Path) -> None:
    bundle = WEBPACK + "var apiKey = 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlc2lnbmF0dXJl';\n"
    root = project(tmp_path, "main.js", bundle)
    secrets = [
        f.severity.value for f in check_paths([str(root)]).findings if f.rule == "secret-in-code" and "dist" in f.path
    ]
    assert secrets == ["error"]


def test_laravel_mix_output_in_public_js_is_build_output(tmp_path: Path) -> None:
    """Laravel Mix compiles resources/js/app.js into public/js/app.js (webpack's runtime inside)."""
    write(
        tmp_path,
        {
            "package.json": '{"scripts": {"dev": "mix"}, "devDependencies": {"laravel-mix": "^6.0.0"}}',
            "resources/js/app.js": CONFIG,
            "resources/views/welcome.blade.php": PAGE % "{{ mix('js/app.js') }}",
            "public/js/app.js": "/******/ (() => { var __webpack_require__ = {};\n" + CONFIG + "})();\n",
        },
    )
    assert config_findings(tmp_path) == [("public/js/app.js", "warning"), ("resources/js/app.js", "error")]


def test_a_bundle_of_a_project_that_builds_nothing_is_judged(tmp_path: Path) -> None:
    """A package.json naming no bundler (the project commits someone's bundle and serves it): the bundle is
    the code that runs, and the only place to change."""
    write(
        tmp_path,
        {
            "package.json": '{"name": "x", "dependencies": {"express": "^4.0.0"}}',
            "index.html": PAGE % "dist/main.js",
            "dist/main.js": WEBPACK,
        },
    )
    assert config_findings(tmp_path) == [("dist/main.js", "error")]


# A React app whose host config reads the client id from the environment, and its committed Vite bundle, where the
# bundler inlined the env's value: one source, not a second host config writing it literally.
HOST_CONFIG = (
    "import { QlikEmbed } from '@qlik/embed-react';\n"
    "const hostConfig = { host: import.meta.env.VITE_QLIK_HOST, clientId: import.meta.env.VITE_QLIK_CLIENT_ID, "
    "redirectUri: `${location.origin}/oauth-callback.html` };\n"
    'export default function App() { return <QlikEmbed hostConfig={hostConfig} ui="classic/app" appId="a" />; }\n'
)
VITE_BUNDLE = (
    'const e="https://acme.eu.qlikcloud.com";function t(){return{host:e,clientId:"3f2a9c1b7e6d4a8f9b0c1d2e3f4a5b6c",'
    "redirectUri:`${location.origin}/oauth-callback.html`}}export{t};\n"
)
VITE_MANIFEST = '{"dependencies":{"@qlik/embed-react":"1.2.0"},"devDependencies":{"vite":"5"}}'


def mixed(root: Path, bundle_path: str) -> list[str]:
    files = {
        "package.json": VITE_MANIFEST,
        "index.html": '<!doctype html><html><body><script type="module" src="/src/main.jsx"></script></body></html>',
        "src/main.jsx": "import App from './App';\n",
        "src/App.jsx": HOST_CONFIG,
        bundle_path: VITE_BUNDLE,
    }
    write(root, files)
    found = check_paths([str(root)]).findings
    return [Path(f.path or "").name for f in found if f.rule == "embed-host-config-mixed"]


def test_a_bundle_holds_the_env_value_its_source_reads(tmp_path: Path) -> None:
    assert mixed(tmp_path, "dist/assets/index-Dk3f9a2b.js") == []


def test_a_second_source_module_writing_it_is_mixed(tmp_path: Path) -> None:
    assert mixed(tmp_path, "src/legacy-config.js") == ["legacy-config.js"]
