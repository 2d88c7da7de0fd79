"""A JWT sign-in's private key where the browser gets it: a ``.pem`` in a folder the site serves (``public/``,
Angular's ``src/assets/``, a folder ``express.static`` serves), or a token signed by browser code (an Angular
service importing ``jsonwebtoken`` is compiled into the page). Anyone can then sign a token the tenant trusts and
sign in as any user. A key the server reads from its own folder, a public key or a certificate is fine."""

from __future__ import annotations

from pathlib import Path

from check_support import write

from mashup_gen.checker import check_paths

PRIVATE = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAabc\n-----END RSA PRIVATE KEY-----\n"
PUBLIC = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0\n-----END PUBLIC KEY-----\n"
SERVER = (
    "const express = require('express');\n"
    "const fs = require('fs');\n"
    "const jwt = require('jsonwebtoken');\n"
    "const app = express();\n"
    "app.use(express.static('site'));\n"
    "const key = fs.readFileSync('./certs/private.pem');\n"
    "app.get('/jwt', (req, res) => res.json({ token: jwt.sign({ sub: req.query.user }, key, {\n"
    "  algorithm: 'RS256', audience: 'qlik.api/login/jwt-session', keyid: 'k1', issuer: 'acme' }) }));\n"
    "app.listen(3000);\n"
)
ANGULAR_SERVICE = (
    "import { Injectable } from '@angular/core';\n"
    "import { HttpClient } from '@angular/common/http';\n"
    "import * as jwt from 'jsonwebtoken';\n"
    "\n"
    "@Injectable({ providedIn: 'root' })\n"
    "export class QlikJwtService {\n"
    "  constructor(private http: HttpClient) {}\n"
    "  qlikToken(key: string): string {\n"
    "    return jwt.sign({ sub: 'jdoe' }, key, { algorithm: 'RS256', audience: 'qlik.api/login/jwt-session' });\n"
    "  }\n"
    "}\n"
)


def secret_findings(root: Path) -> list[tuple[str, str, int | None]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule.startswith("secret-")]


def node_app(root: Path, **files: str) -> Path:
    base = {
        "package.json": '{"dependencies": {"express": "^4.0.0", "jsonwebtoken": "^9.0.0"}}',
        "server.js": SERVER,
        "site/index.html": "<!doctype html><html><body><h1>Sales</h1></body></html>\n",
        # The server's own keys kept out of the repository (without it, secret-not-ignored warns of them).
        ".gitignore": "certs/\n",
    }
    return write(root, {**base, **files})


def angular_app(root: Path, **files: str) -> Path:
    base = {
        "angular.json": '{"projects": {"app": {"sourceRoot": "src"}}}',
        "package.json": '{"dependencies": {"@angular/core": "^17.0.0", "jsonwebtoken": "^9.0.0"}}',
        "src/index.html": "<!doctype html><html><body><app-root></app-root></body></html>\n",
        "src/app/qlik-jwt.service.ts": ANGULAR_SERVICE.replace("jwt.sign", "String"),
    }
    return write(root, {**base, **files})


def test_a_private_key_the_server_reads_from_its_own_folder_is_silent(tmp_path: Path) -> None:
    assert secret_findings(node_app(tmp_path, **{"certs/private.pem": PRIVATE})) == []


def test_a_private_key_in_the_folder_express_serves_is_reported(tmp_path: Path) -> None:
    root = node_app(tmp_path, **{"certs/private.pem": PRIVATE, "site/keys/private.pem": PRIVATE})
    assert secret_findings(root) == [("secret-in-file", "private.pem", 1)]


def test_a_private_key_in_angular_assets_is_reported(tmp_path: Path) -> None:
    root = angular_app(tmp_path, **{"src/assets/privatekey.pem": PRIVATE})
    assert secret_findings(root) == [("secret-in-file", "privatekey.pem", 1)]


def test_a_private_key_in_a_public_folder_is_reported(tmp_path: Path) -> None:
    root = node_app(tmp_path, **{"public/jwt.key": PRIVATE})
    assert secret_findings(root) == [("secret-in-file", "jwt.key", 1)]


def test_a_public_key_in_a_served_folder_is_silent(tmp_path: Path) -> None:
    assert secret_findings(angular_app(tmp_path, **{"src/assets/publickey.pem": PUBLIC})) == []


def test_an_angular_service_signing_a_jwt_runs_in_the_browser(tmp_path: Path) -> None:
    # Before: importing jsonwebtoken made the service server code, and its signing went unseen.
    root = angular_app(tmp_path, **{"src/app/qlik-jwt.service.ts": ANGULAR_SERVICE})
    assert secret_findings(root) == [("secret-in-code", "qlik-jwt.service.ts", 9)]


def test_a_node_server_signing_a_jwt_is_silent(tmp_path: Path) -> None:
    assert secret_findings(node_app(tmp_path)) == []
