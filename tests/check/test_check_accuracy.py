"""`check` reads real-world code as an expert does: the file kinds it reads, scripts injected from JavaScript,
placeholders, missing files, facts stated in more than one way, client-managed servers, double slashes and web
apps. Each class on small inputs; the corpus (tests/corpus) holds whole projects of each."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from check_support import APP, HEAD, ID, LOGIN, SIGNED_IN, TENANT, page, write
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mashup_gen.checker import check_paths
from mashup_gen.checker.expressions import is_dynamic
from mashup_gen.checker.facts.placeholders import is_placeholder
from mashup_gen.checker.js import Script
from mashup_gen.checker.scan import file_kind


def findings(path: Path) -> list[tuple[str, str, int | None]]:
    """``(rule, file name, line)`` of every finding."""
    return [(f.rule, Path(f.path or "").name, f.line) for f in check_paths([str(path)]).sorted()]


def rules(path: Path) -> list[str]:
    return [rule for rule, _, _ in findings(path)]


# -- the files it reads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.ts", "script"), ("a.tsx", "script"), ("a.jsx", "script"), ("a.mjs", "script"), ("a.cjs", "script"),
        ("a.vue", "page"), ("a.php", "page"), ("a.blade.php", "page"), ("a.ejs", "page"), ("a.hbs", "page"),
        ("a.html.erb", "page"), ("a.jinja", "page"), ("a.j2", "page"), ("a.cshtml", "page"), ("A.HTM", "page"),
        ("types.d.ts", None), ("a.css", None), ("a.json", "config"), (".env.production", "config"),
        ("package-lock.json", None),
    ],
)  # fmt: skip
def test_file_kinds(name: str, kind: str | None) -> None:
    assert file_kind(name) == kind


@pytest.mark.parametrize("suffix", [".ts", ".tsx", ".jsx", ".mjs", ".cjs"])
def test_a_script_of_any_kind_is_read(tmp_path: Path, suffix: str) -> None:
    call = f'fetch("https://{TENANT}/api/v1/items", {{ credentials: "include" }});'
    code = f"export const load = (): void => {{ {call} }};\n"
    write(tmp_path, {f"app{suffix}": LOGIN + code})
    assert findings(tmp_path / f"app{suffix}") == [("rest-no-web-integration-id", f"app{suffix}", 2)]


def test_a_vue_component_is_read_template_and_script(tmp_path: Path) -> None:
    vue = (
        '<template>\n  <div :title="name">{{ name }}</div>\n  <img src="./missing.png">\n</template>\n'
        '<script setup lang="ts">\nconst name: string = "x";\n'
        f'fetch(`https://{TENANT}/api/v1/spaces`, {{ headers: {{ "qlik-web-integration-id": "{ID}" }} }});\n'
        "</script>\n"
    )
    write(tmp_path, {"Board.vue": vue, "login.js": LOGIN})
    assert findings(tmp_path) == [("rest-no-credentials", "Board.vue", 7)]


def test_a_file_checked_alone_is_read_with_the_modules_it_imports(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.ts": 'import { signIn } from "./session";\nimport Board from "./Board.vue";\nsignIn();\n',
        "session.ts": LOGIN,
        "Board.vue": f'<script>\nfetch("https://{TENANT}/api/v1/spaces", {{ credentials: "include" }});\n</script>\n',
    })  # fmt: skip
    assert findings(tmp_path / "main.ts") == [("rest-no-web-integration-id", "Board.vue", 2)]


@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("index.php", '<?php $t = getenv("T"); if ($a > 1) { echo "<b>"; } ?>\n<div data-host="<?= $t ?>"></div>'
         '\n<script>var config = { host: "<?= $t ?>", prefix: "<?= $p ?>", port: 443, isSecure: true, '
         'webIntegrationId: "<?= $id ?>" };</script>'),
        ("view.ejs", '<% if (user) { %><script src="<%= base %>/js/app.js"></script><% } %>\n<script>'
         'var config = { host: "<%= host %>", prefix: "/", port: 443, isSecure: true, webIntegrationId: "<%- id %>" };'
         "qlik.openApp('<%= appId %>', config);</script>"),
        ("report.hbs", '{{> header}}{{#if ok}}<script src="{{base}}/js/app.js"></script>{{/if}}\n<script>'
         'var config = { host: "{{host}}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "{{id}}" };'
         "</script>"),
        ("page.jinja", '{% block body %}<script src="{{ url_for(\'static\', filename=\'a.js\') }}"></script>'
         '<script>var config = { host: "{{ host }}", prefix: "/", port: 443, isSecure: true, '
         'webIntegrationId: "{{ id }}" };</script>{% endblock %}'),
        ("show.html.erb", '<%= javascript_include_tag "app" %><div data-web-integration-id="<%= @id %>"></div>'),
        ("_Layout.cshtml", '@{ var t = Config["T"]; }\n<script src="~/js/site.js"></script>\n'
         '<script src="@Url.Content("~/js/other.js")"></script>\n<script>var config = { host: "@Model.Host", '
         'prefix: "/", port: 443, isSecure: true, webIntegrationId: "@Model.Id" };</script>'),
        ("depot.blade.php", '@if($ok)<script>var config = { host: "{{ $host }}", prefix: "/", port: 443, '
         'isSecure: true, webIntegrationId: "{!! $id !!}" };</script>@endif\n@vite([\'resources/js/app.js\'])'),
        ("mashup.blade.php", '<script src="@php echo asset($js_login) @endphp"></script>\n<script>'
         "var webIntegrationId = '@php echo $conf->webIntegrationId @endphp';\n"
         'var api_key = "{{CRUDBooster::getSetting(\'google_api_key\')}}";</script>'),
    ],
)  # fmt: skip
def test_server_template_values_are_never_judged(tmp_path: Path, name: str, template: str) -> None:
    write(tmp_path, {name: template, "js/site.js": "", "wwwroot/js/site.js": ""})
    assert rules(tmp_path) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=string.printable + "<>{}%?@$", max_size=300))
def test_any_server_template_text_never_crashes(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("tpl")
    write(folder, {"page.php": f"<html><body>{text}<script>{text}</script></body></html>", "page.vue": text})
    report = check_paths([str(folder)])
    assert all(f.rule != "check-internal-error" for f in report.findings)


def test_typescript_declarations_with_a_type_are_followed() -> None:
    script = Script('const headers: Record<string, string> = { "x": "y" };\nlet n: number = 2;')
    assert set(script.declarations) == {"headers", "n"}
    assert script.span_text(*script.declarations["headers"]) == '{ "x": "y" }'


# -- scripts and stylesheets injected from JavaScript ---------------------------------------------------


@pytest.mark.parametrize(
    "loader",
    [
        # a template literal with the tenant in a variable
        "const base = 'https://" + TENANT + "';\nconst s = document.createElement('script');\n"
        "s.src = `${base}/resources/assets/external/requirejs/require.js`;\ndocument.head.appendChild(s);\n"
        "const l = document.createElement('link'); l.rel = 'stylesheet';\n"
        "l.href = `${base}/resources/autogenerated/qlik-styles.css`; document.head.appendChild(l);\n",
        # string joins and setAttribute
        "var base = 'https://" + TENANT + "';\nvar s = document.createElement('script');\n"
        "s.setAttribute('src', base + '/resources/assets/external/requirejs/require.js');\n"
        "var l = document.createElement('link'); l.href = base + '/resources/autogenerated/qlik-styles.css';\n",
        # absolute URLs written out
        f"var s = document.createElement('script'); s.src = 'https://{TENANT}/resources/assets/external/requirejs/"
        f"require.js';\nvar l = document.createElement('link'); l.href = 'https://{TENANT}/resources/autogenerated/"
        "qlik-styles.css';\n",
    ],
)
def test_injected_require_and_styles_are_loaded(tmp_path: Path, loader: str) -> None:
    write(tmp_path, {"index.html": page(head="", script=loader + SIGNED_IN)})
    assert rules(tmp_path) == []


def test_a_loader_in_a_root_relative_module_is_the_pages(tmp_path: Path) -> None:
    loader = (
        f"const s = document.createElement('script');\ns.src = 'https://{TENANT}/resources/assets/external/"
        "requirejs/require.js';\n"
    )
    write(tmp_path, {
        "index.html": page(head="", body='<script type="module" src="/src/boot.js"></script>\n'),
        "src/boot.js": loader,
    })  # fmt: skip
    assert rules(tmp_path) == ["resource-missing-styles"]


# -- placeholders -----------------------------------------------------------------------------------------

PLACEHOLDER_CASES = [
    (f'host: "{TENANT}"', 'host: "your-tenant.us.qlikcloud.com"', "your-tenant.us.qlikcloud.com"),
    (f'host: "{TENANT}"', 'host: "my-tenant.qcs.com"', "my-tenant.qcs.com"),
    (f'host: "{TENANT}"', 'host: "<hostname>"', "<hostname>"),
    (f'host: "{TENANT}"', 'host: ""', "empty"),
    (f'host: "{TENANT}"', 'host: "your-tenant.eu.qlikcloud.com"', "your-tenant.eu.qlikcloud.com"),
    (f'webIntegrationId: "{ID}" }};', 'webIntegrationId: "<QLIK_WEB_INTEGRATION_ID>" };', "<QLIK_WEB_INTEGRATION_ID>"),
    (f'webIntegrationId: "{ID}" }};', 'webIntegrationId: "web-integration-id-here" };', "web-integration-id-here"),
    (
        f'webIntegrationId: "{ID}" }};',
        'webIntegrationId: "ReplaceWithYourWebIntegrationId00" };',
        "ReplaceWithYourWebIntegrationId00",
    ),
    (
        f'qlik.openApp("{APP}"',
        'qlik.openApp("00000000-0000-0000-0000-000000000000"',
        "00000000-0000-0000-0000-000000000000",
    ),
    ("var config =", "var settings = { appId: 'appId' };\nvar config =", "appId"),
]


@pytest.mark.parametrize(("good", "bad", "named"), PLACEHOLDER_CASES)
def test_a_placeholder_is_one_error_naming_it(tmp_path: Path, good: str, bad: str, named: str) -> None:
    script = SIGNED_IN.replace(good, bad, 1)
    assert script != SIGNED_IN
    write(tmp_path, {"index.html": page(script=script)})
    found = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert (repr(named) if named != "empty" else "is empty") in found[0].message
    others = {f.rule for f in check_paths([str(tmp_path)]).sorted()} - {"placeholder", "web-integration-id-invalid"}
    assert others == set()  # no length, mixed, tenant-mixed or app-id noise on top


def test_placeholders_in_urls_attributes_and_parameters(tmp_path: Path) -> None:
    script = (
        "fetch('https://your-tenant.us.qlikcloud.com/api/v1/users/me', { credentials: 'include' });\n"
        "var login = 'https://<tenant>/login?qlik-web-integration-id=web-integration-id-here&returnto=x';\n"
    )
    body = '<qlik-embed ui="analytics/chart" app-id="your-app-id" object-id="x"></qlik-embed>\n'
    write(tmp_path, {"index.html": page(head="", body=body, script=script)})
    named = sorted(f.message.split("'")[1] for f in check_paths([str(tmp_path)]).sorted() if f.rule == "placeholder")
    assert named == ["<tenant>", "web-integration-id-here", "your-app-id", "your-tenant.us.qlikcloud.com"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Qlik Cloud URL in the format https://tenantName.region.qlikcloud.com", False),  # a prompt
        ("Expected a URL like https://your-tenant.eu.qlikcloud.com, got nothing", False),  # a message
        ("https://your-tenant.eu.qlikcloud.com/api/v1/users/me", True),  # a URL the code calls
        ('<a href="https://your-tenant.eu.qlikcloud.com/sense/app/x">Open the app</a>', True),  # markup
    ],
)
def test_a_placeholder_url_in_a_sentence_is_text_not_a_value(tmp_path: Path, text: str, flagged: bool) -> None:
    script = SIGNED_IN + f"var shown = {text!r};\n"
    write(tmp_path, {"index.html": page(script=script)})
    assert ("placeholder" in rules(tmp_path)) is flagged


@pytest.mark.parametrize(
    "value",
    ["acme.eu.qlikcloud.com", ID, APP, "mybank.eu.qlikcloud.com", "my-server.corp.com", "{{ tenant }}", "<%= id %>"],
)
def test_real_and_server_filled_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


@settings(max_examples=200)
@given(
    st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=32, max_size=32),
    st.uuids(),
)
def test_real_ids_are_never_placeholders(web_integration_id: str, app_id: object) -> None:
    # Real ids are random: only one that spells a placeholder's words (your..., ...here, xxx) can look like one.
    assume(not re.search(r"(?i)your|here|^(?:replace|insert|enter|put|paste|fill|add|my)|^x+$", web_integration_id))
    assume(str(app_id) != "00000000-0000-0000-0000-000000000000")
    assert not is_placeholder(web_integration_id)
    assert not is_placeholder(str(app_id))


# -- missing files ----------------------------------------------------------------------------------------


def test_missing_script_stylesheet_and_redirect_page(tmp_path: Path) -> None:
    write(tmp_path, {
        "index.html": page(
            head=HEAD + '<link rel="stylesheet" href="css/site.css">\n<link rel="icon" href="favicon.ico">\n',
            body='<script src="js/mian.js"></script>\n<script src="js/main.js?v=3"></script>\n'
            '<script src="dist/bundle.js"></script>\n<script src="/shared/util.js"></script>\n',
            script=SIGNED_IN + "var auth = { redirectUri: location.origin + '/oauth-callback.html' };\n",
        ),
        "js/main.js": "",
        "public/shared/util.js": "",
    })  # fmt: skip
    # css/site.css (a warning: styling, not Qlik), js/mian.js, /oauth-callback.html; not the favicon, a build
    # output or a root-relative path that another folder (public/) serves.
    assert findings(tmp_path) == [
        ("missing-asset", "index.html", 5),
        ("missing-file", "index.html", 8),
        ("missing-file", "index.html", 18),
    ]


def test_a_missing_content_hashed_build_output_is_not_a_missing_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "index.html": page(
            body='<script src="/main/main.869dd763.js"></script>\n'
            '<link rel="stylesheet" href="app.3f2a1b9c.chunk.css">\n'
            '<script src="js/settings.js"></script>\n<script src="js/app-deadbeef.js"></script>\n',
            script=SIGNED_IN,
        ),
    })  # fmt: skip
    # The hashed names are a build's output; js/settings.js and js/app-deadbeef.js (no digit: a word, not a
    # hash) are names someone wrote (app-deadbeef.js, named for nothing of Qlik beside the page's working Qlik
    # code, is the warning missing-asset).
    assert [f[2] for f in findings(tmp_path) if f[0] in ("missing-file", "missing-asset")] == [8, 9]


def test_a_redirect_page_that_exists_is_fine(tmp_path: Path) -> None:
    write(tmp_path, {
        "index.html": page(script=SIGNED_IN + "var a = { redirect_uri: 'https://x.example.com/cb.html' };\n"),
        "auth/cb.html": "<html></html>",
    })  # fmt: skip
    assert rules(tmp_path) == []


# -- facts stated in more ways -----------------------------------------------------------------------------


def test_header_names_are_case_insensitive(tmp_path: Path) -> None:
    script = SIGNED_IN.replace('"qlik-web-integration-id": ', '"Qlik-Web-Integration-ID": ')
    write(tmp_path, {"index.html": page(script=script)})
    assert rules(tmp_path) == []


def test_a_property_assigned_after_the_literal_counts(tmp_path: Path) -> None:
    script = SIGNED_IN.replace(f', webIntegrationId: "{ID}" }};', f" }};\nconfig.webIntegrationId = '{ID}';")
    script = script.replace(f'require.config({{ baseUrl: "https://{TENANT}/resources", webIntegrationId: "{ID}" }});',
                            f'var rc = {{ baseUrl: "https://{TENANT}/resources" }};\nrc["webIntegrationId"] = "{ID}";'
                            "\nrequire.config(rc);")  # fmt: skip
    assert "config.webIntegrationId =" in script and "require.config(rc)" in script
    write(tmp_path, {"index.html": page(script=script)})
    assert rules(tmp_path) == []


def test_an_object_property_is_not_a_global_of_the_same_name(tmp_path: Path) -> None:
    script = (
        "var prefix = window.location.pathname;\n" + SIGNED_IN.replace("qlik.openApp(\"" + APP + "\", config)",
        "qlik.openApp(\"" + APP + "\", { host: config.host, prefix: config.prefix, port: config.port, "
        "isSecure: config.isSecure, webIntegrationId: config.webIntegrationId })")
    )  # fmt: skip
    write(tmp_path, {"index.html": page(script=script)})
    assert rules(tmp_path) == []


@pytest.mark.parametrize(
    ("check_401", "expected"),
    [("if (r.status === 401)", []), ("if (!r.ok)", []), ("if (r.status === 404)", ["login-no-session-check"])],
)
def test_any_credentialed_get_that_leads_to_login_is_a_session_check(
    tmp_path: Path, check_401: str, expected: list[str]
) -> None:
    script = SIGNED_IN.replace("/api/v1/users/me", "/api/v1/spaces?limit=1").replace("if (r.status === 401)", check_401)
    write(tmp_path, {"index.html": page(script=script)})
    assert rules(tmp_path) == expected


# -- client-managed servers, double slashes, web apps -----------------------------------------------------


def test_a_virtual_proxy_is_a_client_managed_server(tmp_path: Path) -> None:
    head = HEAD.replace(f"https://{TENANT}/resources/assets", "https://sense.corp.lan/hr/resources/assets")
    write(tmp_path, {"index.html": page(head=head)})
    found = check_paths([str(tmp_path)]).sorted()
    assert [f.rule for f in found] == ["resource-client-managed"]
    assert "client-managed Qlik Sense server" in found[0].message and "/hr" in found[0].message
    assert f"https://{TENANT}/resources/assets/external/requirejs/require.js" in found[0].fix


@pytest.mark.parametrize(
    "join",
    [
        f"fetch('https://{TENANT}/' + '/api/v1/items', o);",
        f"var base = 'https://{TENANT}/'; fetch(base + '/api/v1/items', o);",
        f"const base = 'https://{TENANT}/'; fetch(`${{base}}/api/v1/items`, o);",
    ],
)
def test_a_trailing_slash_joined_to_a_leading_one(tmp_path: Path, join: str) -> None:
    options = f'var o = {{ credentials: "include", headers: {{ "qlik-web-integration-id": "{ID}" }} }};\n'
    write(tmp_path, {"index.html": page(script=SIGNED_IN + options + join + "\n")})
    found = check_paths([str(tmp_path)]).sorted()
    assert [f.rule for f in found] == ["url-double-slash"]
    assert f"https://{TENANT}//api/v1/items" in found[0].message


def test_joins_without_a_double_slash_are_fine(tmp_path: Path) -> None:
    options = f'var o = {{ credentials: "include", headers: {{ "qlik-web-integration-id": "{ID}" }} }};\n'
    joins = (
        f"var base = 'https://{TENANT}'; fetch(base + '/api/v1/items', o);\nvar u = 'https://x.example.com/' + '/a';\n"
    )
    write(tmp_path, {"index.html": page(script=SIGNED_IN + options + joins)})
    assert rules(tmp_path) == []


def test_a_web_app_needs_no_qlik_resources(tmp_path: Path) -> None:
    engine = (
        f'var url = "wss://{TENANT}/app/{APP}?qlik-web-integration-id={ID}&qlik-csrf-token=" + token;\n'
        "enigma.create({ schema: schema, url: url }).open();\n"
        'require.config({ baseUrl: "js/lib", paths: { d3: "d3.min" } });\nrequire(["d3"], function (d3) {});\n'
    )
    head = '<script src="https://cdn.jsdelivr.net/npm/enigma.js@2/enigma.min.js"></script>\n'
    write(tmp_path, {"index.html": page(head=head, script=LOGIN + engine)})
    assert rules(tmp_path) == []


def test_is_dynamic() -> None:
    assert all(map(is_dynamic, ["{{ x }}", "{% y %}", "<%= z %>", "<?= $t ?>", "@Model.Host", "https://@t/r", "${a}"]))
    assert not any(map(is_dynamic, ["https://cdn/npm/@qlik/embed-web-components", "a@b.com", "acme.eu.qlikcloud.com"]))


def test_strings_of_a_templates_own_code_are_not_the_pages(tmp_path: Path) -> None:
    code = (
        "<script>\nrequire.config({ baseUrl: {{ (tenant_url ~ '/resources') | tojson }}, webIntegrationId: "
        "{{ id | tojson }} });\nvar host = \"{{ host }}\"; var x = <%= JSON.stringify('/resources') %>;\n</script>\n"
    )
    write(tmp_path, {"page.j2": code})
    assert "resource-relative" not in rules(tmp_path)
    write(tmp_path, {"page.html": code.replace("{{ (tenant_url ~ '/resources') | tojson }}", "'/resources'")})
    assert "resource-relative" in rules(tmp_path)  # the same string in a plain page is the page's


@pytest.mark.parametrize("value", ["elastic.example", "https://tenant.example/", "qlik.invalid", "your-tenant", "TODO"])
def test_documentation_names_and_words_are_placeholders(value: str) -> None:
    assert is_placeholder(value)


def test_third_party_folders_are_not_read(tmp_path: Path) -> None:
    placeholder = '<script>var config = { host: "your-tenant.us.qlikcloud.com", isSecure: true };</script>'
    write(tmp_path, {"index.html": page(), "vendor/lib/view.php": placeholder, "js/vendor/x.ts": placeholder[8:-9]})
    assert rules(tmp_path) == []
    write(tmp_path, {"views/view.php": placeholder})
    assert rules(tmp_path) == ["config-no-id", "placeholder"]  # the same view outside vendor/ is read


@pytest.mark.parametrize(("key", "mixed"), [("issuer", False), ("iss", False), ("backupTenant", True)])
def test_a_jwt_issuer_that_looks_like_a_host_is_not_a_tenant(tmp_path: Path, key: str, mixed: bool) -> None:
    # Qlik's console offers a random host-like issuer for a JWT identity provider: it names the IdP, not a tenant.
    config = (
        "module.exports = {\n"
        f'  tenantDomain: "{TENANT}",\n'
        f'  webIntegrationId: "{ID}",\n'
        f'  {key}: "18mv0zej529uq0x.us.qlikcloud.com",\n'
        '  keyid: "2717b0b6-2ef3-4ece-9c6d-5b124889ca8a",\n'
        "};\n"
    )
    write(tmp_path, {"index.html": page(), "config/config.js": config})
    assert ("tenant-mixed" in rules(tmp_path)) is mixed


@pytest.mark.parametrize(
    ("token", "secret"),
    [
        ("pk.eyJ1Ijoib3JjaGFyZCIsImEiOiJjazAxMjM0NTY3ODkwIn0.AbCdEfGhIjKlMnOpQrStUv", False),  # Mapbox public
        ("pk_live_51OrchardAbCdEfGhIjKlMnOpQrStUv", False),  # Stripe publishable
        ("sk.eyJ1Ijoib3JjaGFyZCIsImEiOiJjazAxMjM0NTY3ODkwIn0.AbCdEfGhIjKlMnOpQrStUv", True),  # Mapbox secret
    ],
)
def test_a_token_made_for_browsers_is_not_a_secret(tmp_path: Path, token: str, secret: bool) -> None:
    script = SIGNED_IN + f'var map = {{ accessToken: "{token}", style: "streets" }};\n'
    write(tmp_path, {"index.html": page(script=script)})
    assert ("secret-in-code" in rules(tmp_path)) is secret


LIBRARY_SOURCE = (
    "export async function openApp(config) {\n"
    "  const base = `https://${config.host}/resources`;\n"
    "  window.require.config({ baseUrl: base, webIntegrationId: config.webIntegrationId });\n"
    '  return new Promise((resolve) => window.require(["js/qlik"], (qlik) => resolve(qlik.openApp(config.appId, '
    "config))));\n"
    "}\n"
)


@pytest.mark.parametrize(
    ("manifest", "login"),
    [
        ('{"name": "qlik-kit", "main": "dist/qlik-kit.js"}', False),  # built entry point: a library
        ('{"name": "qlik-kit", "types": "types/index.d.ts"}', False),
        ('{"name": "qlik-kit", "peerDependencies": {"react": "^18.0.0"}}', False),
        ('{"name": "portal", "private": true, "main": "src/index.js"}', True),  # an app's own code
    ],
)
def test_a_library_leaves_the_login_flow_to_the_app_that_uses_it(tmp_path: Path, manifest: str, login: bool) -> None:
    write(tmp_path, {"package.json": manifest, "src/index.js": LIBRARY_SOURCE})
    assert ("login-missing" in rules(tmp_path)) is login


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ('router.navigate(["/login"]);', False),  # the app's own route
        ('window.location.href = "/login";', False),  # the page's own origin
        (f'window.location.href = new URL("/login", "https://{TENANT}").href;', True),  # the tenant's login
        (f'window.location.href = "https://{TENANT}" + "/login";', True),
    ],
)
def test_the_apps_own_login_route_is_not_the_tenants(tmp_path: Path, line: str, flagged: bool) -> None:
    write(tmp_path, {"index.html": page(script=SIGNED_IN + f"function signOut() {{ {line} }}\n")})
    assert ("login-no-returnto" in rules(tmp_path)) is flagged


def test_js_qlik_loaded_from_a_script_no_page_includes_is_reported_not_a_crash(tmp_path: Path) -> None:
    # No page, no REST call, no engine URL: the missing login flow points at the js/qlik string itself.
    write(tmp_path, {"main.js": f'require(["js/qlik"], function (qlik) {{ qlik.openApp("{APP}"); }});\n'})
    assert findings(tmp_path) == [("login-missing", "main.js", 1), ("require-config-missing", "main.js", 1)]


@pytest.mark.parametrize(
    ("value", "dynamic"),
    [
        ("%VITE_QLIK_HOST%", True),
        ("%REACT_APP_QLIK_WEB_INTEGRATION_ID%", True),
        ("%PUBLIC_URL%/oauth-callback.html", True),
        ("https://acme.eu.qlikcloud.com/sense/app/x?name=caf%C3%A9%20bar%E2%80%99s", False),  # percent-encoding
        ("100%DONE%", False),
    ],
)
def test_a_bundlers_env_replacement_is_dynamic(value: str, dynamic: bool) -> None:
    assert is_dynamic(value) is dynamic


def test_an_angular_interceptor_adds_the_header_and_cookie_to_every_call(tmp_path: Path) -> None:
    source = Path(__file__).parent.parent / "corpus" / "angular-interceptor"
    shutil.copytree(source, tmp_path / "app", ignore=shutil.ignore_patterns("expected.json"))
    assert rules(tmp_path / "app") == []
    (tmp_path / "app" / "src" / "app" / "qlik.interceptor.ts").unlink()  # without it the calls carry neither
    assert sorted(set(rules(tmp_path / "app"))) == ["rest-no-credentials", "rest-no-web-integration-id"]
