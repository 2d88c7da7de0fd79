"""A Python route that returns a secret's key (clientSecret, client_secret, api_key) with a value the server holds
(a settings object, a config mapping) sends the server's secret to whoever calls it: secret-served, as for
os.environ reads. The client id, which the browser needs, stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

MAIN = """from fastapi import FastAPI

from settings import settings

app = FastAPI()


@app.get("/api/embed-config")
def embed_config():
    return {
        "host": settings.qlik_host,
        "%s": settings.%s,
    }
"""


def _served(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "secret-served"]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("clientSecret", "qlik_client_secret", [("secret-served", 12)]),
        ("api_key", "qlik_api_key", [("secret-served", 12)]),
        ("clientId", "qlik_client_id", []),
    ],
)
def test_a_python_route_returning_a_held_secret(tmp_path: Path, key: str, value: str, expected: list) -> None:
    settings = "class Settings:\n    qlik_host = ''\n\n\nsettings = Settings()\n"
    write(tmp_path, {"main.py": MAIN % (key, value), "settings.py": settings, "requirements.txt": "fastapi\n"})
    assert _served(tmp_path) == expected
