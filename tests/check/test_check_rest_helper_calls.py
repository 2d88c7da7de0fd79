"""Requests through the project's own helper, whose request builds the URL from a parameter
(``qlikFetch(path, options)`` around ``fetch(`${TENANT}/api/v1${path}`, ...)``): a call that changes data
(``qlikFetch('/reloads', { method: 'POST' })``) needs the CSRF token unless the helper or the call sends it, and
``qlikFetch('/users/me')`` followed by the /login redirect is the session check."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, write

from mashup_gen.checker import check_paths

MAIN = f"""const TENANT = "https://{TENANT}";
const WIID = "{ID}";
@HELPER@
const r = await qlikFetch("/users/me");
const back = encodeURIComponent(location.href);
if (r.status === 401) location.href = `${{TENANT}}/login?qlik-web-integration-id=${{WIID}}&returnto=${{back}}`;
await qlikFetch("/reloads", {{ method: "POST", body: JSON.stringify({{ appId: "{APP}" }}) }});
"""
FUNCTION = """async function qlikFetch(path, options = {}) {
  return fetch(`${TENANT}/api/v1${path}`, {
    ...options, credentials: "include", headers: { "qlik-web-integration-id": WIID@CSRF@, ...(options.headers || {}) },
  });
}"""
ARROW = """const qlikFetch = (path, options = {}) =>
  fetch(`${TENANT}/api/v1${path}`, {
    ...options, credentials: "include", headers: { "qlik-web-integration-id": WIID@CSRF@, ...(options.headers || {}) },
  });"""


def findings(tmp_path: Path, helper: str, csrf: str) -> set[tuple[str, int]]:
    write(
        tmp_path,
        {
            "index.html": '<!doctype html><html><body><script type="module" src="main.js"></script></body></html>',
            "main.js": MAIN.replace("@HELPER@", helper.replace("@CSRF@", csrf)),
        },
    )
    lines = len(helper.splitlines())
    found = check_paths([str(tmp_path)]).findings
    return {(f.rule, f.line - lines) for f in found if f.rule.startswith(("rest-", "login-"))}


@pytest.mark.parametrize("helper", [FUNCTION, ARROW], ids=["function", "arrow"])
def test_a_change_through_the_helper_without_the_csrf_token_is_reported_at_the_call(
    tmp_path: Path, helper: str
) -> None:
    assert findings(tmp_path, helper, "") == {("rest-no-csrf", 6)}


@pytest.mark.parametrize("helper", [FUNCTION, ARROW], ids=["function", "arrow"])
def test_a_helper_that_sends_the_csrf_token_is_silent(tmp_path: Path, helper: str) -> None:
    assert findings(tmp_path, helper, ', "qlik-csrf-token": window.csrfToken') == set()
