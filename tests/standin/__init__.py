"""A stand-in Qlik Cloud tenant for tests, and a static site server for generated projects.

The tenant is also an OAuth2 authorization server (`standin.oauth`: `Tenant.add_oauth_client`,
`Tenant.add_user`, `Tenant.token_requests`, `Tenant.tokens_issued`) and serves @qlik/api's own runtime
modules behind `<tenant>/qlik-embed/main.js` (`standin.runtime`).

Both are stdlib HTTP servers bound to 127.0.0.1 on an ephemeral port, each in a background thread; the
tenant's engine WebSocket (`standin.engine`) speaks the protocol through wsproto.
"""

from standin.oauth import GRANT_IMPERSONATION, IssuedToken, OAuthClient, TokenRequest, User
from standin.server import (
    REQUIREJS_PATH,
    SESSION_COOKIE,
    RequireJsMissingError,
    Tenant,
    new_web_integration_id,
)
from standin.site import StaticSite

__all__ = [
    "GRANT_IMPERSONATION",
    "REQUIREJS_PATH",
    "SESSION_COOKIE",
    "IssuedToken",
    "OAuthClient",
    "RequireJsMissingError",
    "StaticSite",
    "Tenant",
    "TokenRequest",
    "User",
    "new_web_integration_id",
]
