"""config-no-id: a ``{host, isSecure}`` object is the capability API's config only in a project that loads the
capability API (js/qlik) or calls openApp. In one that never does, it configures another library (an engine
connection such as qlik-hooks' ``useConnectEngine`` or RxQ's ``connectSession``), whose way of sending a web
integration id the check cannot see: a warning that names the call, not the capability API's error."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

ENGINE_HOOK = f"""import React from "react"
import {{ useConnectEngine }} from "qlik-hooks"

const config = {{
  host: "{TENANT}",
  isSecure: true,
}}

export default function Chart() {{
  const engine = useConnectEngine(config)
  return <div>{{String(Boolean(engine))}}</div>
}}
"""
CAPABILITY = f"""const config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true }};
require.config({{ baseUrl: "https://{TENANT}/resources" }});
require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}", config); }});
"""
PAGE = '<!doctype html>\n<div id="root"></div>\n<script type="module" src="src/main.jsx"></script>\n'


def findings(root: Path) -> dict[str, str]:
    return {f.rule: f.message for f in check_paths([str(root)]).sorted() if "config-no-id" in f.rule}


def test_an_engine_library_config_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE, "src/main.jsx": ENGINE_HOOK})
    found = findings(tmp_path)
    assert list(found) == ["library-config-no-id"]
    assert "useConnectEngine()" in found["library-config-no-id"]


def test_the_capability_api_config_without_an_id_is_still_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE.replace("src/main.jsx", "src/main.js"), "src/main.js": CAPABILITY})
    assert "config-no-id" in findings(tmp_path)
    assert "library-config-no-id" not in findings(tmp_path)


def test_a_config_handed_to_nothing_is_a_warning(tmp_path: Path) -> None:
    # Not handed to any call (a URL built from it by hand) in a project that never loads js/qlik nor calls openApp:
    # what it is for is not known, so a missing id is a warning (test_check_config_of_nothing.py).
    code = f'const config = {{ host: "{TENANT}", isSecure: true }};\nconsole.log(config);\n'
    write(tmp_path, {"index.html": PAGE.replace("src/main.jsx", "src/main.js"), "src/main.js": code})
    assert list(findings(tmp_path)) == ["library-config-no-id"]
