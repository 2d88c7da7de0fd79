"""A Qlik API key, an OAuth client secret or a private key written as a literal in server code is committed with
the code: a warning at the value, in Node and in other server languages. Values read from the environment,
placeholders, the PEM header a parser tests for, and other services' JWTs stay silent."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths


def _jwt(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'ES384', 'kid': 'k1', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJlc2lnbmF0dXJl"


QLIK_KEY = _jwt({"subType": "user", "tenantId": "t1", "jti": "j", "aud": "qlik.api", "iss": "qlik.api/api-keys"})
OTHER_JWT = _jwt({"iss": "supabase", "role": "anon"})
SECRET = "a3f9c1d27b8e4f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718"
PEM = (
    "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n"
    "-----END PRIVATE KEY-----"
)
PACKAGE = '{"name": "x", "main": "server.js", "dependencies": {"express": "4"}}'


def findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    write(tmp_path, files)
    return [
        (Path(f.path).name, f.line, f.severity.value)
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule == "secret-in-server-code"
    ]


def server(line: str) -> dict[str, str]:
    code = f"const express = require('express');\nconst app = express();\n{line}\napp.listen(3000);\n"
    return {"package.json": PACKAGE, "server.js": code}


@pytest.mark.parametrize(
    "line",
    [
        f"const API_KEY = '{QLIK_KEY}';",
        f"const cfg = {{ clientId: 'abc', clientSecret: '{SECRET}' }};",
        f"const privateKey = `{PEM}`;",
    ],
)
def test_a_secret_written_in_node_server_code(tmp_path: Path, line: str) -> None:
    assert findings(tmp_path, server(line)) == [("server.js", 3, "warning")]


def test_a_secret_written_in_python_and_csharp(tmp_path: Path) -> None:
    python = f'import os\n\nCLIENT_SECRET = "{SECRET}"\nTENANT = os.environ["T"]\n'
    csharp = f'class Q {{\n  const string ApiKey = "{QLIK_KEY}";\n}}\n'
    assert findings(tmp_path, {"qlik.py": python, "Q.cs": csharp}) == [
        ("Q.cs", 2, "warning"),
        ("qlik.py", 3, "warning"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "const API_KEY = process.env.QLIK_API_KEY;",
        "const cfg = { clientSecret: process.env.QLIK_CLIENT_SECRET };",
        "const cfg = { clientSecret: '<your-client-secret>' };",
        "const cfg = { clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxx' };",
        f"const SUPABASE_ANON = '{OTHER_JWT}';",
        "if (pem.includes('-----BEGIN PRIVATE KEY-----')) { parse(pem); }",
    ],
)
def test_values_from_the_environment_and_samples_stay_silent(tmp_path: Path, line: str) -> None:
    assert findings(tmp_path, server(line)) == []
