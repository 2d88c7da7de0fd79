"""A secret's value that declares itself a stand-in ("test-secret-not-for-production", "dummy_api_key_for_tests")
was written to be read, for a test service or a local run: nothing real leaks. A random-looking value beside it
is still a secret, in a project file and in browser code."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

COMPOSE = """services:
  test:
    environment:
      JWT_SECRET: "%s"
  api:
    environment:
      QLIK_CLIENT_SECRET: c7f3e9a1b5d24f6e8a0c2b4d6f8e1a3c
"""
BROWSER = "const config = { host: 'acme.eu.qlikcloud.com', apiKey: '%s' };\n"


def secrets(root: Path) -> list[tuple[str, str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule.startswith("secret-")]


def test_a_value_that_says_it_is_for_tests_is_no_secret(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "compose.yaml").write_text(COMPOSE % "test-secret-not-for-production")
    (tmp_path / "app.js").write_text(BROWSER % "dummy_api_key_for_local_runs")
    assert secrets(tmp_path) == [("secret-in-file", "compose.yaml", 7)]


def test_a_random_value_is_still_a_secret(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "compose.yaml").write_text(COMPOSE % "Zr8qL2vN5xT1wB7mK4pS9dF3")
    (tmp_path / "app.js").write_text(BROWSER % "Nh8T4hN8fdc8sIJ8qr9GHL9d01ymR8kO")
    assert secrets(tmp_path) == [
        ("secret-in-code", "app.js", 1),
        ("secret-in-file", "compose.yaml", 4),
        ("secret-in-file", "compose.yaml", 7),
    ]
