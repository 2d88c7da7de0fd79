"""env-not-in-browser across Next.js's client boundary: a module a "use client" component imports (relatively or
through the ``@/`` alias, at any depth) is bundled for the browser with it, and the pages router's pages render
in the browser too; a Qlik setting read there from a variable without NEXT_PUBLIC_ is undefined in the page.
A server-only module ("use server", ``import "server-only"``), a server component's module, and a page's
getServerSideProps read the server's environment and stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

CLIENT_ID = "0123456789abcdef0123456789abcdef"
PACKAGE = '{"name": "n", "dependencies": {"next": "14.2.0", "react": "18.2.0", "@qlik/api": "1.0.0"}}'
LAYOUT = "export default function RootLayout({ children }) {\n  return <html><body>{children}</body></html>;\n}\n"
CLIENT_PAGE = (
    '"use client";\nimport { useEffect } from "react";\nimport { connect } from "%s";\n'
    "export default function Page() {\n  useEffect(() => { connect(); }, []);\n  return <div />;\n}\n"
)
QLIK_MODULE = (
    '%simport { auth } from "@qlik/api";\nexport function connect() {\n'
    '  auth.setDefaultHostConfig({ host: process.env.%s, authType: "oauth2", clientId: "%s",'
    " redirectUri: `${location.origin}/cb` });\n}\n"
)


def unshipped(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "env-not-in-browser"]


@pytest.mark.parametrize(
    ("specifier", "module"),
    [
        ("../lib/qlik", "lib/qlik.ts"),  # relative
        ("@/lib/qlik", "lib/qlik.ts"),  # the root alias
        ("@/lib/qlik", "src/lib/qlik.ts"),  # the alias of src/
        ("../lib", "lib/index.ts"),  # a folder's index
    ],
)
def test_a_module_a_client_component_imports_is_browser_code(tmp_path: Path, specifier: str, module: str) -> None:
    app = "src/app" if module.startswith("src/") else "app"
    write(tmp_path, {"package.json": PACKAGE, f"{app}/layout.tsx": LAYOUT, f"{app}/page.tsx": CLIENT_PAGE % specifier})
    write(tmp_path, {module: QLIK_MODULE % ("", "QLIK_HOST", CLIENT_ID)})
    assert unshipped(tmp_path) == [(module.rsplit("/", 1)[-1], 3)]


def test_a_module_imported_two_steps_away_is_browser_code(tmp_path: Path) -> None:
    write(tmp_path, {"package.json": PACKAGE, "app/layout.tsx": LAYOUT, "app/page.tsx": CLIENT_PAGE % "./qlik"})
    write(tmp_path, {"app/qlik.ts": 'export { connect } from "./deep/connect";\n'})
    write(tmp_path, {"app/deep/connect.ts": QLIK_MODULE % ("", "QLIK_HOST", CLIENT_ID)})
    assert unshipped(tmp_path) == [("connect.ts", 3)]


@pytest.mark.parametrize(
    ("header", "variable", "directive"),
    [
        ("", "NEXT_PUBLIC_QLIK_HOST", '"use client";'),  # the public prefix is shipped
        ('import "server-only";\n', "QLIK_HOST", '"use client";'),  # a server-only module
        ('"use server";\n', "QLIK_HOST", '"use client";'),  # server actions
        ("", "QLIK_HOST", ""),  # a server component imports it
    ],
)
def test_server_modules_and_public_names_are_silent(tmp_path: Path, header: str, variable: str, directive: str) -> None:
    page = (CLIENT_PAGE % "../lib/qlik").replace('"use client";', directive)
    if not directive:
        page = page.replace("useEffect(() => { connect(); }, []);", "connect();").replace(
            'import { useEffect } from "react";\n', ""
        )
    write(tmp_path, {"package.json": PACKAGE, "app/layout.tsx": LAYOUT, "app/page.tsx": page})
    write(tmp_path, {"lib/qlik.ts": QLIK_MODULE % (header, variable, CLIENT_ID)})
    assert unshipped(tmp_path) == []


PAGES_ROUTER = (
    'import { useEffect } from "react";\nimport { auth } from "@qlik/api";\n'
    "export default function Home() {\n  useEffect(() => {\n"
    '    auth.setDefaultHostConfig({ host: process.env.%s, authType: "cookie", webIntegrationId: "x" });\n'
    "  }, []);\n  return <div />;\n}\n"
    "export async function getServerSideProps() {\n  return { props: { tenant: process.env.QLIK_TENANT } };\n}\n"
)


@pytest.mark.parametrize(("variable", "expected"), [("QLIK_HOST", [("index.js", 5)]), ("NEXT_PUBLIC_QLIK_HOST", [])])
def test_a_pages_router_page_is_browser_code_but_its_server_data_function_is_not(
    tmp_path: Path, variable: str, expected: list
) -> None:
    write(tmp_path, {"package.json": PACKAGE, "pages/index.js": PAGES_ROUTER % variable})
    write(tmp_path, {"pages/api/config.js": "export default (req, res) => res.json({ t: process.env.QLIK_TENANT });\n"})
    assert unshipped(tmp_path) == expected


KEY = "eyJhbGciOiJFUzM4NCIsImtpZCI6ImFiYyJ9.eyJzdWJUeXBlIjoidXNlciIsInRlbmFudElkIjoiYWJjIn0.c2lnbmF0dXJlc2ln"
KEYED = (
    "export function connect() {\n"
    '  return fetch("https://acme.eu.qlikcloud.com/api/v1/items", '
    f'{{ headers: {{ Authorization: "Bearer {KEY}" }} }});\n'
    "}\n"
)


@pytest.mark.parametrize(("directive", "expected"), [('"use client";', [("connect.ts", 2)]), ("", [])])
def test_a_module_behind_the_client_boundary_ships_its_key(tmp_path: Path, directive: str, expected: list) -> None:
    """The model's role, not only this rule: app/deep/connect.ts alone would be a server component's module."""
    page = (CLIENT_PAGE % "./qlik").replace('"use client";', directive)
    if not directive:
        page = page.replace("useEffect(() => { connect(); }, []);", "connect();")
    write(tmp_path, {"package.json": PACKAGE, "app/layout.tsx": LAYOUT, "app/page.tsx": page})
    write(tmp_path, {"app/qlik.ts": 'export { connect } from "./deep/connect";\n', "app/deep/connect.ts": KEYED})
    found = check_paths([str(tmp_path)]).sorted()
    assert [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "secret-in-code"] == expected


def test_a_type_only_import_brings_nothing_into_the_bundle(tmp_path: Path) -> None:
    page = (CLIENT_PAGE % "../lib/qlik").replace(
        'import { connect } from "../lib/qlik";',
        'import type { Options } from "../lib/qlik";\nconst connect = () => {};',
    )
    write(tmp_path, {"package.json": PACKAGE, "app/layout.tsx": LAYOUT, "app/page.tsx": page})
    write(tmp_path, {"lib/qlik.ts": QLIK_MODULE % ("export type Options = {};\n", "QLIK_HOST", CLIENT_ID)})
    assert unshipped(tmp_path) == []
