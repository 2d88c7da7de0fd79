"""Server code in languages check does not parse (a Flask app, ASP.NET, Rails, Go): read as text for
client-managed Qlik Sense's ticket and repository APIs and the proxy's session cookie; its manifest
(requirements.txt, a .csproj, go.mod...) makes app, templates/ and static/ one project."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.scan import discover

APP = """from flask import Flask, render_template, make_response
from auth import session_for

app = Flask(__name__)

@app.route("/")
def home():
    resp = make_response(render_template("index.html"))
    resp.set_cookie('X-Qlik-Session-Sales', session_for('jdoe'), samesite=False)
    return resp
"""
AUTH = """import requests
# url = "https://qs.acme.lan:4243/qps/sales/ticket?Xrfkey=abcdefghijklmnop"

def session_for(user):
    t = requests.post("https://qs.acme.lan:4243/qps/sales/ticket?Xrfkey=abcdefghijklmnop", cert=CERT).json()
    r = requests.get(f"https://qs.acme.lan/sales/qrs/about?Xrfkey=abcdefghijklmnop&QlikTicket={t['Ticket']}")
    return r.cookies['X-Qlik-Session-Sales']
"""
CLOUD_AUTH = """import os, requests

def token_for(user):
    r = requests.post(f"https://{os.environ['QLIK_TENANT']}/oauth/token", json={"grant_type": "client_credentials"})
    return r.json()["access_token"]
"""


def flask_app(root: Path, auth: str) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "static").mkdir()
    (root / "requirements.txt").write_text("flask\nrequests\n")
    (root / "app.py").write_text(APP if "qps" in auth else APP.replace("'X-Qlik-Session-Sales'", "'token'"))
    (root / "auth.py").write_text(auth)
    (root / "templates" / "index.html").write_text('<!doctype html><html><body><script src="/static/main.js"></script>')
    (root / "static" / "main.js").write_text("console.log('hi');\n")
    return root


def client_managed(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "client-managed-api"]


def test_a_flask_app_with_templates_and_static_is_one_project(tmp_path: Path) -> None:
    (project,) = discover(flask_app(tmp_path, AUTH), ".")
    assert project.root == tmp_path and len(project.pages) == 1 and len(project.scripts) == 1


def test_a_python_server_on_qps_tickets_and_the_proxy_cookie_is_reported(tmp_path: Path) -> None:
    # The endpoints on their lines (never in a comment), the proxy's cookie once for the whole project.
    assert client_managed(flask_app(tmp_path, AUTH)) == [("app.py", 9), ("auth.py", 5), ("auth.py", 6)]


def test_a_python_server_on_qlik_cloud_oauth_is_silent(tmp_path: Path) -> None:
    assert client_managed(flask_app(tmp_path, CLOUD_AUTH)) == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ticket.cs", 'var url = "https://qs.acme.lan:4243/qps/ticket?xrfkey=" + key;\n'),
        ("main.go", 'resp, _ := client.Get("https://qs.acme.lan/qrs/app/full?xrfkey=abcdefghijklmnop")\n'),
    ],
)
def test_other_languages_are_read_too(tmp_path: Path, name: str, code: str) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><html><body></body></html>")
    (tmp_path / name).write_text(code)
    assert client_managed(tmp_path) == [(name, 1)]


def test_tests_are_silent_and_a_file_gets_two_findings_then_a_count(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><html><body></body></html>")
    (tmp_path / "requirements.txt").write_text("requests\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_qrs.py").write_text('assert get("/qrs/app") == []\n')
    (tmp_path / "qrs.py").write_text("".join(f'def f{i}(): return get("/qrs/{n}")\n' for i, n in enumerate("abcde")))
    findings = [f for f in check_paths([str(tmp_path)]).sorted() if f.rule == "client-managed-api"]
    assert [(f.path.rsplit("/", 1)[-1], f.line) for f in findings] == [("qrs.py", 1), ("qrs.py", 2)]
    assert findings[1].message.endswith("(and 3 more in this file)")
