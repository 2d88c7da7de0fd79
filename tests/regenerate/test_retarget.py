"""Replacing the old tenant and web integration id in text, and reporting the ambiguous mentions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mashup_gen.retarget import HOST, WEB_INTEGRATION_ID, Retarget
from mashup_gen.tenant import Tenant

OLD_ID = "abcdefghijABCDEFGHIJ0123456789_-"
NEW_ID = "ZYXWVUTSRQzyxwvutsrq9876543210-_"


def retarget(old: str = "acme.eu.qlikcloud.com", new: str = "globex.us.qlikcloud.com") -> Retarget:
    return Retarget(Tenant.parse(old), Tenant.parse(new), OLD_ID, NEW_ID)


def test_urls_on_the_old_tenant_are_replaced() -> None:
    text = (
        '<script src="https://acme.eu.qlikcloud.com/resources/assets/external/requirejs/require.js"></script>\n'
        "fetch('https://ACME.eu.qlikcloud.com:443/api/v1/users/me');\n"
        "connect-src https://acme.eu.qlikcloud.com wss://acme.eu.qlikcloud.com;\n"
        "var u = '//acme.eu.qlikcloud.com/hub';\n"
        "see http://acme.eu.qlikcloud.com.\n"
    )
    done = retarget().apply(text)
    assert done.text == (
        '<script src="https://globex.us.qlikcloud.com/resources/assets/external/requirejs/require.js"></script>\n'
        "fetch('https://globex.us.qlikcloud.com/api/v1/users/me');\n"
        "connect-src https://globex.us.qlikcloud.com wss://globex.us.qlikcloud.com;\n"
        "var u = '//globex.us.qlikcloud.com/hub';\n"
        "see https://globex.us.qlikcloud.com.\n"
    )
    assert done.replaced == 6 and done.mentions == []


def test_old_host_as_a_string_is_replaced() -> None:
    done = retarget().apply(
        "var config = { host: 'acme.eu.qlikcloud.com', port: 443 };\nh = \"acme.eu.qlikcloud.com\"\n"
    )
    assert (
        done.text == "var config = { host: 'globex.us.qlikcloud.com', port: 443 };\nh = \"globex.us.qlikcloud.com\"\n"
    )
    assert done.replaced == 2


def test_bare_host_in_prose_is_reported_not_replaced() -> None:
    text = "# Notes\nWe moved off acme.eu.qlikcloud.com last year.\nhttps://acme.eu.qlikcloud.com:8443/x\n"
    done = retarget().apply(text)
    assert done.text == text and done.replaced == 0
    assert [(m.line, m.what, m.value) for m in done.mentions] == [
        (2, HOST, "acme.eu.qlikcloud.com"),
        (3, HOST, "acme.eu.qlikcloud.com"),
    ]
    assert done.mentions[0].describe().startswith("2: mentions the old tenant host acme.eu.qlikcloud.com: We moved")


def test_other_hosts_sharing_a_suffix_or_prefix_are_not_the_tenant() -> None:
    text = "https://dev.acme.eu.qlikcloud.com/x 'acme.eu.qlikcloud.com.evil.org' notacme.eu.qlikcloud.com\n"
    done = retarget().apply(text)
    assert done.text == text and done.mentions == []


def test_new_tenant_containing_the_old_host_is_left_alone() -> None:
    # Renaming acme.eu.qlikcloud.com to dev.acme.eu.qlikcloud.com: new URLs must not be seen as old ones.
    done = retarget(new="dev.acme.eu.qlikcloud.com").apply("a https://acme.eu.qlikcloud.com/x\n")
    assert done.text == "a https://dev.acme.eu.qlikcloud.com/x\n"
    again = retarget(new="dev.acme.eu.qlikcloud.com").apply(done.text)
    assert again.text == done.text and again.replaced == 0 and again.mentions == []


def test_loopback_tenant_is_told_apart_by_its_port() -> None:
    r = retarget(old="http://127.0.0.1:5000", new="http://127.0.0.1:6000")
    text = "tenant http://127.0.0.1:5000/api page http://127.0.0.1:8000/ host '127.0.0.1' 127.0.0.1\n"
    done = r.apply(text)
    assert done.text == "tenant http://127.0.0.1:6000/api page http://127.0.0.1:8000/ host '127.0.0.1' 127.0.0.1\n"
    assert done.mentions == []


def test_moving_from_a_test_tenant_to_a_real_one() -> None:
    r = retarget(old="http://localhost:5000", new="acme.eu.qlikcloud.com")
    done = r.apply("const base = 'http://localhost:5000'; ws://localhost:5000/app/x\n")
    assert done.text == "const base = 'https://acme.eu.qlikcloud.com'; wss://acme.eu.qlikcloud.com/app/x\n"


def test_old_web_integration_id_as_a_string_or_url_parameter_is_replaced() -> None:
    text = (
        f"webIntegrationId: '{OLD_ID}',\n"
        f'<script data-web-integration-id="{OLD_ID}"></script>\n'
        f"/login?qlik-web-integration-id={OLD_ID}&returnto=x\n"
        f"Use `{OLD_ID}` here.\n"
    )
    done = retarget().apply(text)
    assert done.text == text.replace(OLD_ID, NEW_ID)
    assert done.replaced == 4 and done.mentions == []


def test_bare_web_integration_id_is_reported() -> None:
    text = f"// old id {OLD_ID} kept for reference\nx{OLD_ID}x is something else\n"
    done = retarget().apply(text)
    assert done.text == text
    assert [(m.line, m.what) for m in done.mentions] == [(1, WEB_INTEGRATION_ID)]


def test_lines_of_the_template_output_are_kept() -> None:
    line = "title: moved from acme.eu.qlikcloud.com 'acme.eu.qlikcloud.com'\n"
    done = retarget().apply(line + line.replace("title", "other"), keep={line})
    assert done.text.startswith(line) and "'globex.us.qlikcloud.com'" in done.text
    assert [m.line for m in done.mentions] == [2]


def test_nothing_to_do_when_the_values_did_not_change() -> None:
    same = Retarget(
        Tenant.parse("acme.eu.qlikcloud.com"), Tenant.parse("https://acme.eu.qlikcloud.com"), OLD_ID, OLD_ID
    )
    assert not same.active
    text = f"https://acme.eu.qlikcloud.com {OLD_ID}\n"
    assert same.apply(text).text == text


def test_between_recorded_answers() -> None:
    r = Retarget.between({"tenant": "acme.eu.qlikcloud.com", "web_integration_id": OLD_ID}, {"tenant": "bad host!"})
    assert not r.active  # an unparseable or missing new value means there is nothing certain to replace
    assert r.may_mention(b"x") is False


def test_config_port_and_is_secure_follow_a_loopback_tenant() -> None:
    """Only test tenants differ in port or scheme (Qlik Cloud is always https on 443)."""
    retarget = Retarget.between(
        {"tenant": "http://127.0.0.1:4001", "web_integration_id": "a"},
        {"tenant": "https://localhost:4002", "web_integration_id": "a"},
    )
    text = "var config = {\n  host: 'x',\n  port: 4001,\n  isSecure: false,\n};\nvar other = { port: 4000 };\n"
    done = retarget.apply(text)
    assert "port: 4002," in done.text and "isSecure: true," in done.text and "port: 4000" in done.text
    same = Retarget.between({"tenant": "acme.eu.qlikcloud.com"}, {"tenant": "acme.de.qlikcloud.com"})
    assert same.apply("port: 443, isSecure: true").text == "port: 443, isSecure: true"


def test_ipv6_loopback_tenant_urls_are_replaced_with_brackets() -> None:
    move = Retarget(Tenant.parse("http://[::1]:8000"), Tenant.parse("http://[::1]:9000"), OLD_ID, NEW_ID)
    done = move.apply("src='http://[::1]:8000/resources/x.js' other='http://[::1]:7000/' ws://[::1]:8000/app\n")
    assert done.text == "src='http://[::1]:9000/resources/x.js' other='http://[::1]:7000/' ws://[::1]:9000/app\n"
    assert done.replaced == 2 and done.mentions == []


_PIECES = [
    "acme.eu.qlikcloud.com",
    "ACME.EU.QLIKCLOUD.COM",
    "https://",
    "wss://",
    "//",
    ":443",
    "OldWebIntegrationId0123",
    "'",
    '"',
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    " ",
    "x",
    "webIntegrationId: ",
    "?qlik-web-integration-id=",
    "\u212a",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_looking_only_at_lines_holding_an_old_value_changes_nothing(text: str) -> None:
    # apply() visits only the lines one search of the whole text finds an old value on; visiting every line
    # must give the same text, replacements and mentions.
    retarget = Retarget(
        Tenant.parse("acme.eu.qlikcloud.com"), Tenant.parse("globex.us.qlikcloud.com"),
        "OldWebIntegrationId0123", "NewWebIntegrationId4567",
    )  # fmt: skip
    fast = retarget.apply(text)
    retarget._lines_to_visit = lambda text, lines: range(len(lines))  # type: ignore[method-assign]
    slow = retarget.apply(text)
    assert (fast.text, fast.replaced, fast.mentions) == (slow.text, slow.replaced, slow.mentions)


# Between loopback test tenants the port in a capability config changes too (Retarget's config patterns).
_LOOPBACK_PIECES = [*_PIECES, "127.0.0.1", ":8001", "port: 8001", "port: '8001'", "port: 9002"]
_RETARGETS = {
    "cloud": Retarget(
        Tenant.parse("acme.eu.qlikcloud.com"), Tenant.parse("globex.us.qlikcloud.com"),
        "OldWebIntegrationId0123", "NewWebIntegrationId4567",
    ),
    "loopback": Retarget(
        Tenant.parse("http://127.0.0.1:8001"), Tenant.parse("http://127.0.0.1:9002"),
        "OldWebIntegrationId0123", "NewWebIntegrationId4567",
    ),
}  # fmt: skip


@settings(max_examples=300)
@given(
    st.sampled_from(sorted(_RETARGETS)),
    st.lists(st.sampled_from(_LOOPBACK_PIECES), max_size=25).map("".join),
    st.sets(st.integers(0, 30), max_size=10),
)
def test_replacements_by_line_add_up_to_what_keeping_lines_leaves(which: str, text: str, kept: set[int]) -> None:
    # regenerate counts the replacements on the user's own lines from one apply(), by line (replaced_on):
    # the lines not kept must hold exactly what apply() with those lines kept replaces.
    retarget = _RETARGETS[which]
    lines = text.splitlines(keepends=True)
    keep = {lines[i] for i in kept if i < len(lines)}
    done = retarget.apply(text)
    assert sum(count for _, count in done.replaced_on) == done.replaced
    assert sum(count for line, count in done.replaced_on if line not in keep) == retarget.apply(text, keep).replaced
