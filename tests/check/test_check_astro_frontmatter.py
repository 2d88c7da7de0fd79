"""secret-in-code and an Astro page: its frontmatter (between the leading --- fences) runs on the server to
render the page, so a key there never reaches the browser; the same key in the page's markup or a <script> of
its body does."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

KEY = "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.abcdefghijklmnopqrstu"
FETCH = f'fetch("https://{TENANT}/api/v1/items", {{ headers: {{ Authorization: "Bearer {KEY}" }} }})'
FRONTMATTER = f"---\nconst r = await {FETCH};\nconst items = await r.json();\n---\n"


def secrets(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "secret-in-code"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<html><body>{items.data.length}</body></html>\n", []),
        (f"<html><body><script>\n{FETCH};\n</script></body></html>\n", [("index.astro", 6)]),
    ],
)
def test_a_key_in_the_frontmatter_stays_on_the_server(tmp_path: Path, body: str, expected: list) -> None:
    write(
        tmp_path, {"package.json": '{"dependencies": {"astro": "4.0.0"}}', "src/pages/index.astro": FRONTMATTER + body}
    )
    assert secrets(tmp_path) == expected
