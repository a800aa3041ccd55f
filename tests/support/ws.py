"""A GraphQL subscription client over a real WebSocket (the `websockets` sync client), speaking
graphql-transport-ws or the legacy graphql-ws protocol. Waits are bounded by deadlines."""

from __future__ import annotations

import json
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"

EVENTS_SUBSCRIPTION = "subscription($types: [String!]) { events(types: $types) { id type payload } }"


class Subscriber:
    """`with Subscriber(server.ws_url, token=...) as sub: sub.subscribe(...); sub.next_data(1.0)`."""

    def __init__(
        self,
        ws_url: str,
        *,
        token: str | None = None,
        protocol: str = TRANSPORT_WS,
        headers: dict[str, str] | None = None,
        init_payload: dict[str, Any] | None = None,
        open_timeout: float = 5,
    ) -> None:
        self.ws_url = ws_url
        self.protocol = protocol
        self.headers = headers or {}
        if init_payload is None:
            init_payload = {"Authorization": f"Bearer {token}"} if token else {}
        self.init_payload = init_payload
        self.open_timeout = open_timeout
        self.ws: ClientConnection | None = None
        self.ack: dict[str, Any] | None = None

    # -- connection -------------------------------------------------------------------------
    def open(self) -> Subscriber:
        # websockets 17 wants connect() entered as a context manager; close() leaves it.
        self.ws = connect(
            self.ws_url, subprotocols=[Subprotocol(self.protocol)], additional_headers=self.headers,
            open_timeout=self.open_timeout, proxy=None,
        ).__enter__()
        return self

    def init(self, timeout: float = 5) -> dict[str, Any]:
        """Send connection_init and return the connection_ack (raises ConnectionClosed if refused)."""
        self.send({"type": "connection_init", "payload": self.init_payload})
        message = self.next_message(timeout)
        assert message["type"] == "connection_ack", message
        self.ack = message
        return message

    def __enter__(self) -> Subscriber:
        self.open()
        try:
            self.init()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()

    # -- messages ---------------------------------------------------------------------------
    def send(self, message: dict[str, Any]) -> None:
        assert self.ws is not None
        self.ws.send(json.dumps(message))

    def next_message(self, timeout: float) -> dict[str, Any]:
        """The next protocol message other than keep-alives; TimeoutError after `timeout` s."""
        assert self.ws is not None
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no message within {timeout} s")
            message = json.loads(self.ws.recv(timeout=remaining))
            kind = message.get("type")
            if kind == "ping":
                self.send({"type": "pong"})
                continue
            if kind in ("pong", "ka"):
                continue
            return message

    def subscribe(self, query: str = EVENTS_SUBSCRIPTION, variables: dict[str, Any] | None = None,
                  op_id: str = "1") -> str:
        kind = "subscribe" if self.protocol == TRANSPORT_WS else "start"
        self.send({"id": op_id, "type": kind, "payload": {"query": query, "variables": variables or {}}})
        return op_id

    def next_data(self, timeout: float) -> dict[str, Any]:
        """The `data` of the next result; fails on an error message."""
        message = self.next_message(timeout)
        expected = "next" if self.protocol == TRANSPORT_WS else "data"
        assert message["type"] == expected, message
        assert not message["payload"].get("errors"), message
        return message["payload"]["data"]

    def next_event(self, timeout: float) -> dict[str, Any]:
        return self.next_data(timeout)["events"]

    def assert_silent(self, seconds: float) -> None:
        """Nothing but keep-alives arrives for `seconds`."""
        try:
            message = self.next_message(seconds)
        except TimeoutError:
            return
        raise AssertionError(f"expected no message, got {message}")

    def closed_code(self, timeout: float = 5) -> int | None:
        """Wait for the server to close the socket and return the close code."""
        assert self.ws is not None
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self.ws.recv(timeout=max(0.01, deadline - time.monotonic()))
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd is not None else None
        raise TimeoutError(f"socket still open after {timeout} s")


class StatusFlipper:
    """Flips an agent's own online/offline status over REST: each flip records exactly one
    agent.status_changed event."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.agent_id = actor.agent["id"]
        me = actor.get("/api/auth/me")  # the actor may be shared: its status is whatever it is now
        assert me.status_code == 200, me.text
        self.status = me.json()["status"]

    def flip(self) -> str:
        self.status = "offline" if self.status == "online" else "online"
        response = self.actor.patch(f"/api/agents/{self.agent_id}/status", json={"status": self.status})
        assert response.status_code == 200, response.text
        return self.status


def make_live(sub: Subscriber, trigger: Any, *, attempts: int = 10, wait: float = 1.0) -> dict[str, Any]:
    """A subscription has no 'subscribed' acknowledgement: fire `trigger()` until an event
    arrives, so the subscription is known to be registered server-side. An event fired before
    registration is never delivered, and delivery takes milliseconds (`wait` is the whole
    one-second latency budget), so no stray warm-up event arrives afterwards."""
    for _ in range(attempts):
        trigger()
        try:
            return sub.next_event(wait)
        except TimeoutError:
            continue
    raise AssertionError(f"subscription delivered nothing after {attempts} triggers")
