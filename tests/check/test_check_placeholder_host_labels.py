"""A tenant URL whose host is written with a placeholder label (``https://<tenant>.<region>.qlikcloud.com``,
``https://{tenant}.qlikcloud.com``, ``https://YOUR_TENANT.us.qlikcloud.com``) is a tenant left unfilled, in
whatever constant holds it; a ``{name}`` label the code fills itself (``.replace('{tenant}', name)``) is a
pattern, and a real tenant stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import ID, TENANT, write

from mashup_gen.checker import check_paths

PAGE = '<!doctype html><html><body><script src="main.js"></script></body></html>'
USE = (
    "fetch(`${BASE}/api/v1/users/me`, { credentials: 'include', headers: { 'qlik-web-integration-id': '"
    + ID
    + "' } });\n"
)


def placeholder_lines(tmp_path: Path, first: str) -> list[int | None]:
    write(tmp_path, {"index.html": PAGE, "main.js": first + USE})
    return [f.line for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize(
    "url",
    [
        "https://<tenant>.<region>.qlikcloud.com",
        "https://<tenant-name>.qlikcloud.com",
        "https://{tenant}.qlikcloud.com",
        "https://[tenant].qlikcloud.com",
        "https://acme.<region>.qlikcloud.com",
        "https://YOUR_TENANT.us.qlikcloud.com",
    ],
)
def test_a_tenant_url_with_a_placeholder_label_is_unfilled(tmp_path: Path, url: str) -> None:
    assert placeholder_lines(tmp_path, f"const BASE = '{url}';\n") == [1]


@pytest.mark.parametrize(
    "first",
    [
        f"const BASE = 'https://{TENANT}';\n",
        "const tenant = location.hash.slice(1);\n"
        "const BASE = 'https://{tenant}.eu.qlikcloud.com'.replace('{tenant}', tenant);\n",
        "const BASE = 'https://{tenant}.eu.qlikcloud.com'.replace(/\\{tenant\\}/, location.hash.slice(1));\n",
        "const BASE = location.hash.slice(1);\nconst HELP = 'e.g. https://<tenant>.<region>.qlikcloud.com';\n",
    ],
    ids=["real", "filled-by-code", "filled-by-regex", "help-text"],
)
def test_a_real_or_filled_tenant_is_silent(tmp_path: Path, first: str) -> None:
    assert placeholder_lines(tmp_path, first) == []
