"""The stand-in's Qlik associative engine: JSON-RPC over a WebSocket at `/app/<appId>`, as Qlik Cloud has it.

The tenant's HTTP handler hands a GET carrying `Upgrade: websocket` on `/app/...` to :func:`serve`. It checks
what Qlik Cloud checks before the upgrade (the session cookie; a `qlik-web-integration-id` query parameter
whose web integration allows the request's Origin; the `qlik-csrf-token` query parameter issued to that
session by `GET /api/v1/csrf-token`; or, with OAuth, an `accessToken` query parameter holding a token
exchanged for `purpose: websocket`, from an origin its client allows) and refuses with a plain HTTP 401/403
otherwise. The WebSocket itself is wsproto's (handshake and framing); this module only speaks the engine's
JSON-RPC:

- the first frame is the notification `OnConnected` (`qSessionState: SESSION_CREATED`);
- `OpenDoc` (an unknown app is a JSON-RPC error), `GetAppLayout`, `CreateSessionObject` (a hypercube of
  `qDimensions` x `qMeasures` over the small table of `standin.hypercube`), `GetLayout`,
  `SelectHyperCubeValues`, `ClearAll`; a call that changes selections lists every open handle in the
  response's `change` array, which is what makes enigma.js emit `changed`.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Message, Ping, Request, TextMessage

from standin import hypercube
from standin.hypercube import Cube

if TYPE_CHECKING:
    from standin.server import Tenant, _TenantHandler

CSRF_PARAM = "qlik-csrf-token"
#: OAuth: the token exchanged at /oauth/token with purpose websocket (a plain access token is refused).
ACCESS_TOKEN_PARAM = "accessToken"
WEB_INTEGRATION_PARAM = "qlik-web-integration-id"

# JSON-RPC error codes as Qlik's engine uses them.
ERROR_METHOD_NOT_FOUND = -32601
ERROR_INVALID_PARAMS = -32602
ERROR_APP_NOT_FOUND = 1002
ERROR_INVALID_HANDLE = -32001


class EngineError(Exception):
    """A JSON-RPC error answer."""

    def __init__(self, code: int, message: str, parameter: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.parameter = parameter


@dataclass
class Session:
    """One engine session: the open app, its session objects and the selections."""

    app_id: str | None = None
    title: str = ""
    next_handle: int = 1
    doc_handle: int | None = None
    cubes: dict[int, Cube] = field(default_factory=dict)
    selections: dict[int, set[Any]] = field(default_factory=dict)  # field index -> selected values

    # -- methods ---------------------------------------------------------------------------------------

    def _new_handle(self) -> int:
        handle = self.next_handle
        self.next_handle += 1
        return handle

    def open_doc(self, tenant: Tenant, params: Any) -> dict[str, Any]:
        app_id = _param(params, 0, "qDocName")
        if not isinstance(app_id, str) or not tenant.has_app(app_id):
            raise EngineError(ERROR_APP_NOT_FOUND, "App not found", str(app_id))
        if self.doc_handle is None:
            self.app_id, self.title, self.doc_handle = app_id, f"App {app_id}", self._new_handle()
        return {"qReturn": {"qType": "Doc", "qHandle": self.doc_handle, "qGenericId": app_id}}

    def create_session_object(self, params: Any) -> dict[str, Any]:
        props = _param(params, 0, "qProp")
        if not isinstance(props, dict) or not isinstance(props.get("qHyperCubeDef"), dict):
            raise EngineError(ERROR_INVALID_PARAMS, "Invalid parameters", "qProp")
        cube_def = props["qHyperCubeDef"]
        try:
            dimensions = [str(d["qDef"]["qFieldDefs"][0]) for d in cube_def.get("qDimensions", [])]
            measures = [str(m["qDef"]["qDef"]) for m in cube_def.get("qMeasures", [])]
            fetches = cube_def.get("qInitialDataFetch") or [{"qWidth": 0, "qHeight": 0}]
            fetch = (int(fetches[0].get("qWidth", 0)), int(fetches[0].get("qHeight", 0)))
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            raise EngineError(ERROR_INVALID_PARAMS, "Invalid hypercube definition", "qHyperCubeDef") from None
        info = props.get("qInfo") or {}
        handle = self._new_handle()
        qid = str(info.get("qId") or f"session-{handle}")
        qtype = str(info.get("qType") or "generic")
        self.cubes[handle] = Cube(qtype, qid, props, dimensions, measures, fetch)
        return {"qReturn": {"qType": "GenericObject", "qHandle": handle, "qGenericType": qtype, "qGenericId": qid}}

    def select(self, handle: int, params: Any) -> dict[str, Any]:
        cube = self.cubes[handle]
        dim_no = _param(params, 1, "qDimNo")
        values = _param(params, 2, "qValues")
        toggle = bool(_param(params, 3, "qToggleMode", False))
        if not isinstance(dim_no, int) or not 0 <= dim_no < len(cube.dimensions) or not isinstance(values, list):
            raise EngineError(ERROR_INVALID_PARAMS, "Invalid parameters", "qDimNo")
        if not hypercube.select(cube, self.selections, dim_no, values, toggle):
            return {"qReturn": False}
        return {"qReturn": True}

    def call(self, tenant: Tenant, handle: int, method: str, params: Any) -> tuple[dict[str, Any], bool]:
        """Run one method; return its result and whether selections changed."""
        if handle == -1:
            if method == "OpenDoc":
                return self.open_doc(tenant, params), False
            if method == "EngineVersion":
                return {"qVersion": {"qComponentVersion": "12.2027.0"}}, False
        elif handle == self.doc_handle:
            if method == "GetAppLayout":
                return {"qLayout": {"qTitle": self.title, "qFileName": self.app_id, "qHasScript": True}}, False
            if method == "CreateSessionObject":
                return self.create_session_object(params), False
            if method == "ClearAll":
                changed = bool(self.selections)
                self.selections.clear()
                return {}, changed
        elif handle in self.cubes:
            if method == "GetLayout":
                return {"qLayout": hypercube.layout(self.cubes[handle], self.selections)}, False
            if method == "GetProperties":
                return {"qProp": self.cubes[handle].properties}, False
            if method == "SelectHyperCubeValues":
                return self.select(handle, params), True
        else:
            raise EngineError(ERROR_INVALID_HANDLE, "Invalid handle", str(handle))
        raise EngineError(ERROR_METHOD_NOT_FOUND, "Method not found", method)

    def open_handles(self) -> list[int]:
        """The doc and every session object: what a selection change invalidates."""
        return ([self.doc_handle] if self.doc_handle is not None else []) + sorted(self.cubes)


def _param(params: Any, position: int, name: str, default: Any = None) -> Any:
    """A parameter given by position (as enigma.js sends them) or by name."""
    if isinstance(params, list):
        return params[position] if position < len(params) else default
    if isinstance(params, dict):
        return params.get(name, default)
    return default


# -- the connection ------------------------------------------------------------------------------------

_live: dict[int, tuple[Tenant, socket.socket]] = {}
_live_lock = threading.Lock()


def close_all(tenant: Tenant) -> int:
    """Drop every engine socket of this tenant (a session timeout, or the tenant stopping); return how many."""
    with _live_lock:
        mine = [key for key, (owner, _) in _live.items() if owner is tenant]
        sockets = [_live.pop(key)[1] for key in mine]
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    return len(sockets)


def refusal(handler: _TenantHandler, query: dict[str, list[str]]) -> tuple[int, str, str] | None:
    """Why the tenant refuses this upgrade (status, code, title), or None when it may proceed."""
    tenant = handler.tenant
    if ACCESS_TOKEN_PARAM in query:
        return _token_refusal(handler, query)
    session = handler._session()
    if session is None:
        return HTTPStatus.UNAUTHORIZED, "HTTP-401", "Not authorized: no session cookie"
    wid = (query.get(WEB_INTEGRATION_PARAM) or [None])[0]
    origin = handler.headers.get("Origin")
    if not origin or not tenant._origin_allowed(origin, wid):
        return HTTPStatus.FORBIDDEN, "HTTP-403", "Origin not allowed by the web integration"
    token = (query.get(CSRF_PARAM) or [None])[0]
    if not token or token != session.get("csrf"):
        return HTTPStatus.FORBIDDEN, "CSRF-1", "Missing or invalid qlik-csrf-token"
    return None


def _token_refusal(handler: _TenantHandler, query: dict[str, list[str]]) -> tuple[int, str, str] | None:
    """OAuth: only a token exchanged for ``purpose: websocket`` opens the socket, from its client's origins."""
    value = (query.get(ACCESS_TOKEN_PARAM) or [""])[0]
    token = handler.tenant.oauth.valid_token(value, "websocket")
    if token is None:
        return HTTPStatus.UNAUTHORIZED, "HTTP-401", "Not authorized: accessToken is not a valid websocket token"
    client = handler.tenant.oauth.client(token.client_id)
    origin = handler.headers.get("Origin")
    if origin and (client is None or origin not in client.allowed_origins):
        return HTTPStatus.FORBIDDEN, "HTTP-403", "Origin not allowed by the OAuth client"
    return None


