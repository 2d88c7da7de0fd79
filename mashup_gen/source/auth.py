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


# name: (required settings, optional settings, Qlik Cloud accepts it, may run in a browser, what it is)
_TABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool, bool, str]] = {
    "oauth2": (
        ("clientId",),
        ("redirectUri", "accessTokenStorage", "scope", "getAccessToken", "performInteractiveLogin", "noCache"),
        True, True, "an OAuth client of the tenant; a redirect URI unless getAccessToken hands out the token",
    ),
    "cookie": (
        (), ("webIntegrationId", "crossSiteCookies", "anonymousMode"),
        True, True, "the tenant's session cookie; on another site than the tenant a web integration id",
    ),
    "anonymous": (("accessCode", "clientId"), (), True, True, "an anonymous-access tenant's app (experimental)"),
    "apikey": (("apiKey",), (), True, False, "a developer's API key: a secret, for servers and scripts only"),
    "windowscookie": (
        (), ("loginUri", "crossSiteCookies", "getAccessToken"),
        False, True, "client-managed Qlik Sense (Windows) only: a virtual proxy's session cookie",
    ),
    "pfx": (("pfx",), ("passphrase",), False, False, "client-managed certificates"),
    "reference": (("reference",), (), True, True, "a registered host config by name"),
    "none": ((), (), True, True, "no sign-in"),
    "noauth": ((), (), True, True, "no sign-in"),
}  # fmt: skip
AUTH_TYPES: dict[str, AuthType] = {
    name: AuthType(name, required, optional, cloud=cloud, browser=browser, note=note)
    for name, (required, optional, cloud, browser, note) in _TABLE.items()
}


def auth_type(value: str) -> AuthType | None:
    """The auth type a ``data-auth-type``/``authType`` value names (case and '-'/'_' ignored), or None."""
    return AUTH_TYPES.get(re.sub(r"[-_\s]", "", value).lower())
