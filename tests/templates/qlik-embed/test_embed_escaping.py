"""Whatever a user types, it stays data in a qlik-embed project: the pages parse with every value intact in
its attribute or text, and the README's qlik-cli body is valid JSON holding the values (property-based)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mashup_gen import catalog, generate
from mashup_gen.answers import ELEMENT, OBJECT_ID, check_answer
from mashup_gen.errors import InvalidValue
from tests.conftest import APP_ID
from tests.embed_support import embed_script

EXAMPLES = 200 if os.environ.get("CI") else 40


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=60),
    objects=st.dictionaries(
        st.from_regex(ELEMENT, fullmatch=True), st.from_regex(OBJECT_ID, fullmatch=True), min_size=1, max_size=4
    ),
    client_id=st.from_regex(r"[0-9a-fA-F]{1,40}", fullmatch=True),
    slug=st.from_regex(r"[A-Za-z0-9._-]{1,20}", fullmatch=True),
)
@example(title='</script><script>alert(1)</script> "\' & <!-- \n{{ x }}', objects={"kpi": "QVwQm"},
         client_id="abc", slug='a"b')  # fmt: skip
def test_values_stay_data(title: str, objects: dict[str, str], client_id: str, slug: str) -> None:
    try:
        title = check_answer("title", title).value
    except InvalidValue:
        return  # refused values never reach a file
    answers = {
        "project_slug": slug,
        "title": title,
        "tenant": "acme.eu.qlikcloud.com",
        "auth": "oauth2",
        "client_id": client_id,
        "web_integration_id": "",
        "app_id": APP_ID,
        "origins": "https://portal.example.com",
        "redirect_uri": "",
        "objects": objects,
        "sheets": "",
        "ui": "analytics",
    }
    planned = generate.plan(catalog.find("qlik-embed"), answers, Path("p"))
    html = planned.files["index.html"].decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.string == title and soup.h1.get_text() == title
    assert embed_script(html)["data-client-id"] == client_id
    placed = {tag.parent["id"]: tag.get("object-id", "CurrentSelections") for tag in soup.find_all("qlik-embed")}
    assert placed == objects
    readme = planned.files["README.md"].decode()
    body = json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])
    assert body["clientName"] == slug
