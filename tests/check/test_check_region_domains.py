"""tenant-mixed: a region's own domain (``eu.qlikcloud.com``, ``us.qlikcloud.com``) is where tenants live, never a
tenant (a tenant is ``<name>.<region>.qlikcloud.com``). A multi-tenant tool's table of OAuth client ids by region
names every region, and is no second tenant; two tenants of their own still are."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, page, write

REGIONS = (
    "export const CLIENT_BY_REGION = {\n"
    "  'eu.qlikcloud.com': '96200981eed552c0af73e18d85ab6b09',\n"
    "  'us.qlikcloud.com': '1803ea5e323590d73883f4416c111e53',\n"
    "  'de.qlikcloud.com': '019b125fdf4cd13a07ec95d911f7547d',\n"
    "};\n"
    "export const isTenant = (host) => host.endsWith('.eu.qlikcloud.com');\n"
)


def mixed(root: Path) -> list[tuple[str, int | None]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "tenant-mixed"]


def test_a_table_of_region_domains_names_no_other_tenant(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page(), "js/regions.js": REGIONS})
    assert mixed(tmp_path) == []


def test_a_second_tenant_of_its_own_is_still_mixed(tmp_path: Path) -> None:
    other = "const backup = 'https://other.us.qlikcloud.com/api/v1/users/me';\n"
    write(tmp_path, {"index.html": page(), "js/regions.js": REGIONS + other})
    assert TENANT != "other.us.qlikcloud.com"
    assert mixed(tmp_path) == [("regions.js", 7)]
