"""An "open in Qlik Sense" link or button to a page of a client-managed Qlik Sense server (the hub, an app, a
single object): moved to Qlik Cloud that server is gone. An error when the server is surely client-managed (a
machine's own name, an address, http, a virtual proxy, Qlik Sense Desktop); a warning for an https host by name,
which a custom tenant domain could also be. The tenant's own page, Qlik's public demo site, and a frame of such a
page (frame-client-managed's) are no finding of this rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import SIGNED_IN, TENANT, page, write

from mashup_gen.checker import check_paths


def found(tmp_path: Path, script: str = "", body: str = "") -> list[tuple[str, int | None]]:
    write(tmp_path, {"index.html": page(body=body, script=SIGNED_IN + script)})
    return [(f.rule, f.line) for f in check_paths([str(tmp_path)]).sorted() if f.rule.startswith("link-")]


@pytest.mark.parametrize(
    "url",
    [
        "https://qsserver/sense/app/",
        "http://bi.example.com/hub",
        "https://bi.example.com/sales/sense/app/",
        "http://localhost:4848/single/?appid=",
        "https://10.1.2.3/sense/app/",
    ],
)
def test_a_button_opening_a_client_managed_page_is_an_error(tmp_path: Path, url: str) -> None:
    script = f'window.openInSense = function (id) {{ window.open("{url}" + id); }};\n'
    assert found(tmp_path, script) == [("link-client-managed", 12)]


def test_a_link_to_a_named_https_host_is_a_warning(tmp_path: Path) -> None:
    body = '<a href="https://bi.example.com/sense/app/1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e">Open</a>\n'
    assert found(tmp_path, body=body) == [("link-not-cloud", 6)]


@pytest.mark.parametrize(
    "url", [f"https://{TENANT}/sense/app/", "https://sense-demo.qlik.com/sense/app/", "https://bi.example.com/news"]
)
def test_the_tenant_qliks_demo_site_and_other_pages_are_silent(tmp_path: Path, url: str) -> None:
    assert found(tmp_path, f'window.open("{url}");\n', f'<a href="{url}">x</a>\n') == []


def test_a_frame_is_left_to_frame_client_managed(tmp_path: Path) -> None:
    script = 'var f = document.createElement("iframe");\nf.src = "http://qsserver/single/?appid=x&obj=y";\n'
    assert found(tmp_path, script) == []
