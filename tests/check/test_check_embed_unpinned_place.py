"""embed-unpinned points at the package's URL, the value to change (a version to pin), not at the first line of
a script tag whose attributes run over many lines."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

PAGE = f"""<!doctype html><html><head>
<script
  crossorigin="anonymous"
  type="application/javascript"
  src="https://unpkg.com/@qlik/embed-web-components%s"
  data-host="https://{TENANT}"
  data-web-integration-id="{ID}"
></script></head><body><qlik-embed ui="analytics/selections" app-id="{APP}"></qlik-embed></body></html>
"""


def unpinned(root: Path) -> list[int]:
    return [f.line for f in check_paths([str(root)]).findings if f.rule == "embed-unpinned"]


def test_the_url_line(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE % ""})
    assert unpinned(tmp_path) == [5]


def test_an_exact_version_is_silent(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": PAGE % "@1.6.0/dist/index.js"})
    assert unpinned(tmp_path) == []


def test_the_fix_names_the_file_the_tag_loads(tmp_path: Path) -> None:
    callback = (
        '<!doctype html><html><head><script crossorigin="anonymous" data-host="https://' + TENANT + '" '
        'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1/dist/oauth-callback.js"></script></head></html>\n'
    )
    write(tmp_path, {"index.html": PAGE % "@1/dist/index.js", "oauth-callback.html": callback})
    found = check_paths([str(tmp_path)]).findings
    fixes = {f.path.rsplit("/", 1)[-1]: f.fix for f in found if f.rule == "embed-unpinned"}
    assert "@1.6.0/dist/oauth-callback.js" in fixes["oauth-callback.html"]
    assert "@1.6.0/dist/index.js" in fixes["index.html"] and "oauth-callback" not in fixes["index.html"]
