"""qdt-components 3 posts its config's ``token`` (beside ``webIntegrationId``) as a JWT to
<tenant>/login/jwt-session and ignores a refusal: a literal that is no JWT (``token: 'token'``) signs nobody in,
and the app works only where the browser is signed in to the tenant already. A JWT fetched at run time, an
empty token (never posted) or a token without the id (never posted) are not judged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

WID = "Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"
COMPONENT = """import { qdtEnigma, qdtCapabilityApp } from 'qdt-components';
export const config = {
  host: 'acme.eu.qlikcloud.com',
  appId: '133dab5d-8f56-4d40-b3e0-a6b401391bde',
  secure: true,
  port: 443,
  prefix: '',
  @REST@
};
export const engine = qdtEnigma(config);
export const app = qdtCapabilityApp(config);
"""


@pytest.mark.parametrize(
    ("rest", "flagged"),
    [
        (f"webIntegrationId: '{WID}',\n  token: 'token'", True),
        (f"webIntegrationId: '{WID}',\n  token: '<your JWT>'", True),
        (f"webIntegrationId: '{WID}',\n  token: window.qlikJwt", False),
        (f"webIntegrationId: '{WID}',\n  token: ''", False),
        (f"webIntegrationId: '{WID}',\n  token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl'", False),
    ],
)
def test_a_token_that_is_no_jwt(tmp_path: Path, rest: str, flagged: bool) -> None:
    write(
        tmp_path,
        {
            "package.json": json.dumps({"name": "q", "dependencies": {"react": "18", "qdt-components": "3.0.2"}}),
            "index.html": '<!doctype html><html><body><script type="module" src="/src/qlik.js"></script></body></html>',
            "src/qlik.js": COMPONENT.replace("@REST@", rest),
        },
    )
    lines = [f.line for f in check_paths([str(tmp_path)]).findings if f.rule == "connection-token-not-jwt"]
    assert lines == ([9] if flagged else [])
