"""placeholder: the production build reads ``.env.production`` over ``.env`` (Vite, Create React App, Vue CLI,
Next.js), so a placeholder in ``.env`` for a variable ``.env.production`` sets to a real value is a developer's
default, never deployed. Without that override (or with a placeholder in ``.env.production`` too) it is still
what the deployed app runs with."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

PAGE = '<!doctype html>\n<div id="root"></div>\n<script type="module" src="/src/main.js"></script>\n'
MAIN = "fetch(`${import.meta.env.VITE_QLIK_HOST}/api/v1/users/me`, { credentials: 'include' });\n"
VITE = '{"devDependencies": {"vite": "5"}}'
BASE = "VITE_QLIK_HOST=https://your-tenant.us.qlikcloud.com\n"


def placeholders(root: Path) -> list[str]:
    return [Path(f.path).name for f in check_paths([str(root)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize(
    ("production", "expected"),
    [
        ("VITE_QLIK_HOST=https://acme.eu.qlikcloud.com\n", []),
        (None, [".env"]),
        ("VITE_QLIK_HOST=https://your-tenant.eu.qlikcloud.com\n", [".env", ".env.production"]),
        ("VITE_OTHER=x\n", [".env"]),
    ],
    ids=["overridden", "no production file", "placeholder in both", "another variable"],
)
def test_a_dotenv_placeholder_the_production_file_overrides(tmp_path: Path, production: str | None, expected) -> None:
    files = {
        "index.html": PAGE,
        "src/main.js": MAIN,
        ".env": BASE,
        "package.json": '{"devDependencies": {"vite": "5"}}',
    }
    if production is not None:
        files[".env.production"] = production
    write(tmp_path, files)
    assert placeholders(tmp_path) == expected
