"""The stand-in's Qlik associative engine: JSON-RPC over a WebSocket at `/app/<appId>`, as Qlik Cloud has it.

The tenant's HTTP handler hands a GET carrying `Upgrade: websocket` on `/app/...` to :func:`serve`. It checks
what Qlik Cloud checks before the upgrade (the session cookie; a `qlik-web-integration-id` query parameter
whose web integration allows the request's Origin; the `qlik-csrf-token` query parameter issued to that
session by `GET /api/v1/csrf-token`) and refuses with a plain HTTP 401/403 otherwise. The WebSocket itself
is wsproto's (handshake and framing); this module only speaks the engine's JSON-RPC:

- the first frame is the notification `OnConnected` (`qSessionState: SESSION_CREATED`);
- `OpenDoc` (an unknown app is a JSON-RPC error), `GetAppLayout`, `CreateSessionObject` (a hypercube of
  `qDimensions` x `qMeasures` over a small in-memory sales table), `GetLayout`, `SelectHyperCubeValues`,
  `ClearAll`; a call that changes selections lists every open handle in the response's `change` array,
  which is what makes enigma.js emit `changed`.

Measures the engine can evaluate: `Sum`, `Count` (optionally `DISTINCT`), `Avg`, `Min` and `Max` of one
field. Anything else is reported the engine's way, as `qError` in the layout.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Message, Ping, Request, TextMessage

if TYPE_CHECKING:
    from standin.server import Tenant, _TenantHandler

CSRF_PARAM = "qlik-csrf-token"
WEB_INTEGRATION_PARAM = "qlik-web-integration-id"

#: The table every stand-in app holds: Region x Product with Sales and Quantity.
FIELDS = ("Region", "Product", "Sales", "Quantity")
ROWS: tuple[tuple[str, str, float, int], ...] = (
    ("North", "Bikes", 120.0, 4),
    ("North", "Helmets", 30.0, 6),
    ("South", "Bikes", 80.0, 3),
    ("South", "Helmets", 45.0, 9),
    ("East", "Bikes", 60.0, 2),
    ("West", "Helmets", 25.0, 5),
    ("West", "Bikes", 40.0, 1),
)

# JSON-RPC error codes as Qlik's engine uses them.
ERROR_METHOD_NOT_FOUND = -32601
ERROR_INVALID_PARAMS = -32602
ERROR_APP_NOT_FOUND = 1002
ERROR_INVALID_HANDLE = -32001
# qErrorCode the engine puts in a layout for an expression it cannot evaluate.
QERROR_BAD_EXPRESSION = 7005
QERROR_BAD_FIELD = 7006

_AGGREGATION = re.compile(
    r"^\s*(?P<fn>sum|count|avg|min|max)\s*\(\s*(?P<distinct>distinct\s+)?(?:\[(?P<bracketed>[^\]]+)\]|(?P<name>\w+))\s*\)\s*$",
    re.IGNORECASE,
)


class EngineError(Exception):
    """A JSON-RPC error answer."""

    def __init__(self, code: int, message: str, parameter: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.parameter = parameter


def _column(name: str) -> int | None:
    return FIELDS.index(name) if name in FIELDS else None


def _distinct(index: int) -> list[Any]:
    """A field's distinct values in load order: qElemNumber is the position in this list."""
    values: list[Any] = []
    for row in ROWS:
        if row[index] not in values:
            values.append(row[index])
    return values


def evaluate(expression: str, rows: Sequence[tuple[Any, ...]]) -> float:
    """Evaluate a measure over rows; raise ValueError for an expression the stand-in does not know."""
    match = _AGGREGATION.match(expression.lstrip("="))
    if match is None:
        raise ValueError(f"unknown expression {expression!r}")
    index = _column(match["bracketed"] or match["name"])
    if index is None:
        raise ValueError(f"unknown field in {expression!r}")
    fn = match["fn"].lower()
    values = [row[index] for row in rows]
    if fn == "count":
        return float(len(set(values)) if match["distinct"] else len(values))
    numbers = [v for v in values if isinstance(v, int | float)]
    if not numbers:
        return 0.0
    if fn == "sum":
        return float(sum(numbers))
    if fn == "avg":
        return float(sum(numbers) / len(numbers))
    return float(min(numbers) if fn == "min" else max(numbers))


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}"


@dataclass
class _Cube:
    """One session object's hypercube definition."""

    qtype: str
    qid: str
    properties: dict[str, Any]
    dimensions: list[str]
    measures: list[str]
    fetch: tuple[int, int]


