"""client-managed-api: a module path named after the API (``import { QrsConfig } from '../model/qrs/QrsConfig'``,
``require('./qps/ticket')``) is a source file of the project, not a request to the QRS or the proxy. The request
the module makes is still reported where it is written."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

SERVICE = (
    "import { QrsConfig } from '../model/qrs/QrsConfig';\n"
    "import '../qps/setup';\n"
    "const ticket = require('./qps/ticket');\n"
    "export const config: QrsConfig = { host: 'sense.example.com' };\n"
)


def reported(root: Path) -> list[int | None]:
    return [f.line for f in check_paths([str(root)]).sorted() if f.rule == "client-managed-api"]


def test_module_paths_named_after_the_api_are_not_requests(tmp_path: Path) -> None:
    write(tmp_path, {"package.json": "{}", "src/services/QrsService.ts": SERVICE})
    assert reported(tmp_path) == []


def test_the_request_such_a_module_makes_is_still_reported(tmp_path: Path) -> None:
    request = "export const about = () => fetch(`https://${config.host}/qrs/about?xrfkey=0123456789abcdef`);\n"
    write(tmp_path, {"package.json": "{}", "src/services/QrsService.ts": SERVICE + request})
    assert reported(tmp_path) == [5]
