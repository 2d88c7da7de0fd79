"""A stand-in Qlik Cloud tenant for tests, and a static site server for generated projects.

Both are stdlib HTTP servers bound to 127.0.0.1 on an ephemeral port, each in a background thread; the
tenant's engine WebSocket (`standin.engine`) speaks the protocol through wsproto.
"""

from standin.server import (
    REQUIREJS_PATH,
    SESSION_COOKIE,
    RequireJsMissingError,
    Tenant,
    new_web_integration_id,
)
from standin.site import StaticSite

__all__ = [
    "REQUIREJS_PATH",
    "SESSION_COOKIE",
    "RequireJsMissingError",
    "StaticSite",
    "Tenant",
    "new_web_integration_id",
]
