"""qlik-embed settings written as <meta name="qlik-embed-..."> tags by a classic script the page runs before the
loader (document.createElement("meta") for each setting): the loader reads them, so the page has its host. A
script making other meta tags leaves a page with no host a finding."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

CLIENT = "0123456789abcdef0123456789abcdef"
SETTINGS = f"""(function () {{
  var settings = {{ host: "https://{TENANT}", "auth-type": "Oauth2", "client-id": "{CLIENT}",
    "redirect-uri": "https://intranet.example.com/index.html" }};
  Object.keys(settings).forEach(function (name) {{
    var meta = document.createElement("meta");
    meta.name = "qlik-embed-" + name;
    meta.content = settings[name];
    document.head.appendChild(meta);
  }});
}})();
"""


def _project(root: Path, config: str) -> Path:
    return write(
        root,
        {
            "index.html": '<!doctype html><html><head>\n<script src="js/settings.js"></script>\n'
            '<script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/'
            'dist/index.js"></script>\n</head><body>\n'
            f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDE"></qlik-embed>\n</body></html>\n',
            "js/settings.js": config,
        },
    )


def _host_errors(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "embed-no-host"]


def test_meta_tags_written_by_a_script_give_the_host(tmp_path: Path) -> None:
    _project(tmp_path, SETTINGS)
    assert _host_errors(tmp_path) == []


def test_a_script_writing_other_meta_tags_gives_no_host(tmp_path: Path) -> None:
    other = 'var m = document.createElement("meta");\nm.name = "theme-color";\ndocument.head.appendChild(m);\n'
    _project(tmp_path, other)
    assert _host_errors(tmp_path) == [("embed-no-host", 3)]
