"""The stand-in's engine WebSocket, from Python: refusals before the upgrade, and the JSON-RPC it answers."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from standin import SESSION_COOKIE, Tenant
from standin.hypercube import ROWS, evaluate
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Message, RejectConnection, RejectData, Request

PAGE = "http://127.0.0.1:8000"
APP = "0c9f3a4e-6f0b-4d3c-9f3e-2a7d5b8e1c44"


class EngineClient:
    """A minimal blocking WebSocket client (wsproto does the protocol) that speaks the engine's JSON-RPC."""

    def __init__(self, tenant: Tenant, target: str, headers: list[tuple[str, str]]) -> None:
        self.sock = socket.create_connection(("127.0.0.1", tenant.port), timeout=5)
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.sock.sendall(self.ws.send(Request(host=f"127.0.0.1:{tenant.port}", target=target, extra_headers=headers)))
        self.accepted = False
        self.status: int | None = None
        self.body = b""
        self.next_id = 1
        self._pending: list[dict[str, Any]] = []
        while not self.accepted and self.status is None:
            self._pump()

    def _pump(self) -> None:
        data = self.sock.recv(65536)
        self.ws.receive_data(data or None)
        for event in self.ws.events():
            if isinstance(event, AcceptConnection):
                self.accepted = True
            elif isinstance(event, RejectConnection):
                self.status = event.status_code
            elif isinstance(event, RejectData):
                self.body += event.data
            elif isinstance(event, Message):
                self._pending.append(json.loads(event.data))
            elif isinstance(event, CloseConnection):
                raise ConnectionError("engine closed the socket")
        if not data and not self.accepted and self.status is None:
            raise ConnectionError("closed during the handshake")

    def receive(self) -> dict[str, Any]:
        """The next JSON-RPC frame."""
        for _ in range(100):
            if self._pending:
                return self._pending.pop(0)
            self._pump()
        raise AssertionError("no frame")

    def call(self, handle: int, method: str, *params: Any) -> dict[str, Any]:
        """Send a request as enigma.js does (positional params) and return its response."""
        rpc_id = self.next_id
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": rpc_id, "handle": handle, "method": method, "params": list(params)}
        request["delta"] = True
        self.sock.sendall(self.ws.send(Message(data=json.dumps(request))))
        reply = self.receive()
        assert reply["id"] == rpc_id
        return reply

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def tenant() -> Iterator[Tenant]:
    """A started tenant with one app; always stopped."""
    with Tenant(apps={APP: []}) as t:
        yield t


@pytest.fixture
def wid(tenant: Tenant) -> str:
    """A web integration allowing PAGE."""
    return tenant.add_web_integration([PAGE])


@pytest.fixture
def clients() -> Iterator[list[EngineClient]]:
    """Clients opened by a test, all closed at teardown."""
    opened: list[EngineClient] = []
    try:
        yield opened
    finally:
        for client in opened:
            client.close()


def csrf(tenant: Tenant, cookie: str) -> str:
    """The token the tenant keeps for this session (what GET /api/v1/csrf-token answers)."""
    with tenant._lock:
        return tenant._sessions[cookie]["csrf"]


def connect(
    tenant: Tenant,
    clients: list[EngineClient],
    *,
    wid: str | None,
    cookie: str | None,
    token: str | None,
    origin: str | None = PAGE,
    app: str = APP,
) -> EngineClient:
    query = {}
    if wid is not None:
        query["qlik-web-integration-id"] = wid
    if token is not None:
        query["qlik-csrf-token"] = token
    headers = []
    if cookie is not None:
        headers.append(("Cookie", f"{SESSION_COOKIE}={cookie}"))
    if origin is not None:
        headers.append(("Origin", origin))
    client = EngineClient(tenant, f"/app/{app}?{urlencode(query)}", headers)
    clients.append(client)
    return client


