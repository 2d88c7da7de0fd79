"""Placeholders in configuration files that are not code: .NET's Web.config appSettings, appsettings.json, YAML;
a server reads them and renders them into the page (an ASP.NET Web Forms page is a server template)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.checker import check_paths
from mashup_gen.source.configfiles import settings

PAGE = """<%@ Page Language="C#" CodeBehind="login.aspx.cs" %>
<!DOCTYPE html>
<html><body><form runat="server"></form>
<script type="text/javascript">
  PageMethods.GetJWT(function (response) {
    var r = JSON.parse(response);
    fetch(r.Url + "/login/jwt-session?qlik-web-integration-id=" + r.Id, {method: "POST", credentials: "include"});
  });
</script></body></html>
"""
WEB_CONFIG = """<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Issuer" value = "{issuer}" />
    <add key="TenantUrl" value="{tenant}" />
    <add value="{wiid}" key="WebIntegrationID" />
    <add key="ClaimName" value="John Doe" />
  </appSettings>
</configuration>
"""


def placeholder_lines(path: Path) -> list[tuple[str, int]]:
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted() if f.rule == "placeholder"]


def test_web_config_placeholders_are_reported_on_their_lines(tmp_path: Path) -> None:
    (tmp_path / "login.aspx").write_text(PAGE)
    (tmp_path / "Web.config").write_text(
        WEB_CONFIG.format(
            issuer="yourIssuer", tenant="https://yourtenant.eu.qlikcloud.com", wiid="web-integration-id-here"
        )
    )
    assert placeholder_lines(tmp_path) == [("Web.config", 4), ("Web.config", 5), ("Web.config", 6)]


def test_filled_web_config_and_template_files_are_silent(tmp_path: Path) -> None:
    (tmp_path / "login.aspx").write_text(PAGE)
    (tmp_path / "Web.config").write_text(
        WEB_CONFIG.format(issuer="acme-issuer", tenant="https://acme.eu.qlikcloud.com", wiid="Xk3pQ9rT_aZ7bN2c")
    )
    (tmp_path / "Web.template.config").write_text(WEB_CONFIG.format(issuer="yourIssuer", tenant="x", wiid="y"))
    (tmp_path / "appsettings.example.json").write_text('{"TenantUrl": "https://your-tenant.eu.qlikcloud.com"}')
    assert placeholder_lines(tmp_path) == []


def test_json_and_yaml_settings_are_read_with_their_names(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><html><body></body></html>")
    settings_json = '{\n  "Qlik": {\n    "WebIntegrationId": "YOUR_WEB_INTEGRATION_ID"\n  }\n}\n'
    (tmp_path / "appsettings.json").write_text(settings_json)
    (tmp_path / "deploy.yml").write_text("env:\n  QLIK_TENANT: acme.eu.qlikcloud.com\n  QLIK_APP_ID: your-app-id\n")
    (tmp_path / "jwt.yaml").write_text("jwt:\n  keyid: 'my-key-1'\n  issuer: qlik.example.org\n")
    assert placeholder_lines(tmp_path) == [("appsettings.json", 3), ("deploy.yml", 3)]


@given(
    key=st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True),
    value=st.text(st.characters(blacklist_characters="\"'<>&\n\r", blacklist_categories=("Cs",)), max_size=30),
)
def test_every_xml_and_json_setting_is_found_with_the_span_of_its_value(key: str, value: str) -> None:
    xml = f'<appSettings>\n  <add key="{key}" value="{value}" />\n</appSettings>'
    (found,) = settings("Web.config", xml)
    assert (found.key, found.value, xml[found.start : found.end]) == (key, value, value)
    text = '{"' + key + '": "' + value.replace("\\", "\\\\") + '"}'
    (entry,) = settings("appsettings.json", text)
    assert entry.key == key and text[entry.start : entry.end] == value.replace("\\", "\\\\")


def test_another_services_settings_are_not_qliks(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><html><body></body></html>")
    (tmp_path / "auth_config.json").write_text('{"domain": "<replace_auth0_domain>", "clientId": "<your client id>"}')
    assert placeholder_lines(tmp_path) == []
