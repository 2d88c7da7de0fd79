"""The webapp template from the command line: what `new` writes, cookiecutter on its own, regenerate and check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mashup_gen.answers import check_dimensions, check_measures
from mashup_gen.catalog import builtin_root
from mashup_gen.record import load
from mashup_gen.render import Template, build_context, render
from tests.cli_support import Invoke, new_project
from tests.paths import TESTS

WEBAPP = builtin_root() / "webapp"
NODE_ENIGMA = TESTS / "node_modules" / "enigma.js"
TENANT = "acme.eu.qlikcloud.com"
WID = "abcdefghijABCDEFGHIJ0123456789_-"
APP = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"
ARGS = ["--template", "webapp", "--tenant", TENANT, "--web-integration-id", WID, "--app-id", APP]


def generate(invoke: Invoke, dest: Path, *extra: str) -> Path:
    """A web app project: `new --template webapp` with ARGS and ``extra``."""
    return new_project(dest, *ARGS, *extra, "--no-input", invoke=invoke)


def js_value(source: str, name: str) -> object:
    """The JSON literal a `const NAME = ...;` line of app.js holds."""
    match = re.search(rf"^const {name} = (.*);$", source, re.MULTILINE)
    assert match, name
    return json.loads(match.group(1))


def engine_base(source: str) -> str:
    """The engine's base URL, the JSON literal that starts app.js's socket URL."""
    match = re.search(r"^  return (\"[^\"]*\") \+ '/app/'", source, re.MULTILINE)
    assert match
    return str(json.loads(match.group(1)))


def test_generates_a_web_app_with_lists_in_the_record(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(
        invoke, tmp_path / "sales", "--dimension", "Region", "--dimension", "Order Date",
        "--measure", "Sum(Sales)", "--measure", "Count(DISTINCT Customer)", "--title", "Sales",
    )  # fmt: skip
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert files == [
        ".gitignore", ".mashup-gen.json", "README.md", "app.js", "index.html", "qlik-session.js",
        "vendor/enigma/LICENSE", "vendor/enigma/enigma.min.js", "vendor/enigma/schemas/12.2027.0.json",
        "views.js", "webapp.css",
    ]  # fmt: skip
    record = load(project)
    assert record.template == "webapp"
    assert record.answers["dimensions"] == ["Region", "Order Date"]
    assert record.answers["measures"] == ["Sum(Sales)", "Count(DISTINCT Customer)"]
    app = (project / "app.js").read_text()
    assert js_value(app, "appId") == APP
    assert engine_base(app) == f"wss://{TENANT}"
    assert js_value(app, "dimensions") == ["Region", "Order Date"]
    assert js_value(app, "measures") == ["Sum(Sales)", "Count(DISTINCT Customer)"]
    assert "qlik-csrf-token" in app and "qlik-web-integration-id" in app
    session = (project / "qlik-session.js").read_text()
    assert f'"https://{TENANT}"' in session and f'"{WID}"' in session


def test_defaults_are_stored_as_lists(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    assert load(project).answers["dimensions"] == ["Region"]
    assert load(project).answers["measures"] == ["Sum(Sales)"]


def test_loopback_tenant_uses_ws(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("new", str(tmp_path / "p"), *ARGS, "--tenant", "http://127.0.0.1:8123", "--no-input")
    assert result.exit_code == 0, result.output
    assert engine_base((tmp_path / "p" / "app.js").read_text()) == "ws://127.0.0.1:8123"


def test_nothing_is_loaded_from_qlik_resources(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    html = (project / "index.html").read_text()
    assert "/resources" not in html
    # The tenant is named only where the page allows talking to it (its Content-Security-Policy).
    assert [line for line in html.splitlines() if TENANT in line] == [
        line for line in html.splitlines() if 'http-equiv="Content-Security-Policy"' in line
    ]
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert sources == ["webapp.css", "qlik-session.js", "vendor/enigma/enigma.min.js", "app.js"]
    for path in project.rglob("*.js"):
        assert "/resources/" not in path.read_text(), path


def test_vendored_enigma_is_the_npm_package(tmp_path: Path, invoke: Invoke) -> None:
    if not NODE_ENIGMA.is_dir():
        pytest.skip("run `npm ci --prefix tests` for enigma.js")
    pinned = json.loads((TESTS / "package.json").read_text())["dependencies"]["enigma.js"]
    assert json.loads((NODE_ENIGMA / "package.json").read_text())["version"] == pinned
    project = generate(invoke, tmp_path / "p")
    vendor = project / "vendor" / "enigma"
    assert (vendor / "enigma.min.js").read_bytes() == (NODE_ENIGMA / "enigma.min.js").read_bytes()
    assert (vendor / "LICENSE").read_bytes() == (NODE_ENIGMA / "LICENSE").read_bytes()
    schema = "schemas/12.2027.0.json"
    assert (vendor / schema).read_bytes() == (NODE_ENIGMA / schema).read_bytes()
    # The newest schema the package ships is the one vendored.
    newest = max((NODE_ENIGMA / "schemas").glob("12.*.json"), key=lambda p: tuple(map(int, p.stem.split("."))))
    assert newest.name == Path(schema).name
    assert f"{pinned} (MIT)" in (project / "README.md").read_text()


def test_hostile_values_stay_in_their_context(tmp_path: Path, invoke: Invoke) -> None:
    measure = "Sum({<Region={'</script>'}>} \u2028Sales) & \"q\""
    title = '<b>Sales</b> </script> "x"'
    project = generate(invoke, tmp_path / "p", "--measure", measure, "--dimension", "[It's]", "--title", title)
    app = (project / "app.js").read_text()
    assert "</script>" not in app and "\u2028" not in app
    assert js_value(app, "measures") == [measure]
    assert js_value(app, "dimensions") == ["It's"]
    html = (project / "index.html").read_text()
    assert "<b>" not in html and "&lt;b&gt;Sales&lt;/b&gt;" in html


_free_text = st.text(st.characters(blacklist_categories=["Cs", "Cc", "Cn"]), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_free_text, min_size=1, max_size=3), st.lists(_free_text, min_size=1, max_size=3))
def test_any_dimensions_and_measures_reach_app_js_as_data(dimensions: list[str], measures: list[str]) -> None:
    """Whatever a user types, app.js holds it as one JSON string each, and no value ends the script early."""
    dims = check_dimensions(dimensions).value
    meas = check_measures(measures).value
    template = Template.load(WEBAPP)
    answers = {"tenant": TENANT, "web_integration_id": WID, "app_id": APP, "dimensions": dims, "measures": meas}
    app = render(template, build_context(template, answers))["app.js"].decode()
    assert js_value(app, "dimensions") == dims
    assert js_value(app, "measures") == meas
    assert "</" not in app.split("const measures = ", 1)[1].split("\n", 1)[0]


@pytest.mark.parametrize(
    ("args", "option", "expected"),
    [
        (["--measure", " "], "--measure", "expected a measure"),
        (["--measure", "Sum(\x01)"], "--measure", "printable"),
        (["--dimension", "[]"], "--dimension", "field name"),
    ],
)
def test_bad_hypercube_values_exit_2(
    tmp_path: Path, invoke: Invoke, args: list[str], option: str, expected: str
) -> None:
    result = invoke("new", str(tmp_path / "p"), *ARGS, *args, "--no-input")
    assert result.exit_code == 2
    assert option in result.output and expected in result.output
    assert not (tmp_path / "p").exists()


def test_capability_template_does_not_take_measures(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke(
        "new", str(tmp_path / "p"), "--tenant", TENANT, "--web-integration-id", WID, "--app-id", APP,
        "--measure", "Sum(Sales)", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 2 and "does not use --measure" in result.output
    assert not (tmp_path / "p").exists()


def test_prompts_for_lists_on_a_terminal(tmp_path: Path, invoke: Invoke) -> None:
    # Asked for: the sign-in (default cookie taken), the dimensions, the measures, then the origins (default taken).
    answers = "\n".join(["", "Region, Product", "Sum(Sales), Count(Region)", ""]) + "\n"
    result = invoke("new", str(tmp_path / "p"), *ARGS, "--title", "T", input=answers, tty=True)
    assert result.exit_code == 0, result.output
    assert "Dimensions" in result.output and "Measures" in result.output
    record = load(tmp_path / "p")
    assert record.answers["dimensions"] == ["Region", "Product"]
    assert record.answers["measures"] == ["Sum(Sales)", "Count(Region)"]


ANSWER_SETS = [
    {},
    {"tenant": "http://127.0.0.1:8123", "title": 'A "web" </script> app', "dimensions": ["Region"]},
]


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_same_bytes_as_cookiecutter(tmp_path: Path, answers: dict) -> None:
    """`cookiecutter templates/webapp` works on its own (a list default is a cookiecutter choice)."""
    from cookiecutter.main import cookiecutter

    out = Path(cookiecutter(str(WEBAPP), no_input=True, output_dir=str(tmp_path), extra_context=answers))
    expected = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    template = Template.load(WEBAPP)
    assert render(template, build_context(template, answers)) == expected


def test_regenerate_retargets_and_keeps_edits(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p", "--title", "Sales")
    css = project / "webapp.css"
    css.write_text(css.read_text() + "\n/* mine */\nbody { color: red; }\n")
    app = project / "app.js"
    app.write_text(app.read_text().replace("const MAX_ROWS", "// my note\nconst MAX_ROWS"))
    new_wid = "ZYXWVUTSRQzyxwvutsrq9876543210-_"
    new_app = "7c1f3a52-9d4e-4b8a-a6f2-3e5d7c9b1a04"
    result = invoke(
        "regenerate", str(project), "--tenant", "acme.de.qlikcloud.com", "--web-integration-id", new_wid,
        "--app-id", new_app, "--dimension", "Product", "--measure", "Avg(Price)", "--measure", "Count(Order)",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = app.read_text()
    assert engine_base(text) == "wss://acme.de.qlikcloud.com"
    assert js_value(text, "appId") == new_app
    assert js_value(text, "dimensions") == ["Product"]
    assert js_value(text, "measures") == ["Avg(Price)", "Count(Order)"]
    assert "// my note" in text
    assert "body { color: red; }" in css.read_text()
    for path in project.rglob("*"):
        if path.is_file() and path.name != ".mashup-gen.json":
            assert TENANT not in path.read_text(errors="replace"), path
            assert WID not in path.read_text(errors="replace"), path
    [patch] = [line for line in (project / "README.md").read_text().splitlines() if "web-integration patch" in line]
    assert patch.strip().startswith("qlik web-integration patch ") and patch.endswith(f" -- '{new_wid}'")
    answers = load(project).answers
    assert answers["dimensions"] == ["Product"] and answers["measures"] == ["Avg(Price)", "Count(Order)"]


def test_regenerate_refuses_measures_for_a_capability_project(tmp_path: Path, invoke: Invoke) -> None:
    dest = tmp_path / "cap"
    result = invoke("new", str(dest), "--tenant", TENANT, "--web-integration-id", WID, "--app-id", APP, "--no-input")
    assert result.exit_code == 0
    result = invoke("regenerate", str(dest), "--measure", "Sum(Sales)")
    assert result.exit_code == 1 and "does not use" in result.output


def test_check_finds_nothing_wrong_in_a_generated_web_app(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    result = invoke("check", str(project))
    assert result.exit_code == 0, result.output
    assert "resource-missing" not in result.output


@pytest.mark.parametrize(
    ("param", "rule"),
    [("qlik-csrf-token", "engine-url-no-csrf"), ("qlik-web-integration-id", "engine-url-no-web-integration-id")],
)
def test_check_sees_the_socket_url_of_a_generated_web_app(
    tmp_path: Path, invoke: Invoke, param: str, rule: str
) -> None:
    """The engine URL is one statement in app.js, so check notices a parameter taken out of it."""
    project = generate(invoke, tmp_path / "p")
    app = project / "app.js"
    text, count = re.subn(rf"\s*\+\s*'[?&]{param}=' \+ encodeURIComponent\([^)]*\)", "", app.read_text())
    assert count == 1
    if param == "qlik-web-integration-id":  # the token's parameter now opens the query
        text = text.replace("'&qlik-csrf-token='", "'?qlik-csrf-token='")
    app.write_text(text)
    result = invoke("check", str(project))
    assert result.exit_code == 1, result.output
    assert rule in result.output


def test_templates_lists_webapp(invoke: Invoke) -> None:
    result = invoke("templates")
    assert result.exit_code == 0
    assert "webapp 1.0.0" in result.output and "enigma.js" in result.output


def test_set_takes_typed_lists(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p", "--set", "measures=Sum(If(Year = 2024, Sales, 0)), Count(Order)")
    assert load(project).answers["measures"] == ["Sum(If(Year = 2024, Sales, 0))", "Count(Order)"]
    result = invoke("regenerate", str(project), "--set", "dimensions=[Order Date] Region")
    assert result.exit_code == 0, result.output
    assert js_value((project / "app.js").read_text(), "dimensions") == ["Order Date", "Region"]
    result = invoke("regenerate", str(project), "--set", "measures=")
    assert result.exit_code == 2 and "expected a measure" in result.output


def test_check_sees_a_content_security_policy_that_blocks_the_engine(tmp_path: Path, invoke: Invoke) -> None:
    project = generate(invoke, tmp_path / "p")
    page = project / "index.html"
    html = page.read_text()
    assert f"connect-src 'self' https://{TENANT} wss://{TENANT};" in html
    page.write_text(html.replace(f" wss://{TENANT};", ";"))
    result = invoke("check", str(project))
    assert result.exit_code == 1 and "csp-blocks-tenant" in result.output
