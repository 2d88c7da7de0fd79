"""Motor (@motor-js/engine) connects to Qlik Cloud only on its own Qlik Cloud path, which it takes with
``qcs: true`` (or ``qsServerType: 'cloud'``), and reads the web integration id as ``webIntId``: a Motor config
for a Qlik Cloud tenant without the switch, or with the id spelt ``webIntegrationId``, connects without the id
and the CSRF token. Found where the config is handed to ``<Motor config={...}>`` or by Motor's own keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

WID = "Xk3pQ9rT_aZ7bN2cYw4LmV8sDf1GhJ0e"
BASE = {
    "host": "'acme.eu.qlikcloud.com'",
    "secure": "true",
    "port": "null",
    "prefix": "''",
    "appId": "'0294cf88-eb02-484a-b315-cf06b45ac347'",
    "webIntId": f"'{WID}'",
    "qcs": "true",
}
MAIN = """import { createRoot } from 'react-dom/client';
import { Motor } from '@motor-js/engine';
import { config } from './config';
createRoot(document.getElementById('root')).render(<Motor config={config}><div /></Motor>);
"""


def findings(tmp_path: Path, **changes: str | None) -> list[tuple[str, str, int]]:
    keys = {**BASE, **changes}
    config = "export const config = {\n" + "".join(f"  {k}: {v},\n" for k, v in keys.items() if v) + "};\n"
    write(
        tmp_path,
        {
            "package.json": '{"name": "m", "dependencies": {"@motor-js/engine": "0.3.4", "react-scripts": "5"}}',
            "public/index.html": '<!doctype html><html><body><div id="root"></div></body></html>',
            "src/index.js": MAIN,
            "src/config.js": config,
        },
    )
    return [(f.rule, Path(f.path).name, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.severity == "error"]


def test_without_qcs_motor_never_takes_its_qlik_cloud_path(tmp_path: Path) -> None:
    assert findings(tmp_path, qcs=None) == [("connection-config-unread", "config.js", 1)]


def test_motor_reads_the_id_as_web_int_id(tmp_path: Path) -> None:
    assert findings(tmp_path, webIntId=None, webIntegrationId=f"'{WID}'") == [
        ("connection-config-unread", "config.js", 8)
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"qcs": None, "qsServerType": "'cloud'"},  # the newer switch
        {"qcs": "process.env.REACT_APP_QCS === 'true'"},  # a value from elsewhere: not judged
        # a client-managed server (judged by the host rules, not as a Qlik Cloud config)
        {"host": "'motor-demo.com'", "qcs": None, "webIntId": None, "qsServerType": "'onPrem'"},
    ],
)
def test_a_motor_config_motor_can_read_is_silent(tmp_path: Path, changes: dict[str, str | None]) -> None:
    assert [f for f in findings(tmp_path, **changes) if f[0] == "connection-config-unread"] == []
