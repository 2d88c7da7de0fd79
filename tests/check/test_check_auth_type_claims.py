"""embed-auth-type on @qlik/api host configs claims a sign-in the page cannot use on Qlik Cloud. Two correct
shapes it must stay silent on: an API key read from Node's environment (process.env under a name no bundler
ships to a browser: a script's or a server's key, which @qlik/api documents for Node), and windowscookie as the
client-managed alternative of code that signs in to Qlik Cloud with another host config."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

CID = "0123456789abcdef0123456789abcdef"
PKG = '{"type":"module","dependencies":{"@qlik/api":"2.19.0"}}'


def auth_type(root: Path) -> list[int]:
    return [f.line or 0 for f in check_paths([str(root)]).findings if f.rule == "embed-auth-type"]


def script(api_key: str) -> str:
    return (
        "import { auth, items } from '@qlik/api';\n"
        f"auth.setDefaultHostConfig({{ host: process.env.QLIK_HOST, authType: 'apikey', apiKey: {api_key} }});\n"
        "items.getItems({ resourceType: 'app' }).then((r) => console.log(r.data));\n"
    )


@pytest.mark.parametrize("api_key", ["process.env.QLIK_API_KEY", "process.env['QLIK_API_KEY']"])
def test_an_api_key_from_nodes_environment_is_a_scripts_key(tmp_path: Path, api_key: str) -> None:
    write(tmp_path, {"scripts/export.mjs": script(api_key), "package.json": PKG})
    assert auth_type(tmp_path) == []


@pytest.mark.parametrize("api_key", ["import.meta.env.VITE_QLIK_API_KEY", "process.env.REACT_APP_QLIK_API_KEY"])
def test_an_api_key_a_bundler_ships_is_still_an_error(tmp_path: Path, api_key: str) -> None:
    write(tmp_path, {"src/main.js": script(api_key), "package.json": PKG})
    assert auth_type(tmp_path) == [2]


def branches(other: str) -> str:
    return (
        "import { auth } from '@qlik/api';\n"
        "if (import.meta.env.VITE_QLIK_HOST.endsWith('qlikcloud.com')) {\n"
        f"  auth.setDefaultHostConfig({{ host: '{TENANT}', authType: {other} }});\n"
        "} else {\n"
        "  auth.setDefaultHostConfig({ host: import.meta.env.VITE_QLIK_HOST, authType: 'windowscookie' });\n"
        "}\n"
    )


def test_windowscookie_beside_a_cloud_sign_in_is_the_client_managed_alternative(tmp_path: Path) -> None:
    code = branches(f"'oauth2', clientId: '{CID}', redirectUri: location.origin + '/'")
    write(tmp_path, {"src/main.js": code, "package.json": PKG})
    assert auth_type(tmp_path) == []


def test_windowscookie_alone_is_still_an_error(tmp_path: Path) -> None:
    code = "import { auth } from '@qlik/api';\n"
    code += "auth.setDefaultHostConfig({ host: 'x.example.org', authType: 'windowscookie' });\n"
    write(tmp_path, {"src/main.js": code, "package.json": PKG})
    assert auth_type(tmp_path) == [2]
