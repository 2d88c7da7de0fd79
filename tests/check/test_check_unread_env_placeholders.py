"""A placeholder in a .env file matters only when something reads the variable: an entry no file of the project
names (a copied template's extra lines) never reaches a page."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

ENV = (
    "VITE_QLIK_CLIENT_ID=0123456789abcdef0123456789abcdef\n"
    "VITE_TENANT_URI=https://acme.eu.qlikcloud.com\n"
    "VITE_WEB_INTEGRATION_ID=<your_web_integration_id>\n"
    "VITE_APP_ID=<your_qlik_app_id>\n"
)
MAIN = (
    "const tenant = import.meta.env.VITE_TENANT_URI;\n"
    "const clientId = import.meta.env.VITE_QLIK_CLIENT_ID;\n"
    "location.href = `${tenant}/oauth/authorize?client_id=${clientId}&response_type=code`;\n"
)
INDEX = '<script type="module" src="/src/main.js"></script>'
PACKAGE = '{"name": "app", "devDependencies": {"vite": "5"}}'


def placeholders(root: Path) -> list[tuple[str, int]]:
    return sorted(
        (f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(root)]).findings if f.rule == "placeholder"
    )


def test_entries_nobody_reads_are_left_alone(tmp_path: Path) -> None:
    write(tmp_path, {".env": ENV, "index.html": INDEX, "src/main.js": MAIN, "package.json": PACKAGE})
    assert placeholders(tmp_path) == []


def test_an_entry_the_code_reads_is_a_placeholder(tmp_path: Path) -> None:
    code = MAIN + "const appId = import.meta.env.VITE_APP_ID;\nconsole.log(appId);\n"
    write(tmp_path, {".env": ENV, "index.html": INDEX, "src/main.js": code, "package.json": PACKAGE})
    assert placeholders(tmp_path) == [(".env", 4)]
