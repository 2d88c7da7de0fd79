"""A server that hands a secret from its environment to the page it renders (Express's ``res.render('index',
{ apiKey: process.env.QLIK_API_KEY })``, Flask's ``render_template('index.html', api_key=os.environ[...])``,
or returns it with ``jsonify``) gives it to every browser that asks: secret-served, where it is read. The
tenant's host and a web integration id handed the same way are no secrets, and are silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths

EXPRESS = """const express = require('express');
const app = express();
app.set('view engine', 'ejs');
app.get('/', (req, res) => res.render('index', {{ tenant: process.env.QLIK_TENANT, {key}: process.env.{env} }}));
app.listen(3000);
"""
FLASK = """import os
from flask import Flask, jsonify, render_template

app = Flask(__name__)
API_KEY = os.environ["{env}"]


@app.route("/")
def index():
    return render_template("index.html", tenant=os.environ["QLIK_TENANT"], {key}=os.getenv("{env}"))


@app.route("/config")
def config():
    return jsonify(tenant=os.environ["QLIK_TENANT"], {key}=API_KEY)
"""


def served(path: Path) -> list[tuple[str, int]]:
    found = check_paths([str(path)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "secret-served"]


def test_express_renders_an_api_key_into_the_page(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0", "ejs": "^3.0.0"}}')
    (tmp_path / "server.js").write_text(EXPRESS.format(key="apiKey", env="QLIK_API_KEY"))
    assert served(tmp_path) == [("server.js", 4)]


def test_flask_renders_or_returns_an_api_key(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("flask\n")
    (tmp_path / "app.py").write_text(FLASK.format(key="api_key", env="QLIK_API_KEY"))
    assert served(tmp_path) == [("app.py", 10), ("app.py", 15)]


@pytest.mark.parametrize(("key", "env"), [("webIntegrationId", "QLIK_WEB_INTEGRATION_ID")])
def test_values_that_are_no_secrets_are_silent(tmp_path: Path, key: str, env: str) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.0.0", "ejs": "^3.0.0"}}')
    (tmp_path / "server.js").write_text(EXPRESS.format(key=key, env=env))
    (tmp_path / "requirements.txt").write_text("flask\n")
    (tmp_path / "app.py").write_text(FLASK.format(key="web_integration_id", env=env))
    assert served(tmp_path) == []
