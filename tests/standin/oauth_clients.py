"""The stand-in tenant's ``/api/v1/oauth-clients`` REST API (API key only), over the OAuth server's registry.

As qlik.dev describes it (qlik-cli ``oauth-client create|patch|publish``): ``POST`` creates a client from
``{clientName, appType, allowedOrigins, redirectUris, allowedScopes, allowedGrantTypes}`` (grants only for
``web``; a ``web`` client's ``clientSecret`` is in the creation answer only); ``PATCH`` takes a JSON Patch
whose ops are ``add``, ``remove`` or ``replace`` on ``/allowedOrigins``, ``/redirectUris``,
``/allowedGrantTypes``, ``/allowedScopes``, ``/clientName`` and answers 204; ``POST
/{id}/actions/publish`` shares the client with the region's other tenants (a client works on its own tenant
unpublished). Origins must be exact (``scheme://host[:port]``), redirect URIs absolute http(s) URLs.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from standin.oauth import GRANT_CLIENT_CREDENTIALS, GRANT_IMPERSONATION, OAuthClient

if TYPE_CHECKING:
    from standin.server import _TenantHandler

PREFIX = "/api/v1/oauth-clients"
APP_TYPES = ("web", "native", "spa", "anonymous-embed")
WEB_GRANTS = (GRANT_CLIENT_CREDENTIALS, GRANT_IMPERSONATION)
LIST_FIELDS = {
    "/allowedOrigins": "allowed_origins",
    "/redirectUris": "redirect_uris",
    "/allowedGrantTypes": "grants",
    "/allowedScopes": "scopes",
}


class _BadRequest(Exception):
    pass


def _is_origin(value: object) -> bool:
    from standin.server import is_valid_origin

    return is_valid_origin(value)


def _is_redirect(value: object) -> bool:
    if not isinstance(value, str) or "#" in value:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _strings(value: object, name: str, valid: Any = None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _BadRequest(f"{name} must be a list of strings")
    if valid is not None and not all(valid(v) for v in value):
        raise _BadRequest(f"{name} holds an invalid value")
    return list(value)


_VALIDATORS = {
    "allowed_origins": ("allowedOrigins", _is_origin),
    "redirect_uris": ("redirectUris", _is_redirect),
    "grants": ("allowedGrantTypes", lambda g: g in WEB_GRANTS),
    "scopes": ("allowedScopes", None),
}


def _check_list(attribute: str, value: object, app_type: str) -> list[str]:
    name, valid = _VALIDATORS[attribute]
    values = _strings(value, name, valid)
    if attribute == "grants" and values and app_type != "web":
        raise _BadRequest("allowedGrantTypes is only for appType web")
    return values


def handle(handler: _TenantHandler, path: str) -> None:
    """Answer one oauth-clients request (the API key was checked already)."""
    rest = path.removeprefix(PREFIX).strip("/")
    try:
        body = handler._body_json() if handler.command in ("POST", "PATCH") else None
    except ValueError:
        handler._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "Body is not JSON")
        return
    oauth = handler.tenant.oauth
    try:
        if not rest:
            if handler.command == "GET":
                with oauth._lock:
                    data = [c.to_json() for c in oauth.clients.values()]
                handler._json(HTTPStatus.OK, {"data": data, "links": {"self": {"href": handler.tenant.url + PREFIX}}})
            elif handler.command == "POST":
                _create(handler, body)
            else:
                handler._error(HTTPStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method Not Allowed")
            return
        cid, _, action = rest.partition("/")
        client = oauth.client(cid)
        if client is None:
            handler._error(HTTPStatus.NOT_FOUND, "HTTP-404", "OAuth client not found")
        elif action == "actions/publish" and handler.command == "POST":
            with oauth._lock:
                client.published = True
            handler._json(HTTPStatus.OK, client.to_json())
        elif action:
            handler._error(HTTPStatus.NOT_FOUND, "HTTP-404", "Not Found")
        elif handler.command == "GET":
            handler._json(HTTPStatus.OK, client.to_json())
        elif handler.command == "PATCH":
            _patch(handler, client, body)
        elif handler.command == "DELETE":
            with oauth._lock:
                oauth.clients.pop(cid, None)
            handler._send(HTTPStatus.NO_CONTENT)
        else:
            handler._error(HTTPStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method Not Allowed")
    except _BadRequest as exc:
        handler._error(HTTPStatus.BAD_REQUEST, "HTTP-400", str(exc))


def _create(handler: _TenantHandler, body: Any) -> None:
    if not isinstance(body, dict):
        raise _BadRequest("body must be a JSON object")
    name, app_type = body.get("clientName"), body.get("appType")
    if not isinstance(name, str) or not name.strip():
        raise _BadRequest("clientName is required")
    if app_type not in APP_TYPES:
        raise _BadRequest(f"appType must be one of {', '.join(APP_TYPES)}")
    lists = {
        attribute: _check_list(attribute, body.get(field, [] if attribute != "scopes" else ["user_default"]), app_type)
        for attribute, (field, _) in _VALIDATORS.items()
    }
    client = handler.tenant.oauth.add_client(
        app_type=app_type,
        redirect_uris=lists["redirect_uris"],
        allowed_origins=lists["allowed_origins"],
        grants=lists["grants"],
        scopes=lists["scopes"],
        name=name,
        published=False,
    )
    answer = client.to_json()
    if client.secret is not None:
        answer["clientSecret"] = client.secret  # shown in this answer only, as Qlik does
    handler._json(HTTPStatus.CREATED, answer, [("Location", f"{PREFIX}/{client.client_id}")])


def _patch(handler: _TenantHandler, client: OAuthClient, body: Any) -> None:
    if not isinstance(body, list) or not body:
        raise _BadRequest("body must be a JSON Patch array")
    changes: dict[str, Any] = {}
    for op in body:
        if not isinstance(op, dict) or op.get("op") not in ("add", "remove", "replace"):
            raise _BadRequest("each operation needs op add, remove or replace")
        target = op.get("path")
        if target == "/clientName":
            if op["op"] != "replace" or not isinstance(op.get("value"), str) or not op["value"].strip():
                raise _BadRequest("clientName takes a replace with a non-empty string")
            changes["client_name"] = op["value"]
            continue
        attribute = LIST_FIELDS.get(str(target))
        if attribute is None:
            raise _BadRequest(f"path {target!r} cannot be changed")
        current = changes.get(attribute, list(getattr(client, attribute)))
        value = op.get("value")
        if op["op"] == "replace":
            changes[attribute] = _check_list(attribute, value, client.app_type)
        else:
            items = _check_list(attribute, value if isinstance(value, list) else [value], client.app_type)
            if op["op"] == "add":
                changes[attribute] = current + [v for v in items if v not in current]
            else:
                changes[attribute] = [v for v in current if v not in items]
    with handler.tenant.oauth._lock:
        for attribute, value in changes.items():
            setattr(client, attribute, value)
    handler._send(HTTPStatus.NO_CONTENT)
