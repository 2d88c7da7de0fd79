"""``check`` on qlik-embed projects: generated ones are clean; each rule on a small break."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from mashup_gen.checker.facts.embed import is_exact, package_version
from mashup_gen.checker.rules import BY_ID
from mashup_gen.checker.rules.embed import RULES
from tests.embed_support import COOKIE_ARGS, OAUTH_ARGS, ORIGIN

APP = "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e"


def rules(path: Path) -> list[str]:
    return [f.rule for f in check_paths([str(path)]).sorted()]


@pytest.fixture
def oauth_project(tmp_path: Path, invoke) -> Path:
    dest = tmp_path / "portal"
    result = invoke("new", str(dest), *OAUTH_ARGS, "--sheet", "nunQpgh")
    assert result.exit_code == 0, result.output
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def test_rules_are_registered() -> None:
    for rule in RULES:
        assert BY_ID[rule.id] is rule and rule.id.startswith("embed-")


def test_generated_projects_are_clean(oauth_project: Path, tmp_path: Path, invoke) -> None:
    assert rules(oauth_project) == []
    cookie = tmp_path / "cookie"
    assert invoke("new", str(cookie), *COOKIE_ARGS).exit_code == 0
    assert rules(cookie) == []
    local = tmp_path / "local"
    args = [a if a != "acme.eu.qlikcloud.com" else "http://127.0.0.1:8123" for a in OAUTH_ARGS]
    assert invoke("new", str(local), *args).exit_code == 0
    assert rules(local) == []


def test_redirect_uri_off_the_origins(oauth_project: Path) -> None:
    edit(
        oauth_project / "index.html",
        f"{ORIGIN}/oauth-callback.html",
        "https://elsewhere.example.com/oauth-callback.html",
    )
    findings = check_paths([str(oauth_project)]).sorted()
    assert [f.rule for f in findings] == ["embed-redirect-off-origins"]
    assert ORIGIN in findings[0].message and findings[0].path.endswith("index.html") and findings[0].line


def test_redirect_uri_naming_no_file_or_a_page_without_the_callback(oauth_project: Path) -> None:
    index = oauth_project / "index.html"
    edit(index, f"{ORIGIN}/oauth-callback.html", f"{ORIGIN}/app/callback.html")
    assert rules(oauth_project) == ["missing-file"]  # a page the project lacks altogether
    edit(index, f"{ORIGIN}/app/callback.html", f"{ORIGIN}/app/index.html")  # served under /app/: exists
    # The page loads qlik-embed, whose auth module completes the sign-in on whatever page it runs: no finding.
    assert rules(oauth_project) == []
    style = oauth_project / "style.css"
    style.write_text("body { margin: 0 }\n")
    edit(index, f"{ORIGIN}/app/index.html", f"{ORIGIN}/app/style.css")  # a file that runs no Qlik code
    findings = check_paths([str(oauth_project)]).sorted()
    assert [f.rule for f in findings] == ["embed-redirect-no-file"] and "callback script" in findings[0].message
    edit(index, f"{ORIGIN}/app/style.css", "oauth-callback.html")
    assert rules(oauth_project) == ["embed-redirect-off-origins"]


def test_each_sign_in_needs_its_settings(oauth_project: Path) -> None:
    index = oauth_project / "index.html"
    text = index.read_text()
    index.write_text(text.replace('data-client-id="', 'data-other="'))
    assert rules(oauth_project) == ["embed-oauth-no-client-id"]
    index.write_text(text.replace('data-redirect-uri="', 'data-other="'))
    assert rules(oauth_project) == ["embed-oauth-no-redirect-uri"]
    index.write_text(text.replace('data-auth-type="Oauth2"', 'data-auth-type="cookie"'))
    assert rules(oauth_project) == ["embed-cookie-no-web-integration-id"]


def test_host_from_a_meta_tag_or_an_ancestor_counts(tmp_path: Path) -> None:
    # A client id, so that no case is a page without any sign-in (embed-no-auth): only the host varies.
    loader = (
        '<script src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js" '
        'data-client-id="0123456789abcdef0123456789abcdef" {}></script>'
    )
    element = f'<qlik-embed ui="analytics/selections" app-id="{APP}"></qlik-embed>'
    cases = {
        "": ["embed-no-host"],
        'data-host=""': ["embed-no-host"],
        'data-host="https://acme.eu.qlikcloud.com"': [],
        'data-qlik-embed-host="https://acme.eu.qlikcloud.com"': [],
    }
    for number, (attributes, expected) in enumerate(cases.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        (folder / "index.html").write_text(
            f"<html><head>{loader.format(attributes)}</head><body>{element}</body></html>"
        )
        assert rules(folder) == expected, attributes
    meta = tmp_path / "meta"
    meta.mkdir()
    (meta / "index.html").write_text(
        '<html><head><meta name="qlik-embed-host" content="https://acme.eu.qlikcloud.com">'
        f"{loader.format('')}</head><body><div data-qlik-embed-auth-type='cookie'>{element}</div></body></html>"
    )
    assert rules(meta) == ["embed-cookie-no-web-integration-id"]
    empty = tmp_path / "empty-ancestor"
    empty.mkdir()
    host = 'data-host="https://acme.eu.qlikcloud.com"'
    (empty / "index.html").write_text(
        f'<html><head>{loader.format(host)}</head><body><div data-qlik-embed-host="">{element}</div></body></html>'
    )
    assert rules(empty) == []  # the package passes an empty ancestor attribute over


def test_moving_versions_and_cross_site_cookies(oauth_project: Path) -> None:
    index = oauth_project / "index.html"
    edit(index, "@qlik/embed-web-components@1.6.0/", "@qlik/embed-web-components@1/")
    edit(index, 'data-auto-redirect="true"', 'data-auto-redirect="true" data-cross-site-cookies="true"')
    report = check_paths([str(oauth_project)])
    assert sorted(f.rule for f in report.findings) == ["embed-cross-site-cookies", "embed-unpinned"]
    assert not report.failed  # both are warnings


@pytest.mark.parametrize(
    ("src", "version", "exact"),
    [
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js", "1.6.0", True),
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1/dist/index.min.js", "1", False),
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@latest", "latest", False),
        ("https://cdn.jsdelivr.net/npm/@qlik/embed-web-components/dist/index.js", "", False),
        ("https://unpkg.com/@qlik/embed-web-components@1.6.0-beta.1/dist/index.js", "1.6.0-beta.1", True),
        ("vendor/qlik-embed.js", None, False),
    ],
)
def test_package_versions(src: str, version: str | None, exact: bool) -> None:
    assert package_version(src) == version
    assert is_exact(version or "") is exact