def serve(handler: _TenantHandler) -> None:
    """Upgrade the handler's connection to the engine WebSocket (or refuse it) and run the session."""
    query = parse_qs(urlsplit(handler.path).query)
    refused = refusal(handler, query)
    if refused is not None:
        status, code, title = refused
        handler._error(status, code, title)
        return
    ws = WSConnection(ConnectionType.SERVER)
    # wsproto parses the handshake from bytes: rebuild them from what http.server already read.
    head = f"GET {handler.path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in handler.headers.items())
    ws.receive_data((head + "\r\n").encode("latin-1"))
    if not any(isinstance(event, Request) for event in ws.events()):
        handler._error(HTTPStatus.BAD_REQUEST, "HTTP-400", "Bad WebSocket handshake")
        return
    sock: socket.socket = handler.connection
    tenant = handler.tenant
    handler.wfile.write(ws.send(AcceptConnection()))
    key = id(sock)
    with _live_lock:
        _live[key] = (tenant, sock)
    try:
        _run(tenant, ws, handler.rfile.read1, handler.wfile.write)
    finally:
        with _live_lock:
            _live.pop(key, None)
        handler.close_connection = True


def _run(tenant: Tenant, ws: WSConnection, read: Callable[[int], bytes], write: Callable[[bytes], Any]) -> None:
    session = Session()
    hello = {"jsonrpc": "2.0", "method": "OnConnected", "params": {"qSessionState": "SESSION_CREATED"}}
    write(ws.send(Message(data=json.dumps(hello))))
    buffered = ""
    while True:
        try:
            data = read(65536)
        except OSError:
            return
        if not data:
            return
        ws.receive_data(data)
        for event in ws.events():
            if isinstance(event, CloseConnection):
                write(ws.send(event.response()))
                return
            if isinstance(event, Ping):
                write(ws.send(event.response()))
            elif isinstance(event, TextMessage):
                buffered += event.data
                if event.message_finished:
                    write(ws.send(Message(data=json.dumps(_answer(tenant, session, buffered)))))
                    buffered = ""


def _answer(tenant: Tenant, session: Session, text: str) -> dict[str, Any]:
    """The JSON-RPC response to one request."""
    try:
        request = json.loads(text)
        rpc_id, handle, method = request.get("id"), int(request["handle"]), str(request["method"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "parameter": "", "message": "Parse error"}}
    try:
        result, changed = session.call(tenant, handle, method, request.get("params", []))
    except EngineError as exc:
        error = {"code": exc.code, "parameter": exc.parameter, "message": exc.message}
        return {"jsonrpc": "2.0", "id": rpc_id, "error": error}
    response: dict[str, Any] = {"jsonrpc": "2.0", "id": rpc_id, "result": result}
    if changed:
        response["change"] = session.open_handles()
    return response
