"""Whatever a user types, it stays data: HTML still parses with the value as text, and every generated
JavaScript file still parses and holds the value as a string (property-based)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mashup_gen import catalog, generate
from mashup_gen.answers import ELEMENT, OBJECT_ID, check_answer
from mashup_gen.errors import InvalidValue
from tests.conftest import APP_ID
from tests.jssupport import run_page

EXAMPLES = 200 if os.environ.get("CI") else 40

element_names = st.from_regex(ELEMENT, fullmatch=True)
object_ids = st.from_regex(OBJECT_ID, fullmatch=True)
web_integration_ids = st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True)
labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=60),
    objects=st.dictionaries(element_names, object_ids, min_size=1, max_size=4),
    web_integration_id=web_integration_ids,
    tenant=st.builds(lambda a, b: f"{a}.{b}.qlikcloud.com", labels, st.sampled_from(["eu", "us", "de"])),
)
@example(
    title="</script><script>alert(1)</script> \"' & <!-- \n🎉 {{ x }}",
    objects={"kpi": "QVwQm"},
    web_integration_id="abc",
    tenant="acme.eu.qlikcloud.com",
)
def test_values_stay_data(title: str, objects: dict[str, str], web_integration_id: str, tenant: str) -> None:
    try:
        title = check_answer("title", title).value
    except InvalidValue:
        return  # refused values never reach a file; test_answers covers the refusal
    answers = {
        "project_slug": "p",
        "title": title,
        "tenant": tenant,
        "web_integration_id": web_integration_id,
        "app_id": APP_ID,
        "origins": "http://localhost:8000",
        "objects": objects,
    }
    planned = generate.plan(catalog.find("capability"), answers, Path("p"))

    soup = BeautifulSoup(planned.files["index.html"].decode(), "html.parser")
    assert soup.title.string == title
    assert soup.h1.get_text() == title
    placed = {el["id"]: el["data-qlik-object-id"] for el in soup.select("[data-qlik-object-id]")}
    assert placed == objects
    assert f"# {' '.join(title.splitlines())}\n" in planned.files["README.md"].decode()

    with tempfile.TemporaryDirectory() as folder:
        for name, data in planned.files.items():
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / name).write_bytes(data)
        elements = [{"id": e, "objectId": o} for e, o in objects.items()]
        log = run_page(Path(folder) / "index.html", status=200, elements=elements)
        assert log["openApp"]["config"]["webIntegrationId"] == web_integration_id
        assert log["openApp"]["config"]["host"] == tenant
        assert log["requireConfig"]["webIntegrationId"] == web_integration_id
        assert log["fetches"][0]["init"]["headers"]["qlik-web-integration-id"] == web_integration_id
