"""config-no-id: a ``{host, isSecure}`` object in a project that never loads the capability API nor calls
openApp, and that is handed to no call (a store action's payload, a settings default), is not known to be the
capability API's config: a missing id there is a warning (library-config-no-id), not an error. In a mashup
that loads js/qlik it is still an error."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

ACTION = f"""export function setServer(server) {{
  return {{ type: "SET_SERVER", payload: server.port ? server : {{ host: server.host, isSecure: true }} }};
}}
export const DEFAULTS = {{ host: "{TENANT}", isSecure: true }};
"""
PAGE = '<!doctype html>\n<div id="root"></div>\n<script type="module" src="src/main.js"></script>\n'


def findings(root: Path) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in check_paths([str(root)]).sorted() if "config-no-id" in f.rule]


def test_an_object_nothing_hands_to_qlik_is_a_warning(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"index.html": PAGE, "src/main.js": 'import { setServer } from "./actions.js";\n', "src/actions.js": ACTION},
    )
    assert findings(tmp_path) == [("library-config-no-id", "warning")] * 2


def test_in_a_mashup_that_loads_js_qlik_it_is_an_error(tmp_path: Path) -> None:
    main = (
        'import { DEFAULTS } from "./actions.js";\n'
        f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
        'require(["js/qlik"], function (qlik) { qlik.openApp("a", DEFAULTS); });\n'
    )
    write(tmp_path, {"index.html": PAGE, "src/main.js": main, "src/actions.js": ACTION})
    assert ("config-no-id", "error") in findings(tmp_path)
