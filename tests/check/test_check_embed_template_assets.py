"""A server template that loads its scripts through the framework's asset helper (Laravel's
``@vite(['resources/js/app.js'])``, django-vite's ``{% vite_asset 'js/main.js' %}``, vite_ruby's
``<%= vite_javascript_tag 'application' %>``), or a <script src> its URL helper writes (Flask's ``url_for('static',
filename='js/qlik.js')``, Django's ``{% static %}``, Laravel's ``asset()``): when the script it names adds
qlik-embed's loader (``createElement("script")`` with the package's URL) or imports the package, the page's
``<qlik-embed>`` elements are loaded, so no embed-not-loaded. A helper naming only a stylesheet, or a script
that has nothing of qlik-embed, leaves them without a loader: still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

INJECTS = (
    "export function loadQlikEmbed(tenant) {\n"
    "  const s = document.createElement('script');\n"
    "  s.src = 'https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1/dist/index.min.js';\n"
    "  s.crossOrigin = 'anonymous';\n"
    "  s.dataset.host = `https://${tenant}`;\n"
    "  s.dataset.authType = 'cookie';\n"
    f"  s.dataset.webIntegrationId = '{ID}';\n"
    "  document.head.appendChild(s);\n"
    "}\n"
    "loadQlikEmbed(document.getElementById('root').dataset.tenant);\n"
)
NOTHING = "document.querySelectorAll('.tab').forEach((tab) => tab.classList.add('ready'));\n"
ELEMENTS = (
    f'<div id="root" data-tenant="{TENANT}">\n'
    '  <qlik-embed ui="analytics/sheet" app-id="{{{{ $appId }}}}" object-id="{{{{ $sheetId }}}}"></qlik-embed>\n'
    "</div>\n"
)
BLADE = "<!DOCTYPE html>\n<html>\n<head>\n    {directive}\n</head>\n<body>\n" + ELEMENTS + "</body>\n</html>\n"


def not_loaded(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "embed-not-loaded"]


def laravel(root: Path, directive: str, script: str) -> Path:
    return write(
        root,
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "package.json": '{"devDependencies": {"vite": "^5.0.0", "laravel-vite-plugin": "^1.0.0"}}',
            "resources/views/analytics.blade.php": BLADE.format(directive=directive),
            "resources/js/qlik.js": script,
            "resources/css/app.css": "body { margin: 0; }\n",
        },
    )


@pytest.mark.parametrize(
    "directive",
    [
        "@vite(['resources/css/app.css', 'resources/js/qlik.js'])",
        '@vite("resources/js/qlik.js")',
        "{% vite_asset 'resources/js/qlik.js' %}",
        "<%= vite_javascript_tag 'qlik' %>",
        "<script src=\"{{ url_for('static', filename='js/qlik.js') }}\"></script>",
        "<script src=\"{% static 'js/qlik.js' %}\"></script>",
        "<script src=\"{{ asset('resources/js/qlik.js') }}\"></script>",
    ],
    ids=["blade-list", "blade-one", "django-vite", "vite-ruby", "flask", "django", "laravel-asset"],
)
def test_a_helper_loading_the_script_that_adds_the_loader(tmp_path: Path, directive: str) -> None:
    assert not_loaded(laravel(tmp_path, directive, INJECTS)) == []


def test_a_script_that_imports_the_package(tmp_path: Path) -> None:
    script = "import '@qlik/embed-web-components';\n"
    assert not_loaded(laravel(tmp_path, "@vite(['resources/js/qlik.js'])", script)) == []


@pytest.mark.parametrize(
    ("directive", "script"),
    [("@vite(['resources/css/app.css'])", INJECTS), ("@vite(['resources/js/qlik.js'])", NOTHING)],
    ids=["only-a-stylesheet", "a-script-without-qlik-embed"],
)
def test_without_a_loader_it_is_still_reported(tmp_path: Path, directive: str, script: str) -> None:
    assert not_loaded(laravel(tmp_path, directive, script)) == [("analytics.blade.php", 8)]
