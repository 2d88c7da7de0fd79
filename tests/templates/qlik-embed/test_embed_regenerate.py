"""``regenerate`` re-targets qlik-embed projects (tenant, client id, sign-in, origins) keeping the user's edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import WEB_INTEGRATION_ID
from tests.embed_support import CLIENT_ID, OAUTH_ARGS, ORIGIN, embed_script

NEW_CLIENT = "fedcba9876543210fedcba9876543210"
NEW_TENANT = "beta.us.qlikcloud.com"


@pytest.fixture
def project(tmp_path: Path, invoke) -> Path:
    """An OAuth2 project with user edits in the page, the stylesheet and a file of the user's own."""
    dest = tmp_path / "portal"
    assert invoke("new", str(dest), *OAUTH_ARGS).exit_code == 0
    index = dest / "index.html"
    index.write_text(
        index.read_text().replace("</header>\n", "</header>\n  <p class='note'>Figures refresh hourly.</p>\n")
    )
    css = dest / "embed.css"
    css.write_text(css.read_text().replace("height: 360px", "height: 420px"))
    (dest / "notes.md").write_text("Tenant: https://acme.eu.qlikcloud.com/sense/app/x\n")
    return dest


def record(project: Path) -> dict:
    return json.loads((project / ".mashup-gen.json").read_text())["answers"]


def test_new_tenant_and_client_keep_edits(project: Path, invoke) -> None:
    result = invoke("regenerate", str(project), "--tenant", NEW_TENANT, "--client-id", NEW_CLIENT)
    assert result.exit_code == 0, result.output
    html = (project / "index.html").read_text()
    script = embed_script(html)
    assert script["data-host"] == f"https://{NEW_TENANT}" and script["data-client-id"] == NEW_CLIENT
    assert "Figures refresh hourly." in html and "height: 420px" in (project / "embed.css").read_text()
    callback = embed_script((project / "oauth-callback.html").read_text(), "oauth-callback.js")
    assert callback["data-host"] == f"https://{NEW_TENANT}"
    assert "acme.eu.qlikcloud.com" not in (project / "notes.md").read_text()  # the user's own file, re-targeted
    assert CLIENT_ID not in (project / "README.md").read_text()
    assert record(project)["client_id"] == NEW_CLIENT and record(project)["tenant"] == NEW_TENANT


def test_switching_sign_in_both_ways(project: Path, invoke) -> None:
    result = invoke("regenerate", str(project), "--auth", "cookie", "--web-integration-id", WEB_INTEGRATION_ID)
    assert result.exit_code == 0, result.output
    script = embed_script((project / "index.html").read_text())
    assert script["data-auth-type"] == "cookie" and script["data-web-integration-id"] == WEB_INTEGRATION_ID
    assert "data-client-id" not in script
    assert not (project / "oauth-callback.html").exists()  # the template dropped it; it was not edited
    assert "Figures refresh hourly." in (project / "index.html").read_text()
    result = invoke("regenerate", str(project), "--auth", "oauth2")
    assert result.exit_code == 0, result.output
    script = embed_script((project / "index.html").read_text())
    assert script["data-auth-type"] == "Oauth2" and script["data-client-id"] == CLIENT_ID
    assert (project / "oauth-callback.html").is_file()


def test_an_edited_callback_page_is_kept_when_the_template_drops_it(project: Path, invoke) -> None:
    callback = project / "oauth-callback.html"
    callback.write_text(callback.read_text().replace("<body></body>", "<body>Signing you in</body>"))
    result = invoke("regenerate", str(project), "--auth", "cookie", "--web-integration-id", WEB_INTEGRATION_ID)
    assert result.exit_code == 0, result.output
    assert "Signing you in" in callback.read_text()


