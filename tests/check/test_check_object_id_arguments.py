"""An object id left as a placeholder where a Qlik call takes it: the capability API's
``app.getObject(element, '<OBJECT_ID>')`` and nebula.js's ``n.render({ element, id: 'YOUR_OBJECT_ID' })``
(in a React component here). A real id, or one the code computes, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import APP, ID, TENANT, page, signed_in, write

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script type="module" src="/src/Chart.jsx"></script></body></html>'
NEBULA = """import { useEffect, useRef } from 'react';
import { embed } from '@nebula.js/stardust';
export default function Chart({ app }) {
  const ref = useRef(null);
  useEffect(() => {
    const n = embed(app, { types: [] });
    n.render({ element: ref.current, id: @ID@ });
  }, [app]);
  return <div ref={ref} />;
}
"""


def placeholders(root: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize(("value", "flagged"), [("'<OBJECT_ID>'", True), ("'jVfmGat'", False), ("props.id", False)])
def test_nebula_render_id(tmp_path: Path, value: str, flagged: bool) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "n", "dependencies": {"react": "18", "@nebula.js/stardust": "4"}}',
            "index.html": PAGE,
            "src/Chart.jsx": NEBULA.replace("@ID@", value),
        },
    )
    assert placeholders(tmp_path) == ([("Chart.jsx", 7)] if flagged else [])


@pytest.mark.parametrize(("value", "flagged"), [("YOUR_OBJECT_ID", True), ("nunQpgh", False)])
def test_capability_get_object_id(tmp_path: Path, value: str, flagged: bool) -> None:
    mashup = (
        f'var config = {{ host: "{TENANT}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};\n'
        f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});\n'
        f'require(["js/qlik"], function (qlik) {{\n'
        f'  qlik.openApp("{APP}", config).getObject("QV01", "{value}");\n}});\n'
    )
    write(tmp_path, {"index.html": page(body='<div id="QV01"></div>\n', script=signed_in(mashup))})
    found = placeholders(tmp_path)
    assert (len(found) == 1) is flagged
