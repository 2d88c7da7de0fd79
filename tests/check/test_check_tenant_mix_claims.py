"""tenant-mixed claims that a project's files point at two tenants where they mean one. A correct shape it must
stay silent on: server code that names several tenants itself (a tool copying apps from one tenant to another, a
backend serving several customers' tenants). A page whose code talks to another tenant, a link to another
tenant's login, and a server naming one other tenant than the page's, are still a mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, EMBED_LOADER, write

BODY = f'<qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed>\n'
MIGRATE = (
    "const source = process.env.SOURCE || 'acme-dev.eu.qlikcloud.com';\n"
    "const target = process.env.TARGET || 'acme.us.qlikcloud.com';\n"
    "const key = { Authorization: `Bearer ${process.env.QLIK_API_KEY}` };\n"
    "fetch(`https://${source}/api/v1/apps/${process.argv[2]}/export`, { method: 'POST', headers: key })\n"
    "  .then((r) => r.blob())\n"
    "  .then((b) => fetch(`https://${target}/api/v1/apps/import`, { method: 'POST', headers: key, body: b }));\n"
)
NODE = '{"scripts":{"migrate":"node scripts/migrate.js"}}'


def page(extra: str) -> str:
    return f"<!doctype html><html><head>\n{EMBED_LOADER}\n</head><body>\n{BODY}{extra}</body></html>\n"


def mixed(root: Path) -> list[str]:
    return [Path(f.path or "").name for f in check_paths([str(root)]).findings if f.rule == "tenant-mixed"]


@pytest.mark.parametrize(
    "files",
    [
        {"index.html": page(""), "scripts/migrate.js": MIGRATE, "package.json": NODE},
    ],
    ids=["server naming two tenants"],
)
def test_no_mix(tmp_path: Path, files: dict[str, str]) -> None:
    write(tmp_path, files)
    assert mixed(tmp_path) == []


@pytest.mark.parametrize(
    "files",
    [
        {"index.html": page("<script>fetch('https://other.us.qlikcloud.com/api/v1/users/me');</script>\n")},
        {"index.html": page('<a href="https://other.us.qlikcloud.com/login?returnto=x">Sign in</a>\n')},
        {
            "index.html": page(""),
            "scripts/report.js": "fetch('https://other.us.qlikcloud.com/api/v1/items', { headers: { Authorization: "
            "`Bearer ${process.env.KEY}` } });\n",
            "package.json": '{"scripts":{"report":"node scripts/report.js"}}',
        },
    ],
    ids=["page's request", "login link", "server naming one other tenant"],
)
def test_still_a_mix(tmp_path: Path, files: dict[str, str]) -> None:
    write(tmp_path, files)
    assert mixed(tmp_path) != []
