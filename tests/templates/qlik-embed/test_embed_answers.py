"""qlik-embed answers: the OAuth client id, sign-in, object UI, sheets, redirect URI, and the rules tying them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.answers import (
    AnswerConflict,
    check_answer,
    check_auth,
    check_client_id,
    check_combination,
    check_redirect_uri,
    check_sheets,
    check_ui,
    default_redirect_uri,
    is_asked,
    is_required,
)
from mashup_gen.errors import InvalidValue
from tests.embed_support import CLIENT_ID


def test_client_id_is_hexadecimal_and_other_lengths_warn() -> None:
    assert check_client_id(f" {CLIENT_ID} ").value == CLIENT_ID
    assert check_client_id(CLIENT_ID).warnings == []
    short = check_client_id("abc")
    assert short.value == "abc" and "3 characters" in short.warnings[0]
    for bad in ["", "xyz", CLIENT_ID[:-1] + "g", "0123 4567", "abcdefghijABCDEFGHIJ0123456789_-"]:
        with pytest.raises(InvalidValue, match="hexadecimal"):
            check_client_id(bad)


@given(st.text(min_size=1, max_size=40))
def test_client_id_accepts_exactly_hex(text: str) -> None:
    hexadecimal = text.strip() != "" and all(c in "0123456789abcdefABCDEF" for c in text.strip())
    try:
        value = check_client_id(text).value
    except InvalidValue:
        assert not hexadecimal
    else:
        assert hexadecimal and value == text.strip()


def test_choices() -> None:
    assert check_auth(" OAuth2 ").value == "oauth2" and check_auth("cookie").value == "cookie"
    assert check_ui("Classic").value == "classic"
    with pytest.raises(InvalidValue, match="oauth2 or cookie"):
        check_auth("jwt")
    with pytest.raises(InvalidValue, match="analytics or classic"):
        check_ui("sheet")


def test_sheets() -> None:
    assert check_sheets(["nunQpgh", "abc", "nunQpgh"]).value == "nunQpgh abc"
    assert check_sheets("a b").value == "a b" and check_sheets("").value == ""
    for bad in ["bad id", "CurrentSelections", "a/b"]:
        with pytest.raises(InvalidValue, match="sheet id"):
            check_sheets([bad])
    assert check_answer("sheets", "x y").value == "x y"


def test_redirect_uri() -> None:
    assert check_redirect_uri("").value == ""
    uri = "https://www.example.com/app/oauth-callback.html"
    assert check_redirect_uri(uri).value == uri
    for bad in ["oauth-callback.html", "ftp://x.example.com/a", "https://x.example.com", "https://x.example.com/?a=1",
                "https://x.example.com/a#b", "https://*.example.com/a"]:  # fmt: skip
        with pytest.raises(InvalidValue):
            check_redirect_uri(bad)


def test_requirements_follow_the_sign_in() -> None:
    assert is_required("web_integration_id", {})  # the capability template
    assert is_required("web_integration_id", {"auth": "cookie"})
    assert not is_required("web_integration_id", {"auth": "oauth2"})
    assert is_required("client_id", {"auth": "oauth2"}) and not is_required("client_id", {"auth": "cookie"})
    assert is_required("tenant", {"auth": "oauth2"}) and not is_required("title", {})
    assert is_asked("client_id", {"auth": "oauth2"}) and not is_asked("client_id", {"auth": "cookie"})
    assert not is_asked("web_integration_id", {"auth": "oauth2"}) and is_asked("web_integration_id", {})
    # Sheets are asked (Enter: none); the redirect URI only for OAuth2 sign-in.
    assert is_asked("sheets", {}) and is_asked("title", {})
    assert is_asked("redirect_uri", {"auth": "oauth2"}) and not is_asked("redirect_uri", {"auth": "cookie"})


OAUTH = {"auth": "oauth2", "client_id": CLIENT_ID, "origins": "https://a.example.com https://b.example.com"}


def test_combination_accepts_good_answers() -> None:
    check_combination({})  # a template without a sign-in choice
    check_combination(OAUTH)
    check_combination({**OAUTH, "redirect_uri": "https://b.example.com/portal/oauth-callback.html"})
    check_combination({**OAUTH, "redirect_uri": "HTTPS://B.example.com:443/oauth-callback.html"})
    check_combination({"auth": "cookie", "web_integration_id": "abc"})
    assert default_redirect_uri(OAUTH) == "https://a.example.com/oauth-callback.html"


@pytest.mark.parametrize(
    ("answers", "option", "expected"),
    [
        ({**OAUTH, "client_id": ""}, "--client-id", "needs the OAuth client id"),
        ({"auth": "cookie", "web_integration_id": ""}, "--web-integration-id", "needs the web integration id"),
        ({**OAUTH, "redirect_uri": "https://c.example.com/oauth-callback.html"}, "--set redirect_uri", "origins"),
        ({**OAUTH, "redirect_uri": "http://a.example.com/oauth-callback.html"}, "--set redirect_uri", "origins"),
        ({**OAUTH, "redirect_uri": "https://a.example.com/callback.html"}, "--set redirect_uri", "callback page"),
    ],
)
def test_combination_refuses_answers_that_do_not_go_together(answers: dict, option: str, expected: str) -> None:
    with pytest.raises(AnswerConflict, match=expected) as caught:
        check_combination(answers)
    assert caught.value.option == option
