"""Motor (@motor-js/engine) with a Qlik Cloud config (``qcs: true``, ``webIntId``) signs the user in with its
own login box: the app's other requests to the tenant ride on that session, so the project has a sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

APP = """import { Motor } from "@motor-js/engine";
@CONFIG@
export default function App() {
  useCsrf();
  return <Motor config={config}><div /></Motor>;
}

async function useCsrf() {
  const r = await fetch("https://acme.eu.qlikcloud.com/api/v1/csrf-token", {
    credentials: "include", headers: { "qlik-web-integration-id": "4Tx-ydWxSQEM_q1ajlYBVzGgVUVJUo-i" } });
  return r.headers.get("qlik-csrf-token");
}
"""
MOTOR = (
    'const config = { host: "acme.eu.qlikcloud.com", secure: true, port: null, prefix: "",\n'
    '  appId: "0294cf88-eb02-484a-b315-cf06b45ac347", webIntId: "4Tx-ydWxSQEM_q1ajlYBVzGgVUVJUo-i", qcs: true };'
)


@pytest.mark.parametrize(("config", "missing"), [(MOTOR, False), ("const config = {};", True)])
def test_motors_login_box_is_the_projects_sign_in(tmp_path: Path, config: str, missing: bool) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "m", "dependencies": {"@motor-js/engine": "0.2.4", "react-scripts": "4"}}',
            "public/index.html": '<!doctype html><html><body><div id="root"></div></body></html>',
            "src/index.js": 'import App from "./App";\n',
            "src/App.jsx": APP.replace("@CONFIG@", config),
        },
    )
    assert ("login-missing" in {f.rule for f in check_paths([str(tmp_path)]).findings}) is missing
