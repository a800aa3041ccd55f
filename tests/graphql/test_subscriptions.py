"""GraphQL subscriptions over a real WebSocket against the live server: both protocols, every
way to authenticate, refusals, the error model over the socket, and tenant isolation."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import httpx
import pytest
from websockets.exceptions import InvalidStatus

from tests.support.api import PASSWORD, Actor, login, register, unique_email
from tests.support.ws import LEGACY_WS, TRANSPORT_WS, StatusFlipper, Subscriber, make_live

STATUS_ONLY = {"types": ["agent.status_changed"]}
LATENCY_LIMIT_S = 1.0


@pytest.fixture(scope="module")
def admin(server) -> Iterator[Actor]:
    """One tenant shared by this module's tests (registration hashes a password: a tenant per
    test is what makes a suite slow). Each test works on its own rows of it."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


def test_transport_ws_delivers_a_rest_change_within_a_second(server, admin, record_property):
    flipper = StatusFlipper(admin)
    with Subscriber(server.ws_url, token=admin.token) as sub:
        assert sub.ack["payload"] == {"agent_id": admin.agent["id"]}
        sub.subscribe(variables=STATUS_ONLY)
        make_live(sub, flipper.flip)

        latencies, round_trips = [], []
        for _ in range(5):
            # An event of another type comes first: the `types` filter must drop it.
            assert admin.post("/api/api-keys", json={"name": "noise"}).status_code == 201
            started = time.perf_counter()
            status = flipper.flip()
            round_trips.append(time.perf_counter() - started)
            event = sub.next_event(LATENCY_LIMIT_S)
            latencies.append(time.perf_counter() - started)
            assert event["type"] == "agent.status_changed"
            assert event["payload"] == {"agent_id": admin.agent["id"], "status": status}
            assert event["id"]

    worst, median = max(latencies), statistics.median(latencies)
    record_property("subscription_latency_ms", {"median": round(median * 1000, 1), "max": round(worst * 1000, 1)})
    print(f"subscription latency (PATCH sent -> event received): median {median * 1000:.1f} ms, "
          f"max {worst * 1000:.1f} ms; the PATCH's own round trip: median "
          f"{statistics.median(round_trips) * 1000:.1f} ms")
    assert worst < LATENCY_LIMIT_S


def test_legacy_graphql_ws_protocol(server, admin):
    flipper = StatusFlipper(admin)
    with Subscriber(server.ws_url, token=admin.token, protocol=LEGACY_WS) as sub:
        assert sub.ws.subprotocol == LEGACY_WS
        sub.subscribe(variables=STATUS_ONLY)  # a "start" message
        make_live(sub, flipper.flip)
        status = flipper.flip()
        message = sub.next_message(LATENCY_LIMIT_S)
        assert message["type"] == "data" and message["id"] == "1"
        assert message["payload"]["data"]["events"]["payload"]["status"] == status
        sub.send({"id": "1", "type": "stop"})
        assert sub.next_message(2) == {"type": "complete", "id": "1"}


def test_auth_by_authorization_header_on_the_handshake(server, admin):
    flipper = StatusFlipper(admin)
    headers = {"Authorization": f"Bearer {admin.token}"}
    with Subscriber(server.ws_url, headers=headers, init_payload={}) as sub:
        assert sub.ack["payload"] == {"agent_id": admin.agent["id"]}
        sub.subscribe(variables=STATUS_ONLY)
        event = make_live(sub, flipper.flip)
        assert event["payload"]["agent_id"] == admin.agent["id"]


def test_auth_by_session_cookie_on_the_handshake(server, client, admin):
    logged = login(client, admin.agent["email"])
    assert logged.status_code == 200, logged.text
    cookie = logged.cookies.get("omnistream_session")
    assert cookie
    with Subscriber(server.ws_url, headers={"Cookie": f"omnistream_session={cookie}"}, init_payload={}) as sub:
        assert sub.ack["payload"] == {"agent_id": admin.agent["id"]}


def test_auth_by_api_key_in_connection_init(server, admin):
    key = admin.post("/api/api-keys", json={"name": "live"}).json()["key"]
    flipper = StatusFlipper(admin)
    with Subscriber(server.ws_url, init_payload={"X-API-Key": key}) as sub:
        assert sub.ack["payload"] == {"agent_id": admin.agent["id"]}
        sub.subscribe(variables=STATUS_ONLY)
        make_live(sub, flipper.flip)


