"""A URL whose host says it stands for the reader's Qlik server (``https://your-qlik-url/sales``,
``https://your_tenant/single/...``): a placeholder wherever it is written, a JSX prop handed to a component that
frames it too, even without a Qlik path after it. A real tenant, or another service's "your" host with nothing of
Qlik in its name, says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

MANIFEST = (
    '{"name": "portal", "dependencies": {"react": "18.2.0", "react-router-dom": "6"}, "devDependencies": {"vite": "5"}}'
)
PAGE = '<!doctype html><div id="root"></div><script type="module" src="/src/main.jsx"></script>\n'
ROUTES = """import {{ createRoot }} from "react-dom/client";
import {{ BrowserRouter, Routes, Route }} from "react-router-dom";
const Frame = ({{ url }}) => <iframe src={{url}} title="report" />;
createRoot(document.getElementById("root")).render(
  <BrowserRouter><Routes>
    <Route path="/sales" element={{<Frame url="{url}" />}} />
  </Routes></BrowserRouter>
);
"""


def placeholders(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "placeholder"]


@pytest.mark.parametrize("url", ["https://your-qlik-url/sales", "https://your_tenant/single/?appid=x&sheet=y"])
def test_a_host_named_for_your_qlik_server_is_a_placeholder(tmp_path: Path, url: str) -> None:
    files = {"package.json": MANIFEST, "index.html": PAGE, "src/main.jsx": ROUTES.format(url=url)}
    assert placeholders(write(tmp_path, files)) == [("main.jsx", 6)]


@pytest.mark.parametrize(
    "url", [f"https://{TENANT}/single/?appid={APP}&sheet=abc", "https://your-company.example.org/sales"]
)
def test_a_real_tenant_or_another_services_host_is_silent(tmp_path: Path, url: str) -> None:
    files = {"package.json": MANIFEST, "index.html": PAGE, "src/main.jsx": ROUTES.format(url=url)}
    assert placeholders(write(tmp_path, files)) == []
