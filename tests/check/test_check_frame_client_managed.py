"""Iframes of a client-managed Qlik Sense server's pages (Qlik Sense Desktop's single-object page on
localhost:4848, the hub or the QMC of a server on the intranet, a virtual proxy's app page): moved to Qlik Cloud
that server is gone. An https host by name with Qlik Cloud's own paths may be a custom tenant domain (a
warning); the tenant's own pages and links that are not framed say nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

RULES = ("frame-client-managed", "frame-not-cloud")


def frames(folder: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, Path(f.path).name, f.line) for f in check_paths([str(folder)]).sorted() if f.rule in RULES]


def html(src: str) -> str:
    return (
        f'<!doctype html>\n<html><body>\n<h1>Sales</h1>\n<iframe src="{src}" width="100%"></iframe>\n</body></html>\n'
    )


@pytest.mark.parametrize(
    "src",
    [
        "http://localhost:4848/single/?appid=C%3A%5CUsers%5Cme%5CSales.qvf&obj=jTuCwkB&opt=ctxmenu",
        "http://bi.intranet.example/qmc",
        "https://sense.example.com/sso/sense/app/" + APP + "/sheet/abc/state/analysis",
        "http://10.0.3.245/QMC/",
    ],
)
def test_an_iframe_of_a_client_managed_server_page_is_an_error(tmp_path: Path, src: str) -> None:
    assert frames(write(tmp_path, {"index.html": html(src)})) == [("frame-client-managed", "index.html", 4)]


def test_a_jsx_iframe_of_qlik_sense_desktop_is_an_error(tmp_path: Path) -> None:
    component = (
        "export default function Branches({ branch }) {\n  return (\n    <div>\n      <iframe\n"
        "        src={`http://localhost:4848/single/?appid=Sales.qvf&obj=gdjPXv&select=$::Branch,${branch}`}\n"
        "      />\n    </div>\n  );\n}\n"
    )
    folder = write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"react": "18"}}',
            "src/Branches.jsx": component,
            "src/index.js": "import Branches from './Branches';\n",
        },
    )
    assert frames(folder) == [("frame-client-managed", "Branches.jsx", 5)]


def test_a_named_https_host_with_cloud_paths_is_only_a_warning(tmp_path: Path) -> None:
    src = f"https://analytics.example.com/sense/app/{APP}/sheet/abc"
    assert frames(write(tmp_path, {"index.html": html(src)})) == [("frame-not-cloud", "index.html", 4)]


@pytest.mark.parametrize(
    "page",
    [
        html(f"https://{TENANT}/single/?appid={APP}&obj=jTuCwkB&opt=ctxmenu"),
        html("https://www.youtube.com/embed/abc"),
        '<!doctype html>\n<html><body><a href="http://localhost:4848/hub">Desktop hub</a></body></html>\n',
    ],
)
def test_tenant_frames_other_frames_and_links_are_silent(tmp_path: Path, page: str) -> None:
    assert frames(write(tmp_path, {"index.html": page})) == []


# QlikView's management console (its Management Service answers on port 4780: http://server:4780/QMC/) is not
# Qlik Sense's: moving Qlik Sense to Qlik Cloud leaves a QlikView server where it is.
@pytest.mark.parametrize("src", ["http://10.0.3.245:4780/QMC/", "http://qv.intranet.example:4780/qmc/SystemSetup.htm"])
def test_an_iframe_of_qlikview_s_management_console_is_not_qlik_sense(tmp_path: Path, src: str) -> None:
    assert frames(write(tmp_path, {"index.html": html(src)})) == []
