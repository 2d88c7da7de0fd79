"""Qlik's own table of sign-in ("auth") types, as @qlik/api declares them (``QlikAuthModules`` and
``ImplicitQlikAuthModules`` in its auth types, and ``Oauth2AuthConfig``/``CookieAuthConfig``/...; read from
@qlik/api 1.x as installed beside @qlik/embed-web-components 1.6.0): each type's settings, and whether Qlik
Cloud accepts it.

qlik-embed takes the same host config, written as ``data-*`` attributes of its script tag (``data-auth-type``,
``data-client-id``), as ``<meta>``/ancestor attributes, as element properties, as React/Vue props
(``authType``, ``clientId``) or as a hostConfig object given to ``auth.setDefaultHostConfig`` /
``registerHostConfig``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class AuthType:
    """One auth type: its settings and where it works."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    cloud: bool  # Qlik Cloud accepts it
    browser: bool  # it may run in a browser (no secret in its settings)
    note: str


AUTH_TYPES: dict[str, AuthType] = {
    t.name: t
    for t in (
        AuthType(
            "oauth2",
            ("clientId",),
            ("redirectUri", "accessTokenStorage", "scope", "getAccessToken", "performInteractiveLogin", "noCache"),
            cloud=True,
            browser=True,
            note="an OAuth client of the tenant; a redirect URI unless getAccessToken hands out the token",
        ),
        AuthType(
            "cookie",
            (),
            ("webIntegrationId", "crossSiteCookies", "anonymousMode"),
            cloud=True,
            browser=True,
            note="the tenant's session cookie; on another site than the tenant a web integration id",
        ),
        AuthType(
            "anonymous",
            ("accessCode", "clientId"),
            (),
            cloud=True,
            browser=True,
            note="an anonymous-access tenant's app (experimental)",
        ),
        AuthType(
            "apikey",
            ("apiKey",),
            (),
            cloud=True,
            browser=False,
            note="a developer's API key: a secret, for servers and scripts only",
        ),
        AuthType(
            "windowscookie",
            (),
            ("loginUri", "crossSiteCookies", "getAccessToken"),
            cloud=False,
            browser=True,
            note="client-managed Qlik Sense (Windows) only: a virtual proxy's session cookie",
        ),
        AuthType("pfx", ("pfx",), ("passphrase",), cloud=False, browser=False, note="client-managed certificates"),
        AuthType("reference", ("reference",), (), cloud=True, browser=True, note="a registered host config by name"),
        AuthType("none", (), (), cloud=True, browser=True, note="no sign-in"),
        AuthType("noauth", (), (), cloud=True, browser=True, note="no sign-in"),
    )
}


def auth_type(value: str) -> AuthType | None:
    """The auth type a ``data-auth-type``/``authType`` value names (case and '-'/'_' ignored), or None."""
    return AUTH_TYPES.get(re.sub(r"[-_\s]", "", value).lower())
