"""Code that picks one tenant per deployment from a lookup with a fallback: ``var host = { localhost:
'https://acme-dev...' }[location.hostname] || 'https://acme...'`` (an OAuth callback page serving the developer's
machine and production). The two tenants are alternatives of one expression, chosen at run time, not a mix-up:
no tenant-mixed. Two tenants in two separate statements are still a mix."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

LOOKUP = (
    "var host = {{ localhost: 'https://acme-dev.eu.qlikcloud.com' }}[location.hostname] {op} 'https://{tenant}';\n"
    "var s = document.createElement('script');\n"
    "s.src = 'https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js';\n"
    "s.setAttribute('data-host', host);\ndocument.head.appendChild(s);\n"
)
SEPARATE = (
    "var dev = 'https://acme-dev.eu.qlikcloud.com';\nvar host = 'https://{tenant}';\n"
    "var s = document.createElement('script');\n"
    "s.src = 'https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js';\n"
    "s.setAttribute('data-host', host);\ndocument.head.appendChild(s);\nconsole.log(dev);\n"
)
EMBED = (
    '<!doctype html><html><head><script crossorigin="anonymous" src="https://cdn.jsdelivr.net/npm/'
    f'@qlik/embed-web-components@1.6.0/dist/index.js" data-host="https://{TENANT}" data-client-id='
    '"3f2a9c1b7e6d4a8f9b0c1d2e3f4a5b6c" data-redirect-uri="https://bi.example.com/oauth-callback.html"></script>'
    '</head><body><qlik-embed ui="classic/app" app-id="1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"></qlik-embed>'
    "</body></html>\n"
)


def mixed(root: Path, script: str) -> list[str]:
    callback = f"<!doctype html><html><head><script>\n{script}</script></head><body></body></html>\n"
    write(root, {"index.html": EMBED, "oauth-callback.html": callback})
    return [Path(f.path or "").name for f in check_paths([str(root)]).findings if f.rule == "tenant-mixed"]


def test_a_lookup_with_a_fallback(tmp_path: Path) -> None:
    assert mixed(tmp_path, LOOKUP.format(op="||", tenant=TENANT)) == []


def test_a_lookup_with_a_nullish_fallback(tmp_path: Path) -> None:
    assert mixed(tmp_path, LOOKUP.format(op="??", tenant=TENANT)) == []


def test_two_statements_are_a_mix(tmp_path: Path) -> None:
    assert mixed(tmp_path, SEPARATE.format(tenant=TENANT)) == ["oauth-callback.html"]
