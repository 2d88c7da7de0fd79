"""Placeholders in a settings file the mashup's own code loads (``$.getJSON("config.json")`` before it opens the
app with its host and app id), written as instructions ("Please insert your hostname"): the app never opens.
The same file read by nothing of Qlik's is another service's settings, and a filled-in one says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, HEAD, ID, TENANT, page, signed_in, write

SETTINGS = """{
  "general": { "appid": "%s" },
  "source": {
    "host": "%s",
    "port": "443"
  }
}
"""
LOADER = f"""$.getJSON("settings/site.json", function (settings) {{
  var config = {{ host: settings.source.host, prefix: "/", port: 443, isSecure: true, webIntegrationId: "{ID}" }};
  require.config({{ baseUrl: "https://" + settings.source.host + "/resources", webIntegrationId: "{ID}" }});
  require(["js/qlik"], function (qlik) {{ qlik.openApp(settings.general.appid, config); }});
}});
"""


def placeholders(folder: Path) -> list[tuple[str, int]]:
    found = check_paths([str(folder)]).sorted()
    return [(Path(f.path).name, f.line) for f in found if f.rule == "placeholder"]


def test_instructions_left_in_a_loaded_settings_file_are_placeholders(tmp_path: Path) -> None:
    files = {
        "index.html": page(HEAD, "", signed_in(LOADER)),
        "settings/site.json": SETTINGS % ("Please insert your AppID", "Please insert your hostname"),
    }
    assert placeholders(write(tmp_path, files)) == [("site.json", 2), ("site.json", 4)]


@pytest.mark.parametrize(
    ("loader", "values"),
    [
        (LOADER, (APP, TENANT)),
        ("console.log('no Qlik here');\n", ("Please insert your AppID", "Please insert your host")),
    ],
    ids=["filled in", "not loaded by Qlik code"],
)
def test_a_filled_in_or_unrelated_settings_file_is_silent(tmp_path: Path, loader: str, values: tuple[str, str]) -> None:
    files = {"index.html": page(HEAD, "", signed_in(loader)), "settings/site.json": SETTINGS % values}
    assert placeholders(write(tmp_path, files)) == []


def test_please_before_an_instruction_is_a_placeholder_in_code(tmp_path: Path) -> None:
    code = LOADER.replace("settings.general.appid", '"Please enter the app id"')
    assert placeholders(write(tmp_path, {"index.html": page(HEAD, "", signed_in(code))})) == [("index.html", 11)]
