"""The tenant's sign-in page is reached at ``/login`` and at ``/login/`` alike: a redirect written either way is
the project's login flow (Qlik's own tools send users to ``<tenant>/login/?qlik-web-integration-id=...``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

APP = """const tenant = "https://acme.eu.qlikcloud.com", wid = "Xk3pQ9rT_aZ7bN2cW4eY6uI8oP0aS2dF";
fetch(`${tenant}/api/v1/csrf-token`, { credentials: "include", headers: { "qlik-web-integration-id": wid } })
  .then((r) => {
    if (r.status === 401) {
      window.location.assign(`${tenant}@LOGIN@?qlik-web-integration-id=${wid}&returnto=${encodeURIComponent(location.href)}`);
      return;
    }
    const csrf = r.headers.get("qlik-csrf-token");
    const ws = new WebSocket(`wss://acme.eu.qlikcloud.com/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e?qlik-web-integration-id=${wid}&qlik-csrf-token=${csrf}`);
  });
"""


@pytest.mark.parametrize("login", ["/login", "/login/"])
def test_a_redirect_to_login_with_or_without_the_slash_is_the_login_flow(tmp_path: Path, login: str) -> None:
    write(
        tmp_path,
        {
            "index.html": "<!doctype html><html><body><script src='app.js'></script>",
            "app.js": APP.replace("@LOGIN@", login),
        },
    )
    rules = {f.rule for f in check_paths([str(tmp_path)]).findings}
    assert "login-missing" not in rules
    assert not {r for r in rules if r.startswith("login-")}


def test_a_login_route_deeper_than_the_page_is_not_the_tenants(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": "<!doctype html><html><body><script src='app.js'></script>",
            "app.js": APP.replace("@LOGIN@", "/login/callback"),
        },
    )
    assert "login-no-redirect" in {f.rule for f in check_paths([str(tmp_path)]).findings}
