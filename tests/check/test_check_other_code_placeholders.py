"""Placeholders in server code in other languages (a Flask app's QLIK_TENANT, a C# constant, a default of
os.getenv): the server sends the page to Qlik with them. Comments and tests are passed over."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

APP = """import os
from flask import Flask, render_template

QLIK_TENANT = "%(tenant)s"
WEB_INTEGRATION_ID = os.getenv("WEB_INTEGRATION_ID", "%(wiid)s")
settings = {"clientId": "%(client)s", "title": "your dashboard"}
# TENANT = "your-tenant.eu.qlikcloud.com"
app = Flask(__name__)
"""
CSHARP = """// Tenant = "your-tenant.eu.qlikcloud.com"
public static class Qlik { public const string Tenant = "%s"; }
"""


def flask(root: Path, tenant: str, wiid: str, client: str, csharp: str) -> Path:
    (root / "requirements.txt").write_text("flask\n")
    (root / "templates").mkdir()
    (root / "templates" / "index.html").write_text("<!doctype html><html><body>{{ tenant }}</body></html>")
    (root / "app.py").write_text(APP % {"tenant": tenant, "wiid": wiid, "client": client})
    (root / "Qlik.cs").write_text(CSHARP % csharp)
    (root / "tests").mkdir()
    (root / "tests" / "test_app.py").write_text('QLIK_TENANT = "your-tenant.eu.qlikcloud.com"\n')
    return root


def placeholders(root: Path) -> list[tuple[str, int]]:
    findings = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "placeholder"]


def test_placeholders_in_python_and_csharp_are_reported(tmp_path: Path) -> None:
    root = flask(tmp_path, "https://your-tenant.us.qlikcloud.com", "<web integration id>", "YOUR_CLIENT_ID", "<tenant>")
    assert placeholders(root) == [("Qlik.cs", 2), ("app.py", 4), ("app.py", 5), ("app.py", 6)]


def test_filled_values_are_silent(tmp_path: Path) -> None:
    root = flask(
        tmp_path, "https://acme.us.qlikcloud.com", "Xk3pQ9rT_aZ7bN2cW4e", "5b2e8d0c7a4f41e3", "acme.qlikcloud.com"
    )
    assert placeholders(root) == []


GUIDE = '''"""How to call the export endpoint.

Example:
    POST /api/export?app_id=YOUR_APP_ID
    {"app_id": "YOUR_APP_ID"}

    APP_ID = "YOUR_QLIK_APP_ID_HERE"
"""
import os

QLIK_TENANT = os.getenv("QLIK_TENANT", "%s")
'''


def test_a_usage_guide_in_a_docstring_is_text(tmp_path: Path) -> None:
    """A docstring (Python's triple-quoted text, a Java text block) shows values as examples: the code never
    assigns them. The module's own default below it is still read."""
    (tmp_path / "requirements.txt").write_text("fastapi\n")
    (tmp_path / "guide.py").write_text(GUIDE % "acme.eu.qlikcloud.com")
    assert placeholders(tmp_path) == []
    (tmp_path / "guide.py").write_text(GUIDE % "your-tenant.eu.qlikcloud.com")
    assert placeholders(tmp_path) == [("guide.py", 11)]
