"""Shared values and helpers of the qlik-embed tests: command-line arguments and reading a generated page."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import APP_ID, TENANT, WEB_INTEGRATION_ID

CLIENT_ID = "0123456789abcdef0123456789abcdef"
ORIGIN = "https://portal.example.com"
PACKAGE = Path(__file__).resolve().parent / "node_modules" / "@qlik" / "embed-web-components"
OAUTH_ARGS = [
    "--template", "qlik-embed",
    "--tenant", TENANT,
    "--app-id", APP_ID,
    "--object", "chart=QVwQm",
    "--object", "CurrentSelections",
    "--client-id", CLIENT_ID,
    "--origin", ORIGIN,
    "--no-input",
]  # fmt: skip
COOKIE_ARGS = [
    "--template", "qlik-embed",
    "--auth", "cookie",
    "--tenant", TENANT,
    "--web-integration-id", WEB_INTEGRATION_ID,
    "--app-id", APP_ID,
    "--object", "chart=QVwQm",
    "--no-input",
]  # fmt: skip


def embed_script(html: str, name: str = "index.js") -> dict[str, str]:
    """The attributes of the page's script tag loading ``@qlik/embed-web-components/dist/NAME``."""
    soup = BeautifulSoup(html, "html.parser")
    tags = [t for t in soup.find_all("script") if str(t.get("src", "")).endswith(f"/dist/{name}")]
    assert len(tags) == 1, tags
    return {key: str(value) for key, value in tags[0].attrs.items()}


def embeds(html: str) -> list[dict[str, str]]:
    """Each ``<qlik-embed>``'s attributes, with ``element``: the id of the element around it."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all("qlik-embed"):
        attributes = {key: str(value) for key, value in tag.attrs.items()}
        attributes["element"] = str(tag.parent.get("id"))
        found.append(attributes)
    return found


def pinned_version() -> str:
    """The exact version of @qlik/embed-web-components the browser tests install (tests/package.json)."""
    package = json.loads((Path(__file__).resolve().parent / "package.json").read_text())
    return str(package["dependencies"]["@qlik/embed-web-components"])