def open_app(tenant: Tenant, wid: str, clients: list[EngineClient]) -> EngineClient:
    cookie = tenant.new_session()
    client = connect(tenant, clients, wid=wid, cookie=cookie, token=csrf(tenant, cookie))
    assert client.accepted
    return client


def cube(client: EngineClient, dims: list[str], measures: list[str]) -> int:
    doc = client.call(-1, "OpenDoc", APP)["result"]["qReturn"]["qHandle"]
    props = {
        "qInfo": {"qType": "test-cube"},
        "qHyperCubeDef": {
            "qDimensions": [{"qDef": {"qFieldDefs": [d]}} for d in dims],
            "qMeasures": [{"qDef": {"qDef": m}} for m in measures],
            "qInitialDataFetch": [{"qWidth": 10, "qHeight": 100}],
        },
    }
    reply = client.call(doc, "CreateSessionObject", props)["result"]["qReturn"]
    assert reply["qType"] == "GenericObject"
    return int(reply["qHandle"])


def matrix(client: EngineClient, handle: int) -> list[list[dict[str, Any]]]:
    layout = client.call(handle, "GetLayout")["result"]["qLayout"]
    return layout["qHyperCube"]["qDataPages"][0]["qMatrix"]


def test_accepts_a_signed_in_allowed_origin_with_its_token_and_says_hello_first(
    tenant: Tenant, wid: str, clients: list[EngineClient]
) -> None:
    client = open_app(tenant, wid, clients)
    assert client.receive() == {
        "jsonrpc": "2.0",
        "method": "OnConnected",
        "params": {"qSessionState": "SESSION_CREATED"},
    }


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("no cookie", 401),
        ("unknown cookie", 401),
        ("no web integration id", 403),
        ("origin not allowed", 403),
        ("no origin", 403),
        ("no csrf token", 403),
        ("another session's csrf token", 403),
    ],
)
def test_refuses_before_the_upgrade(
    tenant: Tenant, wid: str, clients: list[EngineClient], case: str, status: int
) -> None:
    cookie = tenant.new_session()
    other = tenant.new_session()
    kwargs: dict[str, Any] = {"wid": wid, "cookie": cookie, "token": csrf(tenant, cookie)}
    if case == "no cookie":
        kwargs["cookie"] = None
    elif case == "unknown cookie":
        kwargs["cookie"] = "forged"
    elif case == "no web integration id":
        kwargs["wid"] = None
    elif case == "origin not allowed":
        kwargs["origin"] = "http://127.0.0.1:9000"
    elif case == "no origin":
        kwargs["origin"] = None
    elif case == "no csrf token":
        kwargs["token"] = None
    else:
        kwargs["token"] = csrf(tenant, other)
    client = connect(tenant, clients, **kwargs)
    assert not client.accepted
    assert client.status == status


