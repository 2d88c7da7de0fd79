"""An object of settings left empty for the reader to fill in (``const config = { host: '', appId: '' }``) whose
properties the engine socket's URL or ``openDoc`` reads (``wss://${config.host}/app/${config.appId}``) opens no
tenant and no app: each empty value is a placeholder, reported where it is written. The same object filled in,
or one the code fills in later (``config.host = location.host``), is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

PAGE = """<!doctype html><html><body>
<script src="https://unpkg.com/enigma.js/enigma.min.js"></script>
<script>
const config = {{
  host: '{host}',
  appId: '{app}',
  {base}: '/'
}};
{later}
const session = enigma.create({{
  url: `wss://${{config.host}}${{config.{base}}}app/${{config.appId}}?qlik-web-integration-id=${{id}}&qlik-csrf-token=${{t}}`,
  schema,
}});
session.open().then(global => global.openDoc(config.appId));
</script></body></html>
"""


def placeholders(path: Path) -> list[tuple[str, int]]:
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted() if f.rule == "placeholder"]


@pytest.mark.parametrize("base", ["proxy", "prefix"])
def test_empty_settings_the_engine_url_reads_are_placeholders(tmp_path: Path, base: str) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(host="", app="", later="", base=base))
    assert placeholders(tmp_path) == [("index.html", 5), ("index.html", 6)]


@pytest.mark.parametrize("base", ["proxy", "prefix"])
@pytest.mark.parametrize(
    ("host", "app", "later"),
    [
        ("acme.eu.qlikcloud.com", "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e", ""),
        ("", "", "config.host = location.host; config.appId = new URLSearchParams(location.search).get('app');"),
    ],
)
def test_filled_in_or_set_later_is_silent(tmp_path: Path, host: str, app: str, later: str, base: str) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(host=host, app=app, later=later, base=base))
    assert placeholders(tmp_path) == []
