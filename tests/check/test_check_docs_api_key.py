"""A Qlik API key written in the project's documentation (a README's example .env): whoever reads the repository
can call Qlik's APIs as its owner. A warning (secret-in-docs): the app still works. A token Qlik did not issue
(another service's JWT in a how-to), and a placeholder, say nothing."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write


def token(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'ES384', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJlLW9mLXRoZS1rZXk"


QLIK_KEY = token({"subType": "user", "tenantId": "T3nantIdOfSomeone", "iss": "qlik.api/api-keys", "jti": "k1"})
# Qlik's own documentation shows a client assertion for a sample client at a sample tenant: no key of anyone's.
SAMPLE = token(
    {"iss": "my-client-id", "sub": "my-client-id", "aud": "https://my-tenant.us.qlikcloud.com/oauth/token", "jti": "1"}
)
OTHER = token({"iss": "https://auth.example.org", "sub": "someone", "aud": "example-api"})
SERVER = "const express = require('express');\nexpress().listen(process.env.PORT);\n"
README = "# Data handler\n\nCreate `.env`:\n\n```env\nTENANTURL=acme.eu\nAPIKEY={key}\n```\n"


def docs_findings(folder: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(f.rule, Path(f.path).name, f.line) for f in found if f.rule == "secret-in-docs"]


def test_a_qlik_api_key_in_the_readme_is_a_warning(tmp_path: Path) -> None:
    folder = write(tmp_path, {"server.js": SERVER, "README.md": README.format(key=QLIK_KEY)})
    assert docs_findings(folder) == [("secret-in-docs", "README.md", 7)]


@pytest.mark.parametrize(
    "key", [OTHER, SAMPLE, "<your API key>"], ids=["another service's token", "a documented sample", "placeholder"]
)
def test_another_token_or_a_placeholder_is_silent(tmp_path: Path, key: str) -> None:
    folder = write(tmp_path, {"server.js": SERVER, "README.md": README.format(key=key)})
    assert docs_findings(folder) == []