@pytest.mark.parametrize("payload", [
    {"Authorization": "Bearer not-a-jwt"},
    {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."},
    {"X-API-Key": "osk_nope_nope"},
], ids=["garbage-jwt", "alg-none", "bad-api-key"])
def test_bad_credentials_in_connection_init_close_with_4403(server, payload):
    sub = Subscriber(server.ws_url, init_payload=payload).open()
    try:
        sub.send({"type": "connection_init", "payload": sub.init_payload})
        assert sub.closed_code() == 4403
    finally:
        sub.close()


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-jwt"}], ids=["none", "bad-header"])
def test_missing_or_bad_handshake_credentials_are_rejected(server, headers):
    sub = Subscriber(server.ws_url, headers=headers, init_payload={}).open()
    try:
        sub.send({"type": "connection_init", "payload": {}})
        assert sub.closed_code() == 4403
    finally:
        sub.close()


def test_legacy_protocol_refusal_is_a_connection_error(server):
    sub = Subscriber(server.ws_url, protocol=LEGACY_WS, init_payload={"Authorization": "Bearer not-a-jwt"}).open()
    try:
        sub.send({"type": "connection_init", "payload": sub.init_payload})
        message = sub.next_message(5)
        assert message["type"] == "connection_error"
        assert message["payload"]["code"] == "UNAUTHENTICATED"
        assert sub.closed_code() == 1011  # what the subscriptions-transport-ws reference server does
    finally:
        sub.close()


def test_cross_origin_handshake_is_refused(server, admin):
    with pytest.raises(InvalidStatus) as refused:
        Subscriber(server.ws_url, token=admin.token, headers={"Origin": "http://evil.example"}).open()
    assert refused.value.response.status_code == 403
    # The server's own origin (and non-browser clients, which send none) are welcome.
    with Subscriber(server.ws_url, token=admin.token, headers={"Origin": server.url}) as sub:
        assert sub.ack["type"] == "connection_ack"


def test_a_revoked_session_cannot_subscribe(server, client):
    actor = register(client)
    assert actor.post("/api/auth/logout").status_code == 200
    sub = Subscriber(server.ws_url, token=actor.token).open()
    try:
        sub.send({"type": "connection_init", "payload": sub.init_payload})
        assert sub.closed_code() == 4403
    finally:
        sub.close()


def test_subscriptions_are_isolated_per_tenant(server, admin, other_admin):
    flip_a, flip_b = StatusFlipper(admin), StatusFlipper(other_admin)
    with Subscriber(server.ws_url, token=admin.token) as sub_a, \
            Subscriber(server.ws_url, token=other_admin.token) as sub_b:
        sub_a.subscribe()  # every type
        sub_b.subscribe()
        make_live(sub_a, flip_a.flip)
        make_live(sub_b, flip_b.flip)

        # Tenant A changes: A's own subscriber receives it, so it has been published...
        status = flip_a.flip()
        assert sub_a.next_event(LATENCY_LIMIT_S)["payload"]["status"] == status
        # ...and B, on the same channel machinery, receives nothing of it.
        sub_b.assert_silent(0.5)

        # B's own change is the very first thing B receives.
        email = unique_email("b-agent")
        created = other_admin.post("/api/agents", json={"name": "B", "email": email, "password": PASSWORD})
        assert created.status_code == 201, created.text
        event = sub_b.next_event(LATENCY_LIMIT_S)
        assert event["type"] == "agent.created"
        assert event["payload"]["agent_id"] == created.json()["id"]


def test_transport_ws_protocol_is_negotiated(server, admin):
    with Subscriber(server.ws_url, token=admin.token, protocol=TRANSPORT_WS) as sub:
        assert sub.ws.subprotocol == TRANSPORT_WS


def test_errors_over_the_websocket_carry_the_domain_code(server, admin):
    """graphql-transport-ws also runs queries and mutations; their results are streamed, and
    the error model must hold there as it does over HTTP."""
    with Subscriber(server.ws_url, token=admin.token) as sub:
        sub.subscribe("query($id: UUID!) { agent(id: $id) { id } }", {"id": "00000000-0000-4000-8000-000000000000"})
        message = sub.next_message(2)
        assert message["type"] == "next", message
        error = message["payload"]["errors"][0]
        assert error["message"] == "agent not found"
        assert error["extensions"] == {"code": "NOT_FOUND", "status": 404}
        assert sub.next_message(2) == {"id": "1", "type": "complete"}


def test_logout_ends_a_live_subscription(server, admin):
    """Credentials are re-checked while the socket lives (every event here; every 30 s by
    default), so logging out stops the flow of events instead of leaving a socket open."""
    session = login(admin.client, admin.agent["email"]).json()  # a session of its own to end
    agent = Actor(admin.client, session["token"], session["agent"], admin.tenant)
    flipper = StatusFlipper(admin)
    with Subscriber(server.ws_url, token=agent.token) as sub:
        sub.subscribe(variables=STATUS_ONLY)
        make_live(sub, flipper.flip)
        assert agent.post("/api/auth/logout").status_code == 200
        flipper.flip()
        message = sub.next_message(LATENCY_LIMIT_S)
        # The stream ends with the error (as a last result), not with the flipped status.
        assert message["type"] == "next" and message["payload"]["data"] is None, message
        assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert sub.next_message(LATENCY_LIMIT_S)["type"] == "complete"
