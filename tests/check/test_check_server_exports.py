"""secret-in-code: a Next.js page's ``getServerSideProps``/``getStaticProps`` and a Remix route's ``loader``/
``action`` run on the server only (the framework leaves them out of the browser bundle), like an API route, so
a key written there is a server's key, not one the browser loads. The same key in the page's component, or in
``getInitialProps`` (which runs in the browser too), still ships to every visitor."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

KEY = "eyJhbGciOiJFUzM4NCIsImtpZCI6ImFiYyJ9.eyJzdWJUeXBlIjoidXNlciIsInRlbmFudElkIjoiYWJjIn0.c2lnbmF0dXJlc2ln"
FETCH = f'fetch("https://acme.eu.qlikcloud.com/api/v1/items", {{ headers: {{ Authorization: "Bearer {KEY}" }} }})'
SERVER_SIDE = {
    "getServerSideProps": f"export async function getServerSideProps() {{\n  const r = await {FETCH};\n"
    "  return { props: { items: (await r.json()).data } };\n}\n",
    "getStaticProps arrow": f"export const getStaticProps = async () => {{\n  const r = await {FETCH};\n"
    "  return { props: { items: (await r.json()).data } };\n};\n",
    "remix loader": f"export async function loader() {{\n  return {FETCH};\n}}\n",
}
BROWSER_SIDE = {
    "component": f"export function Items() {{\n  {FETCH};\n  return null;\n}}\n",
    "getInitialProps": f"Items.getInitialProps = async () => {{\n  const r = await {FETCH};\n  return {{}};\n}};\n"
    "export default function Items() { return null; }\n",
}
PACKAGE = '{"dependencies": {"next": "14.0.0", "react": "18.2.0", "@remix-run/node": "2.0.0"}}'


def secrets(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).sorted() if f.rule == "secret-in-code"]


@pytest.mark.parametrize("shape", sorted(SERVER_SIDE))
def test_a_key_in_a_server_only_export_stays_on_the_server(tmp_path: Path, shape: str) -> None:
    page = SERVER_SIDE[shape] + "export default function Items({ items }) { return items.length; }\n"
    write(tmp_path, {"package.json": PACKAGE, "pages/items.jsx": page})
    assert secrets(tmp_path) == []


@pytest.mark.parametrize("shape", sorted(BROWSER_SIDE))
def test_a_key_in_browser_code_of_the_page_is_still_reported(tmp_path: Path, shape: str) -> None:
    write(tmp_path, {"package.json": PACKAGE, "pages/items.jsx": BROWSER_SIDE[shape]})
    assert secrets(tmp_path) == ["secret-in-code"]


def test_a_loader_outside_a_framework_that_runs_it_is_browser_code(tmp_path: Path) -> None:
    """``export function loader()`` in a plain Vite app is a function like any other: the browser runs it."""
    write(tmp_path, {"package.json": '{"devDependencies": {"vite": "5"}}', "src/qlik.js": SERVER_SIDE["remix loader"]})
    write(tmp_path, {"index.html": '<script type="module" src="src/qlik.js"></script>\n'})
    assert secrets(tmp_path) == ["secret-in-code"]