def test_unknown_app_is_a_json_rpc_error(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    reply = client.call(-1, "OpenDoc", "11111111-2222-3333-4444-555555555555")
    assert "result" not in reply
    assert reply["error"]["code"] == 1002
    assert reply["error"]["parameter"] == "11111111-2222-3333-4444-555555555555"


def test_app_layout_has_the_title(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    doc = client.call(-1, "OpenDoc", APP)["result"]["qReturn"]
    assert doc == {"qType": "Doc", "qHandle": 1, "qGenericId": APP}
    assert client.call(1, "GetAppLayout")["result"]["qLayout"]["qTitle"] == f"App {APP}"


def test_hypercube_sums_by_region(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    handle = cube(client, ["Region"], ["Sum(Sales)", "Count(Product)"])
    rows = {r[0]["qText"]: (r[1]["qNum"], r[2]["qNum"]) for r in matrix(client, handle)}
    assert rows == {"North": (150, 2), "South": (125, 2), "East": (60, 1), "West": (65, 2)}
    cells = matrix(client, handle)[0]
    assert cells[0]["qElemNumber"] == 0 and cells[0]["qState"] == "O"


def test_select_narrows_with_a_change_notice_and_clear_all_restores(
    tenant: Tenant, wid: str, clients: list[EngineClient]
) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    handle = cube(client, ["Region"], ["Sum(Sales)"])
    south = next(r[0]["qElemNumber"] for r in matrix(client, handle) if r[0]["qText"] == "South")
    reply = client.call(handle, "SelectHyperCubeValues", "/qHyperCubeDef", 0, [south], False)
    assert reply["result"] == {"qReturn": True}
    assert sorted(reply["change"]) == [1, handle]
    rows = matrix(client, handle)
    assert [(r[0]["qText"], r[0]["qState"], r[1]["qNum"]) for r in rows] == [("South", "S", 125)]
    # A second object sees the same selection: selections belong to the session's app.
    other = client.call(
        1,
        "CreateSessionObject",
        {
            "qHyperCubeDef": {
                "qDimensions": [{"qDef": {"qFieldDefs": ["Product"]}}],
                "qMeasures": [{"qDef": {"qDef": "Sum(Sales)"}}],
                "qInitialDataFetch": [{"qWidth": 2, "qHeight": 10}],
            }
        },
    )["result"]["qReturn"]["qHandle"]
    assert {r[0]["qText"]: r[1]["qNum"] for r in matrix(client, other)} == {"Bikes": 80, "Helmets": 45}
    reply = client.call(1, "ClearAll", False)
    assert sorted(reply["change"]) == sorted([1, handle, other])
    assert len(matrix(client, handle)) == 4


def test_toggle_adds_and_removes(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    handle = cube(client, ["Region"], ["Sum(Sales)"])
    client.call(handle, "SelectHyperCubeValues", "/qHyperCubeDef", 0, [0], True)
    client.call(handle, "SelectHyperCubeValues", "/qHyperCubeDef", 0, [1], True)
    assert {r[0]["qText"] for r in matrix(client, handle)} == {"North", "South"}
    client.call(handle, "SelectHyperCubeValues", "/qHyperCubeDef", 0, [0], True)
    assert {r[0]["qText"] for r in matrix(client, handle)} == {"South"}


def test_expression_it_cannot_evaluate_is_a_qerror(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    handle = cube(client, ["Region"], ["Sum(Sales", "Sum(Nope)"])
    layout = client.call(handle, "GetLayout")["result"]["qLayout"]
    errors = [m.get("qError") for m in layout["qHyperCube"]["qMeasureInfo"]]
    assert all(e and e["qErrorCode"] for e in errors)
    bad_dim = cube(client, ["Nope"], ["Sum(Sales)"])
    layout = client.call(bad_dim, "GetLayout")["result"]["qLayout"]
    assert layout["qHyperCube"]["qError"]["qErrorCode"]


def test_unknown_method_and_handle_are_errors(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    assert client.call(-1, "NoSuchMethod")["error"]["code"] == -32601
    assert client.call(42, "GetLayout")["error"]["code"] == -32001


def test_dropping_sessions_closes_the_socket(tenant: Tenant, wid: str, clients: list[EngineClient]) -> None:
    client = open_app(tenant, wid, clients)
    client.receive()
    assert tenant.drop_engine_sessions() == 1
    with pytest.raises(ConnectionError):
        for _ in range(10):
            client._pump()


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Sum(Sales)", 400),
        ("sum( [Sales] )", 400),
        ("=Count(Region)", 7),
        ("Count(DISTINCT Region)", 4),
        ("Avg(Quantity)", 30 / 7),
        ("Max(Sales)", 120),
        ("Min(Quantity)", 1),
    ],
)
def test_evaluate(expression: str, expected: float) -> None:
    assert evaluate(expression, ROWS) == pytest.approx(expected)


@pytest.mark.parametrize("expression", ["Sales", "Sum(Sales) + 1", "Sum(Unknown)", "Median(Sales)", ""])
def test_evaluate_refuses(expression: str) -> None:
    with pytest.raises(ValueError):
        evaluate(expression, ROWS)
