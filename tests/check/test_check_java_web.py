"""Java web apps: JSP pages are server templates (``<% %>`` and the expression language's ``${...}`` are the
server's code, never literals to judge), and Spring's ``application.properties`` is configuration the server
renders into the page, so a Qlik setting left as a placeholder there is found on its line."""

from __future__ import annotations

from pathlib import Path

from check_support import APP, HEAD, ID, LOGIN, TENANT, signed_in, write
from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.checker import check_paths
from mashup_gen.source.blocks import template_blocks, template_language
from mashup_gen.source.configfiles import settings

MASHUP_EL = (
    'var config = { host: "${tenant}", prefix: "/", port: 443, isSecure: true, webIntegrationId: "${wiid}" };\n'
    'require.config({ baseUrl: "https://${tenant}/resources", webIntegrationId: "${wiid}" });\n'
    'require(["js/qlik"], function (qlik) { qlik.openApp("${appId}", config); });\n'
)


def jsp(script: str, head: str = HEAD) -> str:
    return (
        '<%@ page contentType="text/html;charset=UTF-8" %>\n'
        '<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>\n'
        f"<html><head>\n{head}</head><body>\n"
        '<%-- openApp("YOUR_APP_ID") was the sample\'s --%>\n'
        f"<script>\n{script}</script>\n</body></html>\n"
    )


def findings(folder: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(folder)]).sorted()]


def test_a_jsp_mashup_without_sign_in_is_checked(tmp_path: Path) -> None:
    mashup = MASHUP_EL.replace("${tenant}", TENANT).replace("${wiid}", ID).replace("${appId}", APP)
    write(tmp_path, {"src/main/webapp/index.jsp": jsp(mashup)})
    assert ("login-missing", "index.jsp", 11) in findings(tmp_path)


def test_a_jsp_mashup_with_server_values_is_silent(tmp_path: Path) -> None:
    # Every value comes from the server (${...}), the sign-in is there, the sample's placeholder is in a JSP
    # comment: nothing to report.
    write(tmp_path, {"src/main/webapp/index.jsp": jsp(signed_in(MASHUP_EL))})
    assert findings(tmp_path) == []


def test_expression_language_is_server_code_inside_scripts_too() -> None:
    text = "var u = `https://${tenant}/x`; <% out.print(1); %> <%-- c --%> \\${kept}"
    code = [text[b.start : b.end] for b in template_blocks(text, "jsp") if b.kind == "code"]
    assert code == ["${tenant}", "<% out.print(1); %>", "<%-- c --%>"]
    assert template_language("index.jsp", text) == "jsp"


POM = "<project><artifactId>demo</artifactId></project>\n"
PROPERTIES = """# Qlik settings
qlik.tenant = {tenant}
qlik.web-integration-id={wiid}
qlik.app-id: ${{QLIK_APP_ID}}
! another comment
server.port=8080
"""


def test_properties_placeholders_are_reported_on_their_lines(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pom.xml": POM,
            "src/main/resources/application.properties": PROPERTIES.format(
                tenant="https://<tenant>.us.qlikcloud.com", wiid="YOUR_WEB_INTEGRATION_ID"
            ),
        },
    )
    assert [f for f in findings(tmp_path) if f[0] == "placeholder"] == [
        ("placeholder", "application.properties", 2),
        ("placeholder", "application.properties", 3),
    ]


def test_filled_and_environment_properties_are_silent(tmp_path: Path) -> None:
    # Filled values, a Spring ${VARIABLE} read from the environment, and an example file meant to be copied.
    write(
        tmp_path,
        {
            "pom.xml": POM,
            "src/main/webapp/index.jsp": jsp(signed_in(MASHUP_EL)),
            "src/main/resources/application.properties": PROPERTIES.format(tenant=f"https://{TENANT}", wiid=ID),
            "src/main/resources/application-example.properties": PROPERTIES.format(tenant="<tenant>", wiid="<id>"),
        },
    )
    assert findings(tmp_path) == []


@given(
    key=st.from_regex(r"[a-z][a-z0-9.\-]{0,20}", fullmatch=True),
    # A value cannot start with = or : after a blank separator: Java reads that as the separator (key : v).
    value=st.from_regex(r"[A-Za-z0-9<>_/.\-][A-Za-z0-9<>_/:.\-]{0,29}", fullmatch=True),
    separator=st.sampled_from(["=", " = ", ":", ": ", " "]),
)
def test_properties_settings_keep_key_value_and_span(key: str, value: str, separator: str) -> None:
    text = f"# comment\n{key}{separator}{value}\n"
    [setting] = settings("application.properties", text)
    assert (setting.key, setting.value) == (key, value)
    assert text[setting.start : setting.end] == value


def test_a_placeholder_tenant_in_the_require_script_is_named(tmp_path: Path) -> None:
    head = HEAD.replace(TENANT, "<tenant>.us.qlikcloud.com", 1).replace(
        f"https://{TENANT}/resources/assets", "https://<tenant>.us.qlikcloud.com/resources/assets"
    )
    mashup = MASHUP_EL.replace("${tenant}", TENANT).replace("${wiid}", ID).replace("${appId}", APP)
    write(
        tmp_path, {"index.html": f"<html><head>\n{head}</head><body><script>\n{LOGIN}{mashup}</script></body></html>\n"}
    )
    [finding] = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "resource-missing-require"]
    assert "placeholder never filled in" in finding.message


def test_a_client_secret_in_properties_is_an_error_but_a_database_password_is_not(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pom.xml": POM,
            "src/main/webapp/index.jsp": jsp(signed_in(MASHUP_EL)),
            "src/main/resources/application.properties": (
                f"qlik.tenant={TENANT}\n"
                "spring.datasource.password=a-long-database-password-1234\n"
                "qlik.oauth.client-secret=3b1a9c0e7d2f4a6b8c1d3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b\n"
                "qlik.api-key=${QLIK_API_KEY}\n"
            ),
        },
    )
    assert findings(tmp_path) == [("secret-in-file", "application.properties", 3)]
