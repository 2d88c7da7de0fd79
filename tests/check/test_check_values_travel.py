"""Values that travel: a Qlik value defined in one module (a config module, a re-export, ``module.exports``, a
JSON file, an env file) and used in another (a host config, a JSX prop, a Vue or Svelte bound attribute,
``qlik.openApp``, ``setAttribute``) is followed to its definition, where the finding points.

The resolver (mashup_gen.source.modules) is tested on its own; the rules through ``check_paths`` and the
command line. The corpus fixtures tests/corpus/travel-* hold the same classes as whole projects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.checker import check_paths
from mashup_gen.source.markup import bound_attributes
from mashup_gen.source.modules import Literal, ModuleTable, Resolver, chain, module_table
from mashup_gen.source.syntax import parse

APP = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"


def _resolver(files: dict[str, str], env: dict[str, list[Literal]] | None = None) -> Resolver:
    tables: dict[str, ModuleTable] = {}

    def load(path: str) -> ModuleTable | None:
        if path not in files:
            return None
        if path not in tables:
            grammar = "typescript" if path.endswith(".ts") else "javascript"
            tables[path] = module_table(parse(files[path], grammar), path)
        return tables[path]

    return Resolver(load, files.__contains__, env)


def _values(resolver: Resolver, path: str, expression: str) -> list[tuple[str, str]]:
    return [(literal.path, literal.value) for literal in resolver.resolve(path, expression)]


# -- the resolver ------------------------------------------------------------------------------------------

_CONFIG = """export const TENANT = "acme.eu.qlikcloud.com";
export default { appId: "Sales.qvf", host: TENANT, nested: { client: "abc" } };
export { TENANT as SERVER };
"""


def test_named_default_and_renamed_exports_are_followed() -> None:
    resolver = _resolver(
        {
            "src/config.js": _CONFIG,
            "src/app.js": 'import cfg, { TENANT, SERVER as S } from "./config";\n',
        }
    )
    assert _values(resolver, "src/app.js", "TENANT") == [("src/config.js", "acme.eu.qlikcloud.com")]
    assert _values(resolver, "src/app.js", "S") == [("src/config.js", "acme.eu.qlikcloud.com")]
    assert _values(resolver, "src/app.js", "cfg.appId") == [("src/config.js", "Sales.qvf")]
    assert _values(resolver, "src/app.js", "cfg?.host") == [("src/config.js", "acme.eu.qlikcloud.com")]
    assert _values(resolver, "src/app.js", "cfg.nested.client") == [("src/config.js", "abc")]
    assert _values(resolver, "src/app.js", "cfg") == []  # an object is not a value
    assert _values(resolver, "src/app.js", "cfg.missing") == []


def test_re_exports_namespaces_and_aliases_are_followed() -> None:
    resolver = _resolver(
        {
            "src/config.js": _CONFIG,
            "src/index.js": 'export * from "./config";\nexport { default as settings } from "./config";\n',
            "src/app.js": 'import { TENANT, settings } from ".";\nimport * as ns from "@/config";\n',
        }
    )
    assert _values(resolver, "src/app.js", "TENANT") == [("src/config.js", "acme.eu.qlikcloud.com")]
    assert _values(resolver, "src/app.js", "settings.appId") == [("src/config.js", "Sales.qvf")]
    assert _values(resolver, "src/app.js", "ns.TENANT") == [("src/config.js", "acme.eu.qlikcloud.com")]


def test_commonjs_destructuring_and_fallbacks_are_followed() -> None:
    env = {"QLIK_HOST": [Literal(".env", "env.eu.qlikcloud.com", 10, 30, "QLIK_HOST", env=True)]}
    resolver = _resolver(
        {
            "lib/qlik.js": 'module.exports = { clientId: "abc" };\nexports.appId = "Sales.qvf";\n',
            "lib/app.js": (
                'const qlik = require("./qlik");\nconst { clientId: id } = require("./qlik");\n'
                'const host = process.env.QLIK_HOST || "fallback.eu.qlikcloud.com";\n'
                "const { appId } = qlik;\n"
            ),
        },
        env,
    )
    assert _values(resolver, "lib/app.js", "qlik.clientId") == [("lib/qlik.js", "abc")]
    assert _values(resolver, "lib/app.js", "id") == [("lib/qlik.js", "abc")]
    assert _values(resolver, "lib/app.js", "appId") == [("lib/qlik.js", "Sales.qvf")]
    assert _values(resolver, "lib/app.js", "host") == [
        (".env", "env.eu.qlikcloud.com"),
        ("lib/app.js", "fallback.eu.qlikcloud.com"),
    ]
    assert _values(resolver, "lib/app.js", "import.meta.env.QLIK_HOST") == [(".env", "env.eu.qlikcloud.com")]


def test_typescript_config_imported_as_js_and_spans_are_the_literals() -> None:
    source = 'export const HOST = "acme.eu.qlikcloud.com" as const;\n'
    resolver = _resolver({"src/config.ts": source, "src/app.ts": 'import { HOST } from "./config.js";\n'})
    [literal] = resolver.resolve("src/app.ts", "HOST")
    assert source[literal.start : literal.end] == "acme.eu.qlikcloud.com"
    assert literal.name == "HOST"


def test_packages_and_files_outside_the_project_are_not_followed() -> None:
    resolver = _resolver({"src/app.js": 'import { HOST } from "qlik-config";\nimport { A } from "../../x";\n'})
    assert _values(resolver, "src/app.js", "HOST") == []
    assert _values(resolver, "src/app.js", "A") == []


def test_import_cycles_end() -> None:
    resolver = _resolver(
        {
            "a.js": 'import { B } from "./b";\nexport const A = B;\n',
            "b.js": 'import { A } from "./a";\nexport const B = A;\nexport * from "./b";\n',
        }
    )
    assert _values(resolver, "a.js", "A") == []


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12),
    st.sets(st.integers(0, 5), max_size=3),
)
def test_any_graph_of_aliases_resolves_to_its_literals_only(edges: list[tuple[int, int]], literals: set[int]) -> None:
    """Modules m0..m5 alias each other's exports (any graph, cycles included): resolving always ends, and
    gives exactly the literals reachable through the first alias each module declares."""
    files: dict[str, str] = {}
    targets: dict[int, int] = {}
    for source, target in edges:
        targets.setdefault(source, target)
    for index in range(6):
        if index in literals:
            files[f"m{index}.js"] = f'export const V = "value{index}";\n'
        elif index in targets:
            files[f"m{index}.js"] = f'import {{ V as W }} from "./m{targets[index]}";\nexport const V = W;\n'
        else:
            files[f"m{index}.js"] = "export const V = compute();\n"
    expected, seen, index = [], set(), 0
    while index not in seen:
        seen.add(index)
        if index in literals:
            expected = [(f"m{index}.js", f"value{index}")]
            break
        if index not in targets:
            break
        index = targets[index]
    assert _values(_resolver(files), "m0.js", "V") == expected


@given(st.text(max_size=40))
def test_any_expression_text_is_read_without_error(text: str) -> None:
    parts = chain(text)
    assert all(part and not part[0].isdigit() for part in parts)
    assert _resolver({"a.js": "export const A = 'x';\n"}).resolve("a.js", text) is not None


def test_vue_svelte_and_angular_bound_and_literal_attributes() -> None:
    vue = '<template><QlikEmbed :app-id="appId" v-bind:host="cfg.host" ui="x" v-if="ok" /></template>'
    found = bound_attributes(vue, len("<template>"), len(vue) - len("</template>"), "vue")
    assert [(a.element, a.name, a.expression, a.literal) for a in found] == [
        ("QlikEmbed", "app-id", "appId", False),
        ("QlikEmbed", "host", "cfg.host", False),
        ("QlikEmbed", "ui", "x", True),
    ]
    assert vue[found[1].start : found[1].end] == "cfg.host"
    svelte = '<script>let a = "x";</script>\n<qlik-embed app-id={APP} ui="classic/app"></qlik-embed>'
    attribute, literal = bound_attributes(svelte, 0, len(svelte), "svelte")
    assert (attribute.name, attribute.expression, svelte[attribute.start : attribute.end]) == ("app-id", "APP", "APP")
    assert (literal.name, literal.expression, literal.literal) == ("ui", "classic/app", True)
    angular = '<qlik-chart [appId]="appId" [attr.host]="env.host" (click)="go()"></qlik-chart>'
    assert [(a.name, a.expression, a.literal) for a in bound_attributes(angular, 0, len(angular), "angular")] == [
        ("appId", "appId", False),
        ("host", "env.host", False),
    ]


# -- the rules, on small projects --------------------------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


_PAGE = (
    '<!doctype html>\n<html><head><title>t</title></head><body><script type="module" src="/src/main.js">'
    "</script></body></html>\n"
)


def _findings(root: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, Path(f.path).relative_to(root).as_posix(), f.line) for f in check_paths([str(root)]).sorted()]


def test_open_app_with_an_imported_file_name_points_at_the_definition(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "index.html": _PAGE,
            "src/settings.js": 'export const DASHBOARD = "Sales.qvf";\n',
            "src/main.js": (
                'import { DASHBOARD } from "./settings";\n'
                "require(['js/qlik'], function (qlik) {\n  qlik.openApp(DASHBOARD, {});\n});\n"
            ),
        },
    )
    assert ("app-id-not-guid", "src/settings.js", 1) in _findings(root)
    assert not [f for f in _findings(root) if f[0] == "app-id-not-guid" and f[1] == "src/main.js"]


def test_set_attribute_from_a_config_module(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "index.html": _PAGE,
            "src/ids.js": 'export const IDS = { app: "<app id>", web: "abcdefghijABCDEFGHIJ0123456789_-" };\n',
            "src/main.js": (
                'import { IDS } from "./ids";\nconst el = document.createElement("qlik-embed");\n'
                'el.setAttribute("app-id", IDS.app);\ndocument.body.appendChild(el);\n'
            ),
        },
    )
    assert _findings(root) == [("placeholder", "src/ids.js", 1)]


def test_a_localhost_redirect_in_env_is_judged_by_mode(tmp_path: Path) -> None:
    main = (
        "import { QlikEmbed } from '@qlik/embed-react';\n"
        "const hostConfig = { host: 'acme.eu.qlikcloud.com', authType: 'Oauth2', "
        "clientId: '9c2a96304bbe222ca1cbc1daa1ef3bf8', redirectUri: import.meta.env.VITE_BACK };\n"
        f"export const App = () => <QlikEmbed appId='{APP}' hostConfig={{hostConfig}} />;\n"
    )
    files = {"index.html": _PAGE.replace("main.js", "main.jsx"), "src/main.jsx": main}
    # the callback page exists: only the redirect URI's host is judged here
    files["public/oauth-callback.html"] = "<!doctype html><html><body></body></html>\n"
    files[".env"] = "VITE_BACK=http://localhost:5173/oauth-callback.html\n"
    assert _findings(_write(tmp_path / "a", files)) == [("embed-redirect-localhost", ".env", 1)]
    files[".env.production"] = "VITE_BACK=https://sales.example.com/oauth-callback.html\n"
    assert _findings(_write(tmp_path / "b", files)) == []  # .env serves development; production overrides it
    del files[".env.production"]
    files[".env.development"] = files.pop(".env")
    assert _findings(_write(tmp_path / "c", files)) == []  # a developer's machine


def test_a_generic_host_prop_is_not_judged_as_a_tenant(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "index.html": _PAGE,
            "src/db.js": 'export const SERVER = "your-database-host";\n',
            "src/main.js": 'import { SERVER } from "./db";\nexport const pool = { host: SERVER, port: 5432 };\n',
        },
    )
    assert _findings(root) == []


def test_check_names_the_use_and_exits_1(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    root = _write(
        tmp_path,
        {
            "index.html": _PAGE,
            "src/config.json": '{\n  "qlik": { "client": "YOUR_CLIENT_ID" }\n}\n',
            "src/main.js": (
                'import config from "./config.json";\n'
                "export const hostConfig = {\n  host: 'acme.eu.qlikcloud.com',\n  authType: 'Oauth2',\n"
                "  clientId: config.qlik.client,\n};\n"
            ),
        },
    )
    result = invoke("check", str(root))
    assert result.exit_code == 1, result.output
    assert "config.json:2:" in result.output and "used as clientId at" in result.output
    assert "main.js:5" in result.output
    document = json.loads(invoke("check", "--format", "json", str(root)).output)
    findings = document["findings"] if isinstance(document, dict) else document
    assert [(f["rule"], f["line"]) for f in findings] == [("placeholder", 2)]


# -- function parameters and template-literal joins --------------------------------------------------------

_CONNECT = """export default async function connect({ url, id }) {
  return fetch(`${url}/api/v1/users/me`, { credentials: "include", headers: { "qlik-web-integration-id": id } });
}
"""


def test_a_parameter_is_followed_to_what_the_callers_pass() -> None:
    main = 'import connect from "./connect";\nconnect({ url: "https://acme.eu.qlikcloud.com/", id: "x" });\n'
    local = 'function open(cfg) { return cfg.url; }\nopen({ url: "a" });\nconst f = ({ url }) => url;\nf({url: "b"});\n'
    resolver = _resolver({"src/connect.js": _CONNECT, "src/main.js": main, "src/local.js": local})
    at = _CONNECT.index("${url}") + 2
    assert _values(resolver, "src/connect.js", "url") == []  # no position: not a parameter of anything
    resolver.importers = lambda path: ["src/main.js", "src/local.js"]
    [literal] = resolver.resolve("src/connect.js", "url", at)
    assert (literal.path, literal.value) == ("src/main.js", "https://acme.eu.qlikcloud.com/")
    assert [x.value for x in resolver.resolve("src/local.js", "cfg.url", local.index("cfg.url"))] == ["a"]
    arrow = local.index("=> url") + 3
    assert [x.value for x in resolver.resolve("src/local.js", "url", arrow)] == ["b"]


def test_a_base_url_ending_in_a_slash_joined_elsewhere(tmp_path: Path) -> None:
    main = 'import connect from "./connect";\nconnect({\n  url: "https://acme.eu.qlikcloud.com/",\n  id: "i" });\n'
    files = {"index.html": _PAGE, "src/connect.js": _CONNECT, "src/main.js": main}
    assert ("url-double-slash", "src/main.js", 3) in _findings(_write(tmp_path / "a", files))
    files["src/main.js"] = main.replace(".com/", ".com")
    assert not [f for f in _findings(_write(tmp_path / "b", files)) if f[0] == "url-double-slash"]
    files["src/main.js"] = (
        "export const r = fetch(`${import.meta.env.VITE_TENANT}/api/v1/items`, { credentials: 'include' });\n"
    )
    files[".env"] = "VITE_TENANT=https://acme.eu.qlikcloud.com/\n"
    assert ("url-double-slash", ".env", 1) in _findings(_write(tmp_path / "c", files))


def test_a_literal_prop_of_a_vue_component_is_judged_where_it_is_written(tmp_path: Path) -> None:
    component = (
        '<template>\n  <SalesChart app-id="your-app-id" object-id="jRZpC" />\n'
        f'  <QlikChart app-id="{APP}" host="acme.eu.qlikcloud.com" />\n</template>\n'
        '<script setup>\nimport SalesChart from "./SalesChart.vue";\n</script>\n'
    )
    root = _write(
        tmp_path, {"index.html": _PAGE, "src/main.js": 'import App from "./App.vue";\n', "src/App.vue": component}
    )
    assert _findings(root) == [("placeholder", "src/App.vue", 2)]
    [finding] = check_paths([str(root)]).sorted()
    assert "used as" not in finding.message


def _host_config(tmp_path: Path, body: str, extra: dict[str, str] | None = None) -> list[tuple[str, str, int]]:
    main = f'import {{ auth }} from "@qlik/api";\nimport {{ SIGN_IN }} from "./settings";\n{body}\n'
    files = {"index.html": _PAGE, "src/main.js": main, "src/settings.js": 'export const SIGN_IN = "cookie";\n'}
    return _findings(_write(tmp_path, {**files, **(extra or {})}))


def test_a_host_config_without_the_settings_its_auth_type_requires(tmp_path: Path) -> None:
    host = "host: 'acme.eu.qlikcloud.com'"
    cookie = f"auth.setDefaultHostConfig({{ {host}, authType: 'cookie' }});"
    assert _host_config(tmp_path / "a", cookie) == [("embed-cookie-no-web-integration-id", "src/main.js", 3)]
    oauth = f"auth.setDefaultHostConfig({{ {host}, authType: 'Oauth2', redirectUri: location.origin }});"
    assert _host_config(tmp_path / "b", oauth) == [("embed-oauth-no-client-id", "src/main.js", 3)]
    good = f"auth.setDefaultHostConfig({{ {host}, authType: SIGN_IN, webIntegrationId: ID }});"
    assert _host_config(tmp_path / "c", good) == []
    spread = f"auth.setDefaultHostConfig({{ ...base, {host}, authType: 'cookie' }});"
    assert _host_config(tmp_path / "d", spread) == []  # the id may come with the spread object


def test_an_auth_type_defined_elsewhere_is_judged_at_its_definition(tmp_path: Path) -> None:
    body = "auth.setDefaultHostConfig({ host: 'acme.eu.qlikcloud.com', authType: SIGN_IN, loginUri: '/login' });"
    settings = {"src/settings.js": 'export const SIGN_IN = "windowscookie";\n'}
    assert _host_config(tmp_path, body, settings) == [("embed-auth-type", "src/settings.js", 1)]


def test_props_passed_to_a_react_component_of_another_module(tmp_path: Path) -> None:
    dashboard = (
        'import { QlikEmbed } from "@qlik/embed-react";\n'
        "export default function Dashboard({ appId, client }) {\n"
        "  const hostConfig = { host: 'acme.eu.qlikcloud.com', authType: 'Oauth2', clientId: client };\n"
        "  return <QlikEmbed ui='analytics/sheet' appId={appId} hostConfig={hostConfig} />;\n}\n"
    )
    main = (
        'import { APP, CLIENT } from "./config";\nimport Dashboard from "./Dashboard";\n'
        "export const App = () => <Dashboard appId={APP} client={CLIENT} />;\n"
    )
    files = {
        "index.html": _PAGE.replace("main.js", "main.jsx"),
        "src/config.js": 'export const APP = "Sales.qvf";\nexport const CLIENT = "<client id>";\n',
        "src/main.jsx": main,
        "src/Dashboard.jsx": dashboard,
    }
    assert _findings(_write(tmp_path / "a", files)) == [
        ("app-id-not-guid", "src/config.js", 1),
        ("placeholder", "src/config.js", 2),
    ]
    files["src/config.js"] = f'export const APP = "{APP}";\nexport const CLIENT = "9c2a96304bbe222ca1cbc1daa1ef3bf8";\n'
    assert _findings(_write(tmp_path / "b", files)) == []


def test_framework_runtime_config_next_env_and_nuxt_runtime_config() -> None:
    files = {
        "next.config.js": 'const nextConfig = { env: { QLIK_APP: "YOUR_APP_ID" } };\nmodule.exports = nextConfig;\n',
        "nuxt.config.ts": (
            'export default defineNuxtConfig({ runtimeConfig: { public: { qlikHost: "<tenant>" } } });\n'
        ),
        "app/page.tsx": "const app = process.env.QLIK_APP;\n",
        "pages/index.vue": "const config = useRuntimeConfig();\nconst host = config.public.qlikHost;\n",
    }
    resolver = _resolver(files)
    resolver.frameworks = {"next": "next.config.js", "nuxt": "nuxt.config.ts"}
    assert _values(resolver, "app/page.tsx", "app") == [("next.config.js", "YOUR_APP_ID")]
    assert _values(resolver, "pages/index.vue", "host") == [("nuxt.config.ts", "<tenant>")]
    assert _values(resolver, "pages/index.vue", "useless") == []


def test_a_placeholder_in_next_config_env_is_reported_there(tmp_path: Path) -> None:
    page = (
        '"use client";\nimport { QlikEmbed } from "@qlik/embed-react";\n'
        "export default function Page() {\n"
        "  return <QlikEmbed ui='analytics/sheet' appId={process.env.NEXT_PUBLIC_SALES} />;\n}\n"
    )
    files = {
        "package.json": '{"dependencies": {"next": "14.2.0"}}\n',
        "next.config.mjs": (
            'const config = {\n  env: { NEXT_PUBLIC_SALES: "YOUR_APP_ID" },\n};\nexport default config;\n'
        ),
        "app/page.tsx": page,
    }
    assert _findings(_write(tmp_path, files)) == [("placeholder", "next.config.mjs", 2)]


def test_props_passed_to_vue_and_svelte_components(tmp_path: Path) -> None:
    chart = (
        '<template>\n  <qlik-embed ui="analytics/chart" :app-id="appId" :object-id="props.objectId"></qlik-embed>\n'
        "</template>\n<script setup>\nconst props = defineProps({ appId: String, objectId: String });\n</script>\n"
    )
    app = (
        '<template>\n  <sales-chart :app-id="cfg.app" object-id="jRZpC" />\n</template>\n'
        '<script setup>\nimport SalesChart from "./SalesChart.vue";\nimport cfg from "./config";\n</script>\n'
    )
    vue = {
        "index.html": _PAGE,
        "src/main.js": 'import App from "./App.vue";\n',
        "src/config.js": 'export default { app: "Sales.qvf" };\n',
        "src/App.vue": app,
        "src/SalesChart.vue": chart,
    }
    assert _findings(_write(tmp_path / "vue", vue)) == [("app-id-not-guid", "src/config.js", 1)]
    svelte = {
        "package.json": '{"devDependencies": {"svelte": "4.2.0"}}\n',
        "index.html": _PAGE,
        "src/main.js": 'import App from "./App.svelte";\n',
        "src/App.svelte": (
            '<script>\n  import Chart from "./Chart.svelte";\n  import { APP } from "./ids.js";\n</script>\n'
            "<Chart appId={APP} />\n"
        ),
        "src/ids.js": 'export const APP = "Sales.qvf";\n',
        "src/Chart.svelte": (
            "<script>\n  export let appId;\n</script>\n<qlik-embed ui='classic/app' app-id={appId} />\n"
        ),
    }
    assert _findings(_write(tmp_path / "svelte", svelte)) == [("app-id-not-guid", "src/ids.js", 1)]


def test_a_capability_config_host_defined_elsewhere(tmp_path: Path) -> None:
    script = (
        'import { QLIK_HOST, ID } from "./settings";\n'
        "const config = { host: QLIK_HOST, prefix: '/', port: 443, isSecure: true, webIntegrationId: ID };\n"
        f"require(['js/qlik'], function (qlik) {{ qlik.openApp('{APP}', config); }});\n"
    )
    settings = (
        'export const QLIK_HOST = "https://acme.eu.qlikcloud.com";\n'
        'export const ID = "abcdefghijABCDEFGHIJ0123456789_-";\n'
    )
    found = _findings(_write(tmp_path, {"index.html": _PAGE, "src/main.js": script, "src/settings.js": settings}))
    assert ("config-contradicts-tenant", "src/settings.js", 1) in found
    assert not [f for f in found if f[1] == "src/main.js" and f[0].startswith("config-")]


def test_object_ids_given_to_get_object_and_visualization_get(tmp_path: Path) -> None:
    script = (
        'import { OBJECTS } from "./objects";\n'
        "require(['js/qlik'], function (qlik) {\n"
        f"  var app = qlik.openApp('{APP}', config);\n"
        "  app.getObject('QV01', OBJECTS.kpi);\n"
        "  app.getObject('QV02', '<OBJECT_ID>');\n"
        "  app.visualization.get('YOUR_OBJECT_ID_2').then(function (v) { v.show('QV03'); });\n"
        "  app.getObject('QV04', 'jRZpC');\n"
        "  app.getObject('QV05', `${prefix}-chart`);\n"
        "});\n"
    )
    objects = 'export const OBJECTS = { kpi: "xxxx", bar: "QVwQm" };\n'
    found = _findings(_write(tmp_path, {"index.html": _PAGE, "src/main.js": script, "src/objects.js": objects}))
    placeholders = [f for f in found if f[0] == "placeholder"]
    assert placeholders == [
        ("placeholder", "src/main.js", 5),
        ("placeholder", "src/main.js", 6),
        ("placeholder", "src/objects.js", 1),
    ]


def test_a_name_means_the_declaration_around_its_use() -> None:
    code = (
        'const id = "module-level";\n'
        'function first() { const id = "first"; return id; }\n'
        "function second(id) { return id; }\n"
        'function third() { const id = "third"; const inner = () => { const id = "inner"; return id; }; return id; }\n'
        "second(id);\n"
    )
    resolver = _resolver({"a.js": code})

    def at(text: str, occurrence: int = 0) -> int:
        index = -1
        for _ in range(occurrence + 1):
            index = code.index(text, index + 1)
        return index

    assert [x.value for x in resolver.resolve("a.js", "id", at("return id"))] == ["first"]
    assert [x.value for x in resolver.resolve("a.js", "id", at("return id", 1))] == ["module-level"]  # second(id)
    assert [x.value for x in resolver.resolve("a.js", "id", at("return id", 2))] == ["inner"]
    assert [x.value for x in resolver.resolve("a.js", "id", at("return id", 3))] == ["third"]
    assert [x.value for x in resolver.resolve("a.js", "id")] == ["module-level"]


def test_a_host_config_may_take_a_url_as_its_host(tmp_path: Path) -> None:
    body = (
        "auth.setDefaultHostConfig({ host: import.meta.env.VITE_HOST, authType: SIGN_IN, "
        "webIntegrationId: 'abcdefghijABCDEFGHIJ0123456789_-' });"
    )
    env = {".env": "VITE_HOST=https://acme.eu.qlikcloud.com\n"}
    assert _host_config(tmp_path, body, env) == []


def test_another_librarys_auth_settings_are_not_a_qlik_host_config(tmp_path: Path) -> None:
    main = "export const sso = { host: 'login.example.com', authType: 'jwt', clientId: 'abc' };\n"
    assert _findings(_write(tmp_path, {"index.html": _PAGE, "src/main.js": main})) == []


def test_env_files_may_hold_one_web_integration_id_per_mode(tmp_path: Path) -> None:
    main = (
        'import { auth } from "@qlik/api";\nauth.setDefaultHostConfig({ host: "acme.eu.qlikcloud.com", '
        "authType: 'cookie', webIntegrationId: import.meta.env.VITE_WEB_ID });\n"
    )
    files = {
        "index.html": _PAGE,
        "src/main.js": main,
        ".env.development": "VITE_WEB_ID=abcdefghijABCDEFGHIJ0123456789_-\n",
        ".env.production": "VITE_WEB_ID=0123456789abcdefghijABCDEFGHIJ_-\n",
    }
    assert _findings(_write(tmp_path, files)) == []


_SNIPPETS = st.sampled_from(
    [
        'export const A = "x";',
        "export default { host: A, appId: B.c };",
        'import { A } from "./config";',
        'import * as B from "./main";',
        'const { appId } = require("./config");',
        "module.exports = { appId };",
        "export * from './main';",
        "function f({ host }) { return `${host}/api/v1/items`; }",
        "f({ host: A });",
        "<QlikEmbed appId={appId} host={A} />",
        "qlik.openApp(B.c, {});",
        "{{{",
        ")))",
        "const A = A || B;",
        "export { A as B, B as A };",
    ]
)


@given(st.lists(_SNIPPETS, max_size=8), st.lists(_SNIPPETS, max_size=8))
def test_any_modules_are_read_without_an_internal_error(config: list[str], main: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = _write(
            Path(folder),
            {"index.html": _PAGE, "src/config.js": "\n".join(config), "src/main.js": "\n".join(main)},
        )
        assert not [f for f in check_paths([str(root)]).sorted() if f.rule == "check-internal-error"]


def test_custom_auth_modules_and_same_origin_cookie_sign_in(tmp_path: Path) -> None:
    custom = (
        'auth.registerAuthModule("sso", { getRestCallAuthParams: async () => ({}) });\n'
        "auth.setDefaultHostConfig({ host: 'acme.eu.qlikcloud.com', authType: 'sso' });"
    )
    assert _host_config(tmp_path / "a", custom) == []
    proxied = "auth.setDefaultHostConfig({ host: window.location.origin, authType: 'cookie' });"
    assert _host_config(tmp_path / "b", proxied) == []


def _parameters_passed_around(functions: int) -> str:
    """A module whose functions pass their parameters (and properties of them) on to each other in many calls,
    the shape of a minified bundle: f0 puts them in a capability API config. Callees drawn with a fixed seed."""
    import random

    draw = random.Random(1)
    lines = [
        "function f0(e, t){ require.config({ baseUrl: e + '/resources', webIntegrationId: t.a }); return e }",
    ]
    for i in range(1, functions):
        calls = []
        for _ in range(3):
            k = draw.randrange(i)
            calls += [f"f{k}(e.{draw.choice('abc')}, t)", f"f{k}(t, e)"]
            calls.append(f"f{k}(t.{draw.choice('abc')}, e.{draw.choice('abc')})")
        lines.append(f"function f{i}(e, t){{ {'; '.join(calls)}; return e }}")
    lines.append(f"f{functions - 1}('https://acme.us.qlikcloud.com', {{ a: 'x' }});")
    return "\n".join(lines)


def test_following_parameters_through_a_bundle_stops_at_a_bound(tmp_path: Path, monkeypatch) -> None:
    # Every call of every caller multiplies the paths to follow: unbounded, this module took 90,000 steps
    # (and a 600 KB bundle minutes); each expression now visits at most MAX_VISITS places (432 steps here).
    from mashup_gen.source import modules

    visits: list[str] = []
    follow = modules.Resolver._expression

    def counted(self, path, expression, *args, **kwargs):
        visits.append(expression)
        return follow(self, path, expression, *args, **kwargs)

    monkeypatch.setattr(modules.Resolver, "_expression", counted)
    (tmp_path / "index.html").write_text('<!doctype html><script src="main.js"></script>\n', encoding="utf-8")
    (tmp_path / "main.js").write_text(_parameters_passed_around(22), encoding="utf-8")
    report = check_paths([str(tmp_path)])
    assert report.findings  # the check ran to the end
    assert 0 < len(visits) <= 2000, len(visits)
