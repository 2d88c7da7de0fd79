"""The qlik-embed template: plain cookiecutter, the pinned package with its integrity hashes, escaping."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from mashup_gen.catalog import builtin_root
from mashup_gen.render import Template, build_context, render
from tests.conftest import APP_ID, WEB_INTEGRATION_ID
from tests.embed_support import CLIENT_ID, PACKAGE, embed_script, embeds, pinned_version

EMBED = builtin_root() / "qlik-embed"


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_integrity_hashes_are_those_of_the_pinned_npm_package() -> None:
    meta = Template.load(EMBED).variables["_embed_web_components"]
    assert meta["version"] == pinned_version()
    if not PACKAGE.is_dir():
        pytest.skip("npm install --prefix tests has not been run")
    assert meta["index_integrity"] == sri(PACKAGE / "dist" / "index.js")
    assert meta["callback_integrity"] == sri(PACKAGE / "dist" / "oauth-callback.js")


def test_pages_load_the_exact_version_with_its_hash() -> None:
    template = Template.load(EMBED)
    meta = template.variables["_embed_web_components"]
    files = render(template, build_context(template, {"client_id": CLIENT_ID, "app_id": APP_ID}))
    base = f"https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@{meta['version']}/dist/"
    index = embed_script(files["index.html"].decode())
    assert index["src"] == base + "index.js" and index["integrity"] == meta["index_integrity"]
    assert index["crossorigin"] == "anonymous"
    callback = embed_script(files["oauth-callback.html"].decode(), "oauth-callback.js")
    assert callback["src"] == base + "oauth-callback.js" and callback["integrity"] == meta["callback_integrity"]
    assert callback["data-host"] == index["data-host"] == "https://your-tenant.eu.qlikcloud.com"


def test_cookiecutter_renders_the_template_on_its_own(tmp_path: Path) -> None:
    for auth, expected in (("oauth2", ["oauth-callback.html"]), ("cookie", [])):
        command = [sys.executable, "-m", "cookiecutter", str(EMBED), "--no-input", "-o", str(tmp_path),
                   "tenant=acme.eu.qlikcloud.com", f"project_slug={auth}", f"auth={auth}"]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        project = tmp_path / auth
        names = sorted(p.name for p in project.iterdir())
        assert names == sorted([".gitignore", "README.md", "embed.css", "index.html", *expected])
        script = embed_script((project / "index.html").read_text())
        assert script["data-host"] == "https://acme.eu.qlikcloud.com"
        assert script["data-auth-type"] == {"oauth2": "Oauth2", "cookie": "cookie"}[auth]


ANSWER_SETS = [
    {"tenant": "acme.eu.qlikcloud.com", "client_id": CLIENT_ID},
    {
        "project_slug": "portal",
        "title": 'Sales </script> "quoted" & <b>bold</b>\nsecond line',
        "tenant": "http://127.0.0.1:8123",
        "auth": "cookie",
        "web_integration_id": WEB_INTEGRATION_ID,
        "app_id": APP_ID,
        "origins": "http://localhost:8000 https://www.example.com",
        "objects": {"CurrentSelections": "CurrentSelections", "kpi": "QVwQm"},
        "sheets": "nunQpgh abc-123",
        "ui": "classic",
    },
    {
        "client_id": CLIENT_ID,
        "origins": "https://a.example.com https://b.example.com:8443",
        "redirect_uri": "https://b.example.com:8443/app/oauth-callback.html",
    },
]


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_same_bytes_as_cookiecutter(tmp_path: Path, answers: dict) -> None:
    from cookiecutter.main import cookiecutter

    out = Path(cookiecutter(str(EMBED), no_input=True, output_dir=str(tmp_path), extra_context=answers))
    expected = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    template = Template.load(EMBED)
    assert render(template, build_context(template, answers)) == expected


def test_values_are_escaped_for_html() -> None:
    template = Template.load(EMBED)
    answers = dict(ANSWER_SETS[1])
    files = render(template, build_context(template, answers))
    html = files["index.html"].decode()
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "</script> &#34;quoted&#34;" not in html
    assert [(e["ui"], e["element"]) for e in embeds(html)] == [
        ("analytics/selections", "CurrentSelections"),
        ("classic/chart", "kpi"),
        ("classic/app", "sheet-nunQpgh"),
        ("classic/app", "sheet-abc-123"),
    ]
    assert "oauth-callback.html" not in files
