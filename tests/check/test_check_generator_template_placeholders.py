"""A code generator's template folder (a scaffolding tool or an editor extension copies it and writes the real values
over its slots): when a slot of the placeholders' own spelling also stands where no person types a value (a
whole class name in a class list, ``class="nav-link <replace_ASSISTANT_Class>"``), only a program fills those slots,
so the placeholders of that spelling are not reported. Without such a slot, or with a slot of another spelling,
the same placeholders stay errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

SRC = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js"


def page(nav: str) -> str:
    """A qlik-embed page whose settings are slots: the loader's on lines 3-4, the element's on line 7."""
    return (
        f'<!doctype html><html><head>\n<script crossorigin="anonymous" src="{SRC}" data-auth-type="Oauth2"\n'
        '  data-host="<replace_TENANT_URL>"\n  data-client-id="<replace_OAUTH_CLIENT_ID>"></script>\n'
        f"</head><body>\n{nav}\n"
        '<qlik-embed ui="classic/app" app-id="<replace_APP_ID>"></qlik-embed>\n</body></html>\n'
    )


ENV = "QLIK_TENANT=<replace_TENANT_URL>\nQLIK_APP_ID=<replace_APP_ID>\n"
SERVER = (
    'require("dotenv").config();\nconst express = require("express");\nconst app = express();\n'
    'app.get("/config", (req, res) => res.json({ host: process.env.QLIK_TENANT, appId: process.env.QLIK_APP_ID }));\n'
    'app.use(express.static("."));\napp.listen(3000);\n'
)


def placeholders(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(Path(f.path).name, f.line or 0) for f in found if f.rule == "placeholder" and f.severity.value == "error"]


def project(root: Path, nav: str) -> None:
    write(root, {"index.html": page(nav), ".env": ENV, "server.js": SERVER, "package.json": '{"name": "x"}'})


def test_slots_of_the_spelling_a_class_list_uses_are_a_generators(tmp_path: Path) -> None:
    project(tmp_path, '<nav class="menu <replace_ASSISTANT_Class>"><a href="#a">Assistant</a></nav>')
    assert placeholders(tmp_path) == []


@pytest.mark.parametrize(
    "nav",
    [
        '<nav class="menu"><a href="#a">Assistant</a></nav>',
        # a slot of another spelling says nothing about these
        '<nav class="menu {toggle_assistant}"><a href="#a">Assistant</a></nav>',
        # a slot as an attribute's whole value is one a person may fill in, not a class name
        '<nav title="<replace_MENU_TITLE>"><a href="#a">Assistant</a></nav>',
    ],
    ids=["no slot in a class list", "another spelling", "not a class list"],
)
def test_the_same_placeholders_without_such_a_slot_stay_errors(tmp_path: Path, nav: str) -> None:
    project(tmp_path, nav)
    found = placeholders(tmp_path)
    assert ("index.html", 3) in found and ("index.html", 4) in found and ("index.html", 7) in found
    assert (".env", 1) in found
