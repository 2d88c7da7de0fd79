"""The built-in templates render with MiniJinja (fast to import) only because every file comes out the same,
byte for byte, as Jinja2 (what cookiecutter uses) renders it: checked here over generated answers, every
template and sign-in; and the filters MiniJinja renders with do what Jinja2's do."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import jinja2
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mashup_gen import api, catalog, engines
from mashup_gen.answers import ELEMENT, OBJECT_ID
from mashup_gen.engines import JINJA2, MINIJINJA, RenderFailure
from mashup_gen.errors import InvalidValue
from mashup_gen.render import build_context, render
from tests.conftest import APP_ID

EXAMPLES = 150 if os.environ.get("CI") else 40

TENANTS = [
    "acme.eu.qlikcloud.com",
    "https://Globex.US.qlikcloud.com/",
    "http://127.0.0.1:8123",
    "http://[::1]:9000",
    "https://tenant.example.com:8443",
]
ORIGINS = ["http://localhost:8000", "https://portal.example.com", "https://a.example.org:8443", "http://[::1]:5173"]
AUTHS = {"capability": [None], "webapp": ["cookie", "oauth2"], "qlik-embed": ["oauth2", "cookie", "impersonation"]}
CASES = [(name, auth) for name, auths in AUTHS.items() for auth in auths]


def _both(name: str, answers: dict[str, Any]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    info = api.find_template(name)
    try:
        complete = api.complete_answers(info, api.check_answers(info, answers))
    except InvalidValue:
        return {}, {}  # refused values never reach a file
    outputs = []
    for engine in (JINJA2, MINIJINJA):
        template = dataclasses.replace(info.template, engine=engine)
        outputs.append(render(template, build_context(template, complete)))
    return outputs[0], outputs[1]


@pytest.mark.parametrize(("name", "auth"), CASES)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=40),
    tenant=st.sampled_from(TENANTS),
    origins=st.lists(st.sampled_from(ORIGINS), min_size=1, max_size=3, unique=True),
    objects=st.dictionaries(
        st.from_regex(ELEMENT, fullmatch=True), st.from_regex(OBJECT_ID, fullmatch=True), min_size=1, max_size=3
    ),
    slug=st.from_regex(r"[A-Za-z0-9._-]{1,12}", fullmatch=True),
    extra=st.fixed_dictionaries(
        {},
        optional={
            "sheets": st.sampled_from(["", "abc123", "s1 s2"]),
            "redirect_uri": st.sampled_from(["https://portal.example.com/cb.html", "http://localhost:8000/x/y.html"]),
            "dimensions": st.lists(st.sampled_from(["Region", "Product Name", "Year's <end>"]), min_size=1, max_size=2),
            "measures": st.lists(st.sampled_from(["Sum(Sales)", "Count(distinct [Order ID])"]), min_size=1, max_size=2),
        },
    ),
)
@example(
    title="A\u2028B \"q\" 'a' <b> & {{ x }} \u00e9\u212a", tenant=TENANTS[3], origins=ORIGINS, objects={"kpi": "QVwQm"},
    slug="a-b", extra={},
)  # fmt: skip
def test_builtin_templates_render_the_same_with_both_engines(
    name: str, auth: str | None, title: str, tenant: str, origins: list[str], objects: dict[str, str], slug: str,
    extra: dict[str, Any],
) -> None:  # fmt: skip
    asked = set(catalog.find(name).template.questions)
    answers: dict[str, Any] = {
        "project_slug": slug, "title": title, "tenant": tenant, "app_id": APP_ID, "origins": " ".join(origins),
        "objects": objects, "web_integration_id": "AbCdEfGhIjKlMnOpQrStUvWxYz012345",
        "client_id": "3f6e2a9c41d84b07a5c1e8f2d9b6047a", **extra,
    }  # fmt: skip
    if auth is not None:
        answers["auth"] = auth
    if auth == "oauth2" or auth == "impersonation":
        answers.pop("web_integration_id")
    answers = {key: value for key, value in answers.items() if key in asked}
    jinja2_files, minijinja_files = _both(name, answers)
    assert minijinja_files == jinja2_files


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=8,
    ),
    st.sampled_from([None, 2]),
)
def test_tojson_is_jinja2s(value: Any, indent: int | None) -> None:
    source = "{{ cookiecutter.v | tojson }}" if indent is None else "{{ cookiecutter.v | tojson(indent=2) }}"
    expected = jinja2.Environment().from_string(source).render(cookiecutter={"v": value})
    assert engines.render_minijinja(source, {"v": value}) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escape_is_jinja2s(value: str) -> None:
    expected = jinja2.Environment().from_string("{{ cookiecutter.v | e }}").render(cookiecutter={"v": value})
    assert engines.render_minijinja("{{ cookiecutter.v | e }}", {"v": value}) == expected


def test_line_endings_are_read_as_jinja2_reads_them() -> None:
    source = "a\r\n{% if cookiecutter.x %}b{% endif %}\rc\n"
    assert engines.render_minijinja(source, {"x": True}) == engines.render_jinja2(source, {"x": True}) == "a\nb\nc\n"


@pytest.mark.parametrize("engine", [JINJA2, MINIJINJA])
def test_a_failure_names_the_line_and_never_the_answers(engine: str) -> None:
    with pytest.raises(RenderFailure) as caught:
        engines.engine(engine)("one\n{{ cookiecutter.missing }}\n", {"secret_looking": "s3cr3t-value"})
    assert caught.value.line == 2
    assert "s3cr3t-value" not in str(caught.value)


def test_an_include_never_leaves_its_folders(tmp_path: Any) -> None:
    (tmp_path / "inner").mkdir()
    (tmp_path / "outside.txt").write_text("outside")
    (tmp_path / "inner" / "part.txt").write_text("part {{ cookiecutter.x }}")
    search = (str(tmp_path / "inner"),)
    assert engines.render_minijinja("{% include 'part.txt' %}", {"x": 1}, search) == "part 1"
    for name in ("../outside.txt", "/etc/hostname"):
        with pytest.raises(RenderFailure, match="non-existing template"):
            engines.render_minijinja(f"{{% include '{name}' %}}", {}, search)
