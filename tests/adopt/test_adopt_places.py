"""The places adopt edits, read from syntax trees (mashup_gen.source.places and adopt.mentions): literals with
exact spans (string contents, template literal parts, attribute values, JSX props), never comments or code;
what each literal is the value of; config values evaluated through template literals."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.adopt.mentions import file_mentions
from mashup_gen.source.places import places
from mashup_gen.source.statics import static_string

OLD = "old.eu.qlikcloud.com"
ID = "OLDIDOLDIDOLDIDOLDIDOLDID12345"


def raw(text: str, name: str) -> list[tuple[str, str, str]]:
    """``(kind, name, raw)`` of every literal, checking each span against the file."""
    found = places(name, text).literals
    for literal in found:
        assert text[literal.start : literal.end] == literal.raw
    return [(literal.kind, literal.name, literal.raw) for literal in found]


def test_strings_keys_variables_members_and_call_arguments() -> None:
    code = (
        'var config = { host: "h", "port": "443" };\n'
        "let base = 'b';\n"
        'el.dataset.appId = "a";\n'
        'xhr.setRequestHeader("qlik-web-integration-id", "i");\n'
    )
    assert raw(code, "x.js") == [
        ("string", "host", "h"),
        ("string", "port", "443"),
        ("string", "base", "b"),
        ("string", "appId", "a"),
        ("string", "setRequestHeader#0", "qlik-web-integration-id"),
        ("string", "setRequestHeader#1", "i"),
    ]


def test_template_literals_give_their_literal_parts_and_the_strings_inside_substitutions() -> None:
    code = 'const u = `https://${host}/resources?x=${"q"}`;'
    found = places("x.js", code).literals
    assert [(p.kind, p.raw, p.whole) for p in found] == [
        ("template", "https://", False),
        ("template", "/resources?x=", False),
        ("string", "q", True),
    ]
    assert [p.raw for p in places("x.js", "const u = `plain ${'a'}`; const v = `whole`;").literals] == [
        "plain ",
        "a",
        "whole",
    ]
    assert places("x.js", "const v = `whole`;").literals[0].whole


def test_comments_and_markup_text_are_never_places() -> None:
    code = (
        f"// see https://{OLD}/resources, it's here\n"
        f'/* "https://{OLD}/api" */\n'
        f"const App = () => <p>Paths like /api/* or https://{OLD} work; don't</p>;\n"
        f'const url = "https://{OLD}/api/v1/items";\n'
    )
    assert raw(code, "App.jsx") == [("string", "url", f"https://{OLD}/api/v1/items")]
    assert [code[a:b][:12] for a, b in places("App.jsx", code).comments] == ["// see https", '/* "https://']
    page = f"<!-- <script src='https://{OLD}/resources/x.js'></script> -->\n<p>https://{OLD}</p>\n"
    assert raw(page, "index.html") == []
    assert places("index.html", page).comments == [(0, page.index("-->") + 3)]
    mentions = file_mentions("App.jsx", code)
    assert [code[m.start : m.end] for m in mentions.in_comments] == [OLD, OLD]


def test_jsx_attributes_name_their_element() -> None:
    code = f'export const A = () => <QlikEmbed host="{OLD}" appId={{"x"}} ui="analytics/chart" sheet={{a.b}} />;'
    found = places("A.tsx", code)
    assert [(p.kind, p.element, p.name, p.raw) for p in found.literals] == [
        ("jsx-attribute", "QlikEmbed", "host", OLD),
        ("jsx-attribute", "QlikEmbed", "appId", "x"),
        ("jsx-attribute", "QlikEmbed", "ui", "analytics/chart"),
    ]
    assert [(p.element, p.name, p.text, code[p.start : p.end]) for p in found.props] == [
        ("QlikEmbed", "appId", '"x"', '"x"'),
        ("QlikEmbed", "sheet", "a.b", "a.b"),
    ]
    assert places("A.ts", "const a = <T>b;").props == []  # TypeScript has no JSX (that is a type assertion)


def test_pages_give_attributes_and_their_inline_scripts() -> None:
    page = (
        "<!doctype html>\r\n<html><head>\r\n"
        f"<script src=\"https://{OLD}/resources/embed.js\" data-host='{OLD}' data-web-integration-id={ID}></script>\r\n"
        '<meta content="a &amp; b">\r\n'
        '<script type="application/json">{"host": "json"}</script>\r\n'
        '<script>var host = "inline";</script>\r\n'
        "</head><body><qlik-embed app-id=\"x\" object-id='y'></qlik-embed></body></html>\r\n"
    )
    found = places("index.html", page).literals
    assert [(p.kind, p.element, p.name, p.raw) for p in found] == [
        ("attribute", "script", "src", f"https://{OLD}/resources/embed.js"),
        ("attribute", "script", "data-host", OLD),
        ("attribute", "script", "data-web-integration-id", ID),
        ("attribute", "meta", "content", "a &amp; b"),
        ("attribute", "script", "type", "application/json"),
        ("string", "", "host", "inline"),
        ("attribute", "qlik-embed", "app-id", "x"),
        ("attribute", "qlik-embed", "object-id", "y"),
    ]
    assert found[3].value == "a & b"
    for literal in found:
        assert page[literal.start : literal.end] == literal.raw


def test_server_template_code_is_not_a_literal() -> None:
    page = (
        '<script src="<?= $tenant ?>/resources/x.js"></script>\n'
        '<script>var id = "<?= $id ?>"; var host = "h";</script>\n'
        '<div data-host="fixed"></div>\n'
    )
    assert [(p.name, p.raw) for p in places("page.php", page).literals] == [("host", "h"), ("data-host", "fixed")]


def test_vue_and_svelte_components_give_script_strings_and_template_attributes() -> None:
    vue = (
        '<template>\n  <qlik-embed :app-id="appId" host="h"/>\n</template>\n'
        '<script setup lang="ts">\nconst appId: string = "a";\n</script>\n'
    )
    assert [(p.name, p.raw) for p in places("App.vue", vue).literals] == [
        (":app-id", "appId"),
        ("host", "h"),
        ("lang", "ts"),
        ("appId", "a"),
    ]


def test_object_properties_with_their_object() -> None:
    code = 'const a = { host: "h", port: 443, isSecure: true, host2 }; const b = { host: x };'
    props = places("x.js", code).properties
    assert [(p.key, p.text, p.shorthand) for p in props] == [
        ("host", '"h"', False),
        ("port", "443", False),
        ("isSecure", "true", False),
        ("host2", "host2", True),
        ("host", "x", False),
    ]
    assert len({(p.object_start, p.object_end) for p in props}) == 2
    for prop in props:
        assert code[prop.start : prop.end] == prop.text


def test_broken_code_still_gives_exact_places() -> None:
    code = f'const a = {{ host: "{OLD}", \nfunction ( {{\nconst url = "https://{OLD}/api/v1/users/me";\n'
    found = places("x.js", code)
    assert found.has_errors
    assert [p.raw for p in found.literals] == [OLD, f"https://{OLD}/api/v1/users/me"]


def test_static_strings_through_template_literals_and_concatenation() -> None:
    code = (
        f'const host = "{OLD}";\n'
        "const base = `https://${host}`;\n"
        "const split = 'https://' +\n    host + '/resources';\n"
        "require.config({ baseUrl: `${base}/resources`, other: base + location.pathname, more: split });\n"
    )
    trees = places("main.js", code).trees

    def value(expression: str, literal=str) -> str | None:
        start = code.index(expression)
        return static_string(trees, start, start + len(expression), literal)

    assert value("`${base}/resources`") == f"https://{OLD}/resources"
    assert value("base + location.pathname") is None
    assert value("split") == f"https://{OLD}/resources"
    assert (
        value("`${base}/resources`", lambda s: s.replace(OLD, "new.qlikcloud.com"))
        == "https://new.qlikcloud.com/resources"
    )
    page = f"<script>\nvar t = '{OLD}';\nvar u = `wss://${{t}}/app`;\n</script>"
    start = page.index("`wss")
    assert static_string(places("index.html", page).trees, start, page.index(";", start)) == f"wss://{OLD}/app"


def test_mentions_of_tenants_and_ids() -> None:
    code = (
        f"// https://{OLD}/resources in a comment\n"
        f'var config = {{ host: "qlik.example.com", prefix: "/", webIntegrationId: "{ID}" }};\n'
        f'var other = {{ host: "not-a-config.example.com" }};\n'
        "var embed = { host: `qlik2.example.com`, authType: 'cookie' };\n"
        f"var url = `https://{OLD}:443/api/v1/apps/${{appId}}?qlik-web-integration-id={ID}`;\n"
        f'var cdn = "https://cdn.qlikcloud.com/qlik-embed/x.js";\n'
        f'headers.set("Qlik-Web-Integration-ID", "{ID}"); headers.set("x-other", "NOTANID");\n'
        f'fetch(u, {{ headers: [["qlik-web-integration-id", "{ID}"], ["x", "NOTANID"]] }});\n'
        f'var web_integration_id = "{ID}"; var bare = "{OLD}";\n'
    )
    found = file_mentions("main.js", code)
    hosts = [(code[m.start : m.end], m.how, m.port) for m in found.hosts]
    assert hosts == [
        ("qlik.example.com", "host", None),
        ("qlik2.example.com", "host", None),
        (f"{OLD}:443", "url", 443),
        (OLD, "host", None),
    ]
    assert [code[m.start : m.end] for m in found.ids] == [ID, ID, ID, ID, ID]
    assert all(m.value == ID for m in found.ids)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_string_contents_are_one_exact_literal(contents: str) -> None:
    literal = json.dumps(contents, ensure_ascii=False)
    code = f"/* {contents.replace('*/', '')} */\nconst x = {literal};\n"
    found = places("x.js", code).literals
    assert len(found) == 1
    assert found[0].name == "x"
    assert code[found[0].start : found[0].end] == literal[1:-1] == found[0].raw


SNIPPETS = st.sampled_from(
    [
        '"https://x.qlikcloud.com/r"',
        "'é€😀'",
        "`a${b}c${'d'}`",
        "<script>var a = {host: 'h', n: 1,};</script>",
        "<qlik-embed app-id=x data-host='y'/>",
        "<!-- c -->",
        "// c\n",
        "/* c */",
        "<?= $x ?>",
        "{{ y }}",
        "<p>it's</p>",
        "\x00",
        "\r\n",
        "f(a, 'b');",
        "${",
        "</script>",
        "<script>",
    ]
)


@given(
    st.lists(st.one_of(SNIPPETS, st.text(max_size=8)), max_size=12).map("".join),
    st.sampled_from(["a.js", "a.tsx", "a.ts", "index.html", "a.vue", "a.php", "a.svelte"]),
)
def test_any_text_gives_places_at_exact_offsets(text: str, name: str) -> None:
    found = places(name, text)
    for literal in found.literals:
        assert 0 <= literal.start <= literal.end <= len(text)
        assert text[literal.start : literal.end] == literal.raw
    for prop in found.properties:
        assert text[prop.start : prop.end] == prop.text
        assert found.objects[prop.object_start].start == prop.object_start
    for call in found.calls:
        for start, end, argument in call.arguments:
            assert text[start:end] == argument
    for start, end in found.comments:
        assert 0 <= start < end <= len(text)
    mentions = file_mentions(name, text)
    for mention in mentions.hosts:
        assert text[mention.start : mention.end].lower().startswith(mention.host)
    for mention in mentions.ids:
        assert text[mention.start : mention.end] == mention.value
