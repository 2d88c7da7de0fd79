"""An Astro or Svelte attribute whose value is one {expression} with spaces in it (data-redirect-uri={Astro.url.origin
+ '/callback'}): computed where the page is built or served, so never judged as the literal '{Astro.url.origin'.
The attributes after it are still read."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import APP, write

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"


def astro(attrs: str) -> str:
    return (
        "---\nconst host = import.meta.env.PUBLIC_QLIK_HOST;\nconst clientId = import.meta.env.PUBLIC_QLIK_CLIENT_ID;\n"
        f'---\n<html><head><script crossorigin="anonymous" src="{SRC}" data-host={{host}} {attrs}></script></head>\n'
        f'<body><qlik-embed ui="classic/app" app-id="{APP}"></qlik-embed></body></html>\n'
    )


def errors(root: Path) -> list[str]:
    return [f.rule for f in check_paths([str(root)]).findings if f.severity.value == "error"]


def test_a_computed_redirect_uri_with_spaces_is_not_judged(tmp_path: Path) -> None:
    attrs = "data-redirect-uri={Astro.url.origin + '/callback'} data-client-id={clientId} data-auth-type=\"Oauth2\""
    write(tmp_path, {"src/pages/index.astro": astro(attrs), "package.json": '{"dependencies":{"astro":"4"}}'})
    assert errors(tmp_path) == []


def test_the_attributes_after_the_expression_are_still_read(tmp_path: Path) -> None:
    attrs = "data-redirect-uri={Astro.url.origin + '/callback'} data-auth-type=\"Oauth2\""
    write(tmp_path, {"src/pages/index.astro": astro(attrs), "package.json": '{"dependencies":{"astro":"4"}}'})
    assert errors(tmp_path) == ["embed-oauth-no-client-id"]
