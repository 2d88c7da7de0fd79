"""Qlik settings read in browser code from environment variables the bundler does not ship: Vite exposes only
VITE_*, Next.js client components only NEXT_PUBLIC_*, Create React App only REACT_APP_*."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

VITE_MAIN = """const hostConfig = {
  host: import.meta.env.%s,
  clientId: import.meta.env.VITE_QLIK_CLIENT_ID,
  authType: "Oauth2",
  redirectUri: `${window.location.origin}/oauth-callback.html`,
};
console.log(import.meta.env.MODE, hostConfig);
"""
NEXT_COMPONENT = """%s
import { QlikEmbed } from "@qlik/embed-react";

export default function Chart() {
  return <QlikEmbed ui="analytics/chart" appId={process.env.%s} objectId="pQbvjWk" />;
}
"""


def unshipped(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "env-not-in-browser"]


@pytest.mark.parametrize(
    ("name", "config", "expected"),
    [
        ("QLIK_HOST", "", [("main.ts", 2)]),
        ("VITE_QLIK_HOST", "", []),
        ("QLIK_HOST", "export default { envPrefix: ['VITE_', 'QLIK_'] }\n", []),  # the project widens it
    ],
)
def test_a_vite_app(tmp_path: Path, name: str, config: str, expected: list) -> None:
    (tmp_path / "package.json").write_text('{"name": "v", "devDependencies": {"vite": "5"}}')
    (tmp_path / "index.html").write_text('<!doctype html><html><body><script type="module" src="/src/main.ts">')
    if config:
        (tmp_path / "vite.config.ts").write_text(config)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.ts").write_text(VITE_MAIN % name)
    assert unshipped(tmp_path) == expected


@pytest.mark.parametrize(
    ("directive", "name", "expected"),
    [
        ('"use client";', "QLIK_APP_ID", [("Chart.tsx", 5)]),
        ('"use client";', "NEXT_PUBLIC_QLIK_APP_ID", []),
        ("", "QLIK_APP_ID", []),  # a server component reads the server's environment
    ],
)
def test_a_next_client_component(tmp_path: Path, directive: str, name: str, expected: list) -> None:
    (tmp_path / "package.json").write_text('{"name": "n", "dependencies": {"next": "15", "@qlik/embed-react": "1"}}')
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "layout.tsx").write_text("export default function L({ children }) { return children; }\n")
    (tmp_path / "app" / "Chart.tsx").write_text(NEXT_COMPONENT % (directive, name))
    assert unshipped(tmp_path) == expected


@pytest.mark.parametrize("name", ["craco.config.js", "jest.config.js", "config-overrides.js", "vue.config.js"])
def test_a_build_or_test_tools_config_runs_in_node(tmp_path: Path, name: str) -> None:
    # Before: the config was browser code, and its process.env.QLIK_TENANT an env-not-in-browser error.
    (tmp_path / "package.json").write_text('{"dependencies": {"react-scripts": "^5.0.0"}}')
    (tmp_path / "index.html").write_text("<!doctype html><html><body></body></html>")
    (tmp_path / name).write_text("module.exports = { target: `https://${process.env.QLIK_TENANT}` };\n")
    assert not [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "env-not-in-browser"]
