"""A request whose headers come from a method or function of the same module (``headers: this.headers()`` with
``private headers() { return { 'qlik-web-integration-id': this.wid }; }``) carries the web integration id:
silent. A method that returns other headers leaves the request without it: still rest-no-web-integration-id."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

SERVICE = """const RETURN = 'back-from-login';

export class QlikSession {
  private readonly base = `https://${TENANT}`;
  private readonly wid = WID;

  private headers(): HeadersInit {
    return { HEADER: this.wid };
  }

  async ensureSignedIn() {
    const res = await fetch(`${this.base}/api/v1/users/me`, {
      mode: 'cors', credentials: 'include', headers: this.headers(),
    });
    if (res.status === 401) {
      const back = encodeURIComponent(location.href);
      window.location.assign(`${this.base}/login?qlik-web-integration-id=${this.wid}&returnto=${back}`);
    }
    return res.json();
  }
}
"""


@pytest.mark.parametrize(("header", "expected"), [("'qlik-web-integration-id'", []), ("Accept", [("session.ts", 12)])])
def test_headers_from_a_method(tmp_path: Path, header: str, expected: list) -> None:
    code = SERVICE.replace("HEADER", header).replace("${TENANT}", TENANT).replace("WID", f"'{ID}'")
    files = {
        "package.json": '{"dependencies": {"@angular/core": "^18.0.0"}}',
        "src/index.html": "<!doctype html><html><body><app-root></app-root></body></html>\n",
        "src/session.ts": code,
        "src/main.ts": "import { QlikSession } from './session';\nnew QlikSession().ensureSignedIn();\n",
    }
    found = check_paths([str(write(tmp_path, files))]).sorted()
    assert [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "rest-no-web-integration-id"] == expected
