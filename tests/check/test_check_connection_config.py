"""Connection configs of libraries on the capability API and enigma.js (qdt-components in an Angular component,
Motor in React): ``{host, secure, port, prefix, appId}`` needs the web integration id on Qlik Cloud, under the
key the library reads, and a Qlik Cloud host."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

COMPONENT = """import { Component, ElementRef } from '@angular/core';
import { qdtEnigma, qdtCapabilityApp } from 'qdt-components';

const config = {
  host: '%(host)s',
  secure: true,
  port: 443,
  prefix: '',
  appId: '133dab5d-8f56-4d40-b3e0-a6b401391bde',%(extra)s
};

@Component({ selector: 'qdt-component', template: 'Loading...' })
export class QdtComponent {
  constructor(private elementRef: ElementRef) {}
  static engine = qdtEnigma(config);
  static app = qdtCapabilityApp(config);
}
"""


def project(tmp_path: Path, host: str, extra: str = "", later: str = "") -> Path:
    (tmp_path / "package.json").write_text(
        '{"name": "a", "dependencies": {"@angular/core": "17", "qdt-components": "3"}}'
    )
    (tmp_path / "src" / "app").mkdir(parents=True)
    (tmp_path / "src" / "index.html").write_text("<!doctype html><html><body><app-root></app-root></body></html>")
    (tmp_path / "src" / "main.ts").write_text("import './app/qdt.component';\n")
    (tmp_path / "src" / "app" / "qdt.component.ts").write_text(COMPONENT % {"host": host, "extra": extra} + later)
    return tmp_path


def found(path: Path) -> list[tuple[str, int]]:
    rules = ("connection-config-no-id", "config-host-not-cloud")
    return [(f.rule, f.line) for f in check_paths([str(path)]).sorted() if f.rule in rules]


def test_a_qdt_config_without_the_id_on_a_client_managed_host_is_reported(tmp_path: Path) -> None:
    assert found(project(tmp_path, "sense-demo.qlik.com")) == [
        ("connection-config-no-id", 4),
        ("config-host-not-cloud", 5),
    ]


@pytest.mark.parametrize(
    ("extra", "later"),
    [
        ("\n  webIntegrationId: 'Xk3pQ9rT_aZ7bN2cW4e',", ""),
        ("\n  webIntId: 'Xk3pQ9rT_aZ7bN2cW4e', qcs: true,", ""),  # Motor's spelling
        ("", "config.webIntegrationId = 'Xk3pQ9rT_aZ7bN2cW4e';\n"),  # added after the literal
    ],
)
def test_a_cloud_config_with_the_id_under_any_spelling_is_silent(tmp_path: Path, extra: str, later: str) -> None:
    assert found(project(tmp_path, "acme.eu.qlikcloud.com", extra, later)) == []


def test_an_oauth_host_config_or_a_server_connection_is_not_a_cookie_connection(tmp_path: Path) -> None:
    assert found(project(tmp_path, "acme.eu.qlikcloud.com", "\n  authType: 'Oauth2', clientId: 'abc',")) == []
    server = tmp_path / "server"
    server.mkdir()
    (server / "package.json").write_text('{"name": "s", "dependencies": {"express": "4"}}')
    (server / "index.js").write_text(
        "const express = require('express');\nconst cfg = { host: 'acme.eu.qlikcloud.com', port: 443, "
        "appId: 'a', secure: true };\nexpress().listen(3000);\n"
    )
    assert found(server) == []


@pytest.mark.parametrize(
    ("extra", "flagged"),
    [
        ("\n  urlParams: { 'qlik-web-integration-id': 'Xk3pQ9rT_aZ7bN2cW4e' },", False),
        ("\n  urlParams: params,", False),  # defined elsewhere: not judged
        ("\n  urlParams: { reloadUri: 'x' },", True),
    ],
)
def test_enigmas_build_url_config_carries_the_id_in_url_params(tmp_path: Path, extra: str, flagged: bool) -> None:
    rules = {rule for rule, _ in found(project(tmp_path, "acme.eu.qlikcloud.com", extra))}
    assert ("connection-config-no-id" in rules) is flagged
