"""Pages written in Node's and PHP's template engines (Nunjucks, Twig, Liquid, Mustache) and Astro components
are read like the other server templates and components: their markup is a page's, a value their engine fills
in (``{{ tenant }}``, ``{% if %}``, Astro's ``{appId}``) is never judged, and an Astro component's frontmatter
is code whose values travel into its markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import write

from mashup_gen.checker import check_paths

RELATIVE = (
    "<!doctype html><html><head>\n"
    '<script src="../../resources/assets/external/requirejs/require.js"></script>\n'
    "</head><body>{{ title }}</body></html>\n"
)
FILLED = (
    "<!doctype html><html><head>\n"
    '<script src="https://{{ tenant }}/resources/assets/external/requirejs/require.js"></script>\n'
    "</head><body>{% if user %}{{ user }}{% endif %}</body></html>\n"
)
LAYOUT = (
    "---\n"
    "const { title } = Astro.props;\n"
    "const clientId = import.meta.env.PUBLIC_QLIK_CLIENT_ID;\n"
    "---\n"
    "<html><head><title>{title}</title>\n"
    '<script is:inline crossorigin="anonymous" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"\n'
    '  data-host="https://{host}" data-auth-type="Oauth2" data-client-id={clientId}\n'
    '  data-redirect-uri="https://app.example.com/oauth-callback.html"></script>\n'
    "</head><body><slot /></body></html>\n"
)
INDEX = (
    "---\n"
    'import Base from "../layouts/Base.astro";\n'
    'const appId = "{app}";\n'
    "---\n"
    '<Base title="Sales">\n'
    '  <qlik-embed ui="analytics/chart" app-id={appId} object-id="xyzABC"></qlik-embed>\n'
    "</Base>\n"
)
CALLBACK = (
    '<!doctype html><html><head><script crossorigin="anonymous" type="application/javascript" '
    'data-host="https://acme.eu.qlikcloud.com" src="https://cdn.jsdelivr.net/npm/@qlik/api@2/oauth-callback.iife.js">'
    "</script></head><body></body></html>\n"
)


def errors(root: Path) -> list[tuple[str, str, int | None]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.severity.value == "error"]


@pytest.mark.parametrize("name", ["index.njk", "index.twig", "index.liquid", "index.mustache"])
def test_a_template_page_loading_qlik_relatively_is_reported(tmp_path: Path, name: str) -> None:
    # Before: the file was not read at all.
    write(tmp_path, {name: RELATIVE})
    assert ("resource-relative", name, 2) in errors(tmp_path)


@pytest.mark.parametrize("name", ["index.njk", "index.twig", "index.liquid"])
def test_values_the_engine_fills_in_are_not_judged(tmp_path: Path, name: str) -> None:
    write(tmp_path, {name: FILLED})
    assert [e for e in errors(tmp_path) if e[0].startswith(("resource-", "placeholder"))] == []


def astro_site(root: Path, host: str, app: str) -> Path:
    return write(
        root,
        {
            "package.json": '{"dependencies": {"astro": "^4.0.0"}}',
            "src/layouts/Base.astro": LAYOUT.replace("{host}", host),
            "src/pages/index.astro": INDEX.replace("{app}", app),
            "public/oauth-callback.html": CALLBACK,
        },
    )


def test_placeholders_in_an_astro_site_are_reported_where_they_are_written(tmp_path: Path) -> None:
    root = astro_site(tmp_path, "your-tenant.us.qlikcloud.com", "YOUR_APP_ID")
    assert errors(root) == [("placeholder", "Base.astro", 7), ("placeholder", "index.astro", 3)]


def test_a_filled_in_astro_site_is_silent(tmp_path: Path) -> None:
    # The page's <qlik-embed> relies on the layout's loader: an Astro page is never judged as a whole page.
    assert errors(astro_site(tmp_path, "acme.eu.qlikcloud.com", "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e")) == []