def test_new_origins_move_the_redirect_uri(project: Path, invoke) -> None:
    origins = "https://one.example.com https://two.example.com"
    result = invoke("regenerate", str(project), "--set", f"origins={origins}")
    assert result.exit_code == 0, result.output
    assert embed_script((project / "index.html").read_text())["data-redirect-uri"] == (
        "https://one.example.com/oauth-callback.html"
    )
    readme = (project / "README.md").read_text()
    assert "https://two.example.com/oauth-callback.html" in readme and ORIGIN not in readme
    result = invoke("regenerate", str(project), "--set", "redirect_uri=https://two.example.com/oauth-callback.html")
    assert result.exit_code == 0, result.output
    assert embed_script((project / "index.html").read_text())["data-redirect-uri"].startswith("https://two.")


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--auth", "cookie"], "--web-integration-id"),
        (["--set", "redirect_uri=https://evil.example.com/oauth-callback.html"], "redirect_uri"),
        (
            ["--set", "origins=https://elsewhere.example.com", "--set", f"redirect_uri={ORIGIN}/oauth-callback.html"],
            "redirect_uri",
        ),
        (["--client-id", "not-hex"], "--client-id"),
    ],
)
def test_bad_combinations_exit_2_and_change_nothing(project: Path, invoke, args: list[str], option: str) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = invoke("regenerate", str(project), *args)
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_capability_projects_refuse_embed_answers(tmp_path: Path, invoke) -> None:
    from tests.conftest import NEW_ARGS

    dest = tmp_path / "mashup"
    assert invoke("new", str(dest), *NEW_ARGS).exit_code == 0
    result = invoke("regenerate", str(dest), "--client-id", NEW_CLIENT)
    assert result.exit_code == 1 and "does not use client_id" in result.output


def test_a_tree_of_both_templates_is_re_targeted(project: Path, tmp_path: Path, invoke) -> None:
    from tests.conftest import NEW_ARGS

    assert invoke("new", str(tmp_path / "mashup"), *NEW_ARGS).exit_code == 0
    result = invoke("regenerate", "--recursive", str(tmp_path), "--tenant", NEW_TENANT)
    assert result.exit_code == 0, result.output
    assert "2 updated" in result.output
    assert embed_script((project / "index.html").read_text())["data-host"] == f"https://{NEW_TENANT}"
    assert f'host: "{NEW_TENANT}"' in (tmp_path / "mashup" / "mashup.js").read_text()


def test_ui_and_sheets(project: Path, invoke) -> None:
    from tests.embed_support import embeds

    result = invoke("regenerate", str(project), "--ui", "classic", "--sheet", "DzDMb", "--sheet", "nunQpgh")
    assert result.exit_code == 0, result.output
    html = (project / "index.html").read_text()
    assert [(e["ui"], e.get("object-id") or e.get("sheet-id")) for e in embeds(html)] == [
        ("classic/chart", "QVwQm"),
        ("analytics/selections", None),
        ("classic/app", "DzDMb"),
        ("classic/app", "nunQpgh"),
    ]
    assert "Figures refresh hourly." in html and record(project)["sheets"] == "DzDMb nunQpgh"


def test_the_module_refuses_bad_combinations_too(project: Path) -> None:
    from mashup_gen.regeneration import Status, regenerate

    before = (project / "index.html").read_bytes()
    outcome = regenerate(project, {"auth": "cookie"})
    assert outcome.status is Status.FAILED and "web integration id" in outcome.error
    assert (project / "index.html").read_bytes() == before


def test_the_old_client_id_in_the_users_own_files_follows(project: Path, invoke) -> None:
    """A client id the user wrote as a value (quoted) is replaced; one in prose is listed, never guessed at."""
    (project / "auth.js").write_text(f"export const oauthClient = {{ clientId: '{CLIENT_ID}' }};\n")
    (project / "NOTES.txt").write_text(f"Our OAuth client is {CLIENT_ID} (ask IT to rotate it).\n")
    result = invoke("regenerate", str(project), "--client-id", NEW_CLIENT)
    assert (project / "auth.js").read_text() == f"export const oauthClient = {{ clientId: '{NEW_CLIENT}' }};\n"
    assert CLIENT_ID in (project / "NOTES.txt").read_text()
    assert result.exit_code == 1 and "NOTES.txt:1" in result.output, result.output
