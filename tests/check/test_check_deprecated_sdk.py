"""sdk-deprecated: a project on @qlik/sdk (Qlik's TypeScript Platform SDK, past its end of life since March
2025) is warned where it declares the package (package.json), or where code imports it when no manifest
lists it (a CDN import). @qlik/api, and a package.json that only mentions the name elsewhere, are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><div id="app"></div><script type="module" src="main.js"></script></body></html>\n'
SDK_CODE = """import Qlik, { AuthType } from '@qlik/sdk';

const qlik = new Qlik({ authType: AuthType.OAuth2, host: 'acme.eu.qlikcloud.com', clientId: 'c1',
  redirectUri: window.location.origin, scopes: ['user_default'] });
await qlik.auth.authorize();
"""
API_CODE = """import { auth } from '@qlik/api';

auth.setDefaultHostConfig({ authType: 'oauth2', host: 'acme.eu.qlikcloud.com', clientId: 'c1',
  redirectUri: window.location.origin });
"""


def sdk_findings(root: Path) -> list[tuple[str, int, str]]:
    return [
        (Path(f.path).name, f.line, f.severity.value)
        for f in check_paths([str(root)]).sorted()
        if f.rule == "sdk-deprecated" and f.path and f.line
    ]


def write(root: Path, manifest: str | None, code: str) -> None:
    (root / "index.html").write_text(PAGE)
    (root / "main.js").write_text(code)
    if manifest is not None:
        (root / "package.json").write_text(manifest)


def test_a_declared_sdk_is_warned_on_its_manifest_line_only(tmp_path: Path) -> None:
    manifest = '{\n  "name": "t",\n  "dependencies": {\n    "vite": "5",\n    "@qlik/sdk": "^0.9.0"\n  }\n}\n'
    write(tmp_path, manifest, SDK_CODE)
    assert sdk_findings(tmp_path) == [("package.json", 5, "warning")]


def test_a_dev_dependency_counts_too(tmp_path: Path) -> None:
    write(tmp_path, '{"devDependencies": {"@qlik/sdk": "0.28.0"}}\n', SDK_CODE)
    assert sdk_findings(tmp_path) == [("package.json", 1, "warning")]


@pytest.mark.parametrize(
    "source",
    ["@qlik/sdk", "@qlik/sdk/dist/index.js", "https://cdn.jsdelivr.net/npm/@qlik/sdk@0.28.0/+esm"],
)
def test_without_a_manifest_the_import_is_warned(tmp_path: Path, source: str) -> None:
    write(tmp_path, None, SDK_CODE.replace("'@qlik/sdk'", repr(source)))
    assert sdk_findings(tmp_path) == [("main.js", 1, "warning")]


@pytest.mark.parametrize(
    ("manifest", "code"),
    [
        ('{"dependencies": {"@qlik/api": "^1.30.0"}}', API_CODE),
        # The name in a description or a script is no dependency.
        ('{"description": "moved off @qlik/sdk", "dependencies": {"@qlik/api": "1"}}', API_CODE),
        # Another package whose name starts the same way.
        ('{"dependencies": {"@qlik/sdk-extras": "1"}}', API_CODE.replace("@qlik/api", "@qlik/sdk-extras")),
        (None, API_CODE),
    ],
)
def test_qlik_api_and_mere_mentions_are_silent(tmp_path: Path, manifest: str | None, code: str) -> None:
    write(tmp_path, manifest, code)
    assert sdk_findings(tmp_path) == []


def test_a_manifest_that_is_not_json_is_left_alone(tmp_path: Path) -> None:
    write(tmp_path, '{"dependencies": {"@qlik/sdk": "1",,}', API_CODE)
    assert sdk_findings(tmp_path) == []