@dataclass
class Session:
    """One engine session: the open app, its session objects and the selections."""

    app_id: str | None = None
    title: str = ""
    next_handle: int = 1
    doc_handle: int | None = None
    cubes: dict[int, _Cube] = field(default_factory=dict)
    selections: dict[int, set[Any]] = field(default_factory=dict)  # field index -> selected values

    # -- data ------------------------------------------------------------------------------------------

    def _possible_rows(self) -> list[tuple[Any, ...]]:
        return [row for row in ROWS if all(row[i] in chosen for i, chosen in self.selections.items())]

    def layout(self, cube: _Cube) -> dict[str, Any]:
        """The object's layout: properties echoed, with the computed hypercube."""
        rows = self._possible_rows()
        dim_info: list[dict[str, Any]] = []
        error: dict[str, Any] | None = None
        columns: list[int] = []
        for name in cube.dimensions:
            index = _column(name)
            info: dict[str, Any] = {"qFallbackTitle": name, "qCardinal": 0, "qGroupFieldDefs": [name]}
            if index is None:
                info["qError"] = {"qErrorCode": QERROR_BAD_FIELD, "qContext": name}
                error = error or {"qErrorCode": QERROR_BAD_FIELD, "qContext": name}
            else:
                info["qCardinal"] = len(_distinct(index))
                info["qStateCounts"] = {"qSelected": len(self.selections.get(index, ()))}
                columns.append(index)
            dim_info.append(info)
        groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        if error is None:
            for row in rows:
                groups.setdefault(tuple(row[i] for i in columns), []).append(row)
        measure_info: list[dict[str, Any]] = []
        values: list[list[float | None]] = [[] for _ in groups]
        for expression in cube.measures:
            info = {"qFallbackTitle": expression, "qMin": 0, "qMax": 0}
            try:
                column = [evaluate(expression, group) for group in groups.values()]
            except ValueError:
                info["qError"] = {"qErrorCode": QERROR_BAD_EXPRESSION, "qContext": expression}
                column = [None] * len(groups)
            else:
                if column:
                    info["qMin"], info["qMax"] = min(column), max(column)
            for row_values, value in zip(values, column, strict=True):
                row_values.append(value)
            measure_info.append(info)
        matrix: list[list[dict[str, Any]]] = []
        for (key, _), measures in zip(groups.items(), values, strict=True):
            cells = []
            for index, value in zip(columns, key, strict=True):
                selected = index in self.selections and value in self.selections[index]
                cell: dict[str, Any] = {
                    "qText": value if isinstance(value, str) else _number_text(value),
                    "qElemNumber": _distinct(index).index(value),
                    "qState": "S" if selected else "O",
                }
                if isinstance(value, int | float):
                    cell["qNum"] = value
                else:
                    cell["qNum"] = "NaN"
                cells.append(cell)
            for value in measures:
                if value is None:
                    cells.append({"qText": "-", "qNum": "NaN", "qElemNumber": -2, "qState": "L", "qIsNull": True})
                else:
                    cells.append({"qText": _number_text(value), "qNum": value, "qElemNumber": 0, "qState": "L"})
            matrix.append(cells)
        width, height = cube.fetch
        page = [row[:width] for row in matrix[:height]]
        hypercube: dict[str, Any] = {
            "qSize": {"qcx": len(columns) + len(cube.measures), "qcy": len(matrix)},
            "qDimensionInfo": dim_info,
            "qMeasureInfo": measure_info,
            "qDataPages": [
                {
                    "qArea": {
                        "qTop": 0,
                        "qLeft": 0,
                        "qWidth": min(width, len(page[0]) if page else 0),
                        "qHeight": len(page),
                    },
                    "qMatrix": page,
                }
            ],
        }
        if error is not None:
            hypercube["qError"] = error
        layout = {k: v for k, v in cube.properties.items() if k != "qHyperCubeDef"}
        layout["qInfo"] = {"qId": cube.qid, "qType": cube.qtype}
        layout["qHyperCube"] = hypercube
        layout["qSelectionInfo"] = {"qInSelections": False}
        return layout

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
        self.cubes[handle] = _Cube(qtype, qid, props, dimensions, measures, fetch)
        return {"qReturn": {"qType": "GenericObject", "qHandle": handle, "qGenericType": qtype, "qGenericId": qid}}

    def select(self, handle: int, params: Any) -> dict[str, Any]:
        cube = self.cubes[handle]
        dim_no = _param(params, 1, "qDimNo")
        values = _param(params, 2, "qValues")
        toggle = bool(_param(params, 3, "qToggleMode", False))
        if not isinstance(dim_no, int) or not 0 <= dim_no < len(cube.dimensions) or not isinstance(values, list):
            raise EngineError(ERROR_INVALID_PARAMS, "Invalid parameters", "qDimNo")
        index = _column(cube.dimensions[dim_no])
        if index is None:
            return {"qReturn": False}
        distinct = _distinct(index)
        chosen = {distinct[v] for v in values if isinstance(v, int) and 0 <= v < len(distinct)}
        current = self.selections.get(index, set())
        new = current ^ chosen if toggle else chosen
        if new:
            self.selections[index] = new
        else:
            self.selections.pop(index, None)
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
                return {"qLayout": self.layout(self.cubes[handle])}, False
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
