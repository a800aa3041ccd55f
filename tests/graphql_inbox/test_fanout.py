"""The live fan-out (schema/live.py) over real WebSockets: identical subscriptions share one
execution but each gets its result under its own operation id and only if its subscriber may see
the event; the conversationId filter holds per operation; credential changes end subscriptions
without per-event checks (logout, suspension, key revocation at once, key expiry on the timer);
and a client that stops reading is closed without holding up anyone else. A commit's events are
one pub/sub message, reach every subscription in order (also past the first round of writes),
and a credential event among them re-checks its sockets from its place in that order on."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import orjson
from websockets.client import ClientProtocol
from websockets.frames import Close, Frame, Opcode
from websockets.http11 import Response
from websockets.typing import Subprotocol
from websockets.uri import parse_uri

from connectors.hub import services
from models.agents import Agent
from resolvers import auth
from resolvers._run import tenant_channel
from schema.live import WRITE_EVERY
from tests.support.api import add_agent
from tests.support.inbox import new_wa_id, post_signed, whatsapp_text_payload
from tests.support.ws import TRANSPORT_WS, Subscriber

LIVE_LIMIT_S = 5.0
TAGS_QUERY = "subscription { inboxEvents { type conversationId ... on ConversationChangedEvent { tags } } }"
BY_ID_QUERY = ("subscription($id: UUID) { inboxEvents(conversationId: $id) { type conversationId "
               "... on ConversationChangedEvent { tags } } }")


def assign(inbox, conversation: dict[str, Any], agent) -> None:
    response = inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign",
                                 json={"agent_id": agent.agent["id"]})
    assert response.status_code == 200, response.text


def tag(actor, conversation_id: str, tags: list[str]) -> None:
    response = actor.patch(f"/api/conversations/{conversation_id}/tags", json={"tags": tags})
    assert response.status_code == 200, response.text


def messages_until(sub: Subscriber, done: Callable[[list[dict[str, Any]]], bool], timeout: float = LIVE_LIMIT_S
                   ) -> list[dict[str, Any]]:
    """Every protocol message of the socket until `done(messages so far)` holds."""
    deadline = time.monotonic() + timeout
    got: list[dict[str, Any]] = []
    while not done(got):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"condition not met within {timeout} s; got {got}")
        got.append(sub.next_message(remaining))
    return got


def tagged(message: dict[str, Any], marker: str) -> bool:
    return message["type"] == "next" and (message["payload"]["data"]["inboxEvents"].get("tags") or []) == [marker]


def ids_that_saw(messages: list[dict[str, Any]], marker: str) -> set[str]:
    return {m["id"] for m in messages if tagged(m, marker)}


def go_live(conversation_id: str, actor, *subscribers: tuple[Subscriber, set[str]]) -> None:
    """Retag until every operation id of every socket has received an event (subscriptions have
    no 'subscribed' acknowledgement), then drain what the warm-up left behind."""
    pending = {sub: set(ids) for sub, ids in subscribers}
    for _ in range(20):
        marker = uuid.uuid4().hex[:12]
        tag(actor, conversation_id, [marker])
        for sub, ids in pending.items():
            deadline = time.monotonic() + 0.5
            while ids and time.monotonic() < deadline:
                try:
                    message = sub.next_message(max(0.01, deadline - time.monotonic()))
                except TimeoutError:
                    break
                assert message["type"] == "next", message
                ids.discard(message["id"])
        if not any(pending.values()):
            for sub, _ in subscribers:  # the last round's duplicates (an operation may have had two)
                try:
                    while True:
                        sub.next_message(0.2)
                except TimeoutError:
                    pass
            return
    raise AssertionError(f"operations never went live: {pending}")


def test_identical_subscriptions_share_a_result_under_their_own_ids(server, inbox, agent_a, agent_b):
    bobs = inbox.customer_writes("bob's customer, live fan-out")
    shared = inbox.customer_writes("everyone's customer, live fan-out")
    assign(inbox, bobs, agent_b)
    with Subscriber(server.ws_url, token=inbox.admin.token) as admin, \
            Subscriber(server.ws_url, token=agent_a.token) as alice, \
            Subscriber(server.ws_url, token=agent_b.token) as bob:
        # Five operations with the same document and variables: one group, five ids.
        admin.subscribe(TAGS_QUERY, op_id="admin-1")
        admin.subscribe(TAGS_QUERY, op_id="admin-2")
        alice.subscribe(TAGS_QUERY, op_id="alice")
        bob.subscribe(TAGS_QUERY, op_id="bob")
        bob.subscribe(TAGS_QUERY, op_id="bob-too")
        go_live(shared["id"], inbox.admin, (admin, {"admin-1", "admin-2"}), (alice, {"alice"}),
                (bob, {"bob", "bob-too"}))

        secret, marker = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
        tag(inbox.admin, bobs["id"], [secret])  # Bob's conversation: not for Alice
        tag(inbox.admin, shared["id"], [marker])  # then one everyone may see

        seen = {}
        for name, sub, ids in (("admin", admin, {"admin-1", "admin-2"}), ("alice", alice, {"alice"}),
                               ("bob", bob, {"bob", "bob-too"})):
            seen[name] = messages_until(sub, lambda got, ids=ids: ids_that_saw(got, marker) == ids)

    # Everyone gets the marker under their own ids, and nothing for an id they did not send.
    assert {m["id"] for m in seen["admin"]} == {"admin-1", "admin-2"}
    assert {m["id"] for m in seen["bob"]} == {"bob", "bob-too"}
    assert {m["id"] for m in seen["alice"]} == {"alice"}
    # Bob and the admin see Bob's conversation; Alice, although in the same group, does not.
    assert ids_that_saw(seen["admin"], secret) == {"admin-1", "admin-2"}
    assert ids_that_saw(seen["bob"], secret) == {"bob", "bob-too"}
    assert not ids_that_saw(seen["alice"], secret)
    assert all(m["payload"]["data"]["inboxEvents"]["conversationId"] != bobs["id"] for m in seen["alice"])
    # The same event, the same result for every member of the group.
    payloads = {str(m["payload"]) for msgs in seen.values() for m in msgs if tagged(m, marker)}
    assert len(payloads) == 1, payloads
    assert payloads == {str({"data": {"inboxEvents": {"type": "conversation.updated", "conversationId": shared["id"],
                                                      "tags": [marker]}}})}


def test_conversation_filter_per_operation_on_one_socket(server, inbox):
    first = inbox.customer_writes("first watched conversation")
    second = inbox.customer_writes("second watched conversation")
    with Subscriber(server.ws_url, token=inbox.admin.token) as sub:
        sub.subscribe(BY_ID_QUERY, {"id": first["id"]}, op_id="first")
        sub.subscribe(BY_ID_QUERY, {"id": second["id"]}, op_id="second")
        sub.subscribe(TAGS_QUERY, op_id="all")
        go_live(first["id"], inbox.admin, (sub, {"first", "all"}))
        go_live(second["id"], inbox.admin, (sub, {"second", "all"}))

        one, two = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
        tag(inbox.admin, first["id"], [one])
        tag(inbox.admin, second["id"], [two])
        got = messages_until(sub, lambda got: ids_that_saw(got, two) == {"second", "all"}
                             and ids_that_saw(got, one) == {"first", "all"})

    for message in got:
        conversation = message["payload"]["data"]["inboxEvents"]["conversationId"]
        if message["id"] == "first":
            assert conversation == first["id"], message
        if message["id"] == "second":
            assert conversation == second["id"], message


def test_a_completed_operation_gets_nothing_more_and_its_id_can_be_reused(server, inbox):
    conversation = inbox.customer_writes("twin operations")
    with Subscriber(server.ws_url, token=inbox.admin.token) as sub:
        sub.subscribe(TAGS_QUERY, op_id="stays")
        sub.subscribe(TAGS_QUERY, op_id="leaves")
        go_live(conversation["id"], inbox.admin, (sub, {"stays", "leaves"}))

        sub.send({"id": "leaves", "type": "complete"})
        marker = uuid.uuid4().hex[:12]
        tag(inbox.admin, conversation["id"], [marker])
        got = messages_until(sub, lambda got: "stays" in ids_that_saw(got, marker))
        sub.assert_silent(0.3)
        assert {m["id"] for m in got} == {"stays"}, got

        sub.subscribe(TAGS_QUERY, op_id="leaves")  # the same id, a new operation
        go_live(conversation["id"], inbox.admin, (sub, {"leaves"}))
        again = uuid.uuid4().hex[:12]
        tag(inbox.admin, conversation["id"], [again])
        got = messages_until(sub, lambda got: ids_that_saw(got, again) == {"stays", "leaves"})
        assert sorted(m["id"] for m in got if tagged(m, again)) == ["leaves", "stays"]


def expect_unauthenticated_end(sub: Subscriber, op_id: str, timeout: float = LIVE_LIMIT_S) -> None:
    """The operation ends with the UNAUTHENTICATED error as its last result, then `complete`."""
    message = sub.next_message(timeout)
    assert message["id"] == op_id and message["type"] == "next", message
    assert message["payload"]["data"] is None, message
    assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", message
    assert sub.next_message(timeout) == {"id": op_id, "type": "complete"}


def test_suspension_ends_that_agents_subscriptions_only(server, inbox):
    carl, dave = add_agent(inbox.admin, name="Agent Carl"), add_agent(inbox.admin, name="Agent Dave")
    conversation = inbox.customer_writes("an unassigned conversation both agents see")
    with Subscriber(server.ws_url, token=carl.token) as carl_sub, \
            Subscriber(server.ws_url, token=dave.token) as dave_sub:
        carl_sub.subscribe(TAGS_QUERY, op_id="carl")
        dave_sub.subscribe(TAGS_QUERY, op_id="dave")
        go_live(conversation["id"], inbox.admin, (carl_sub, {"carl"}), (dave_sub, {"dave"}))

        suspended = inbox.admin.patch(f"/api/agents/{carl.agent['id']}", json={"account_status": "suspended"})
        assert suspended.status_code == 200, suspended.text
        marker = uuid.uuid4().hex[:12]
        tag(inbox.admin, conversation["id"], [marker])

        # Carl's stream ends with the error, before (instead of) the marker; Dave's goes on.
        expect_unauthenticated_end(carl_sub, "carl")
        carl_sub.assert_silent(0.5)
        assert ids_that_saw(messages_until(dave_sub, lambda got: bool(ids_that_saw(got, marker))), marker) == {"dave"}


def test_revoking_an_api_key_ends_its_subscription(server, inbox):
    created = inbox.admin.post("/api/api-keys", json={"name": "live revoke"})
    assert created.status_code == 201, created.text
    conversation = inbox.customer_writes("watched through an API key")
    with Subscriber(server.ws_url, init_payload={"X-API-Key": created.json()["key"]}) as sub:
        sub.subscribe(TAGS_QUERY, op_id="key")
        go_live(conversation["id"], inbox.admin, (sub, {"key"}))
        revoked = inbox.admin.delete(f"/api/api-keys/{created.json()['id']}")
        assert revoked.status_code == 200, revoked.text
        tag(inbox.admin, conversation["id"], [uuid.uuid4().hex[:12]])
        expect_unauthenticated_end(sub, "key")


def test_an_expiring_api_key_is_caught_by_the_timer_without_any_event(server, inbox):
    """No event announces an expiry: the per-socket timer (SUBSCRIPTION_RECHECK_SECONDS, 1 s in
    the tests) finds it, while nothing is being delivered."""
    expires = datetime.now(UTC) + timedelta(seconds=3)
    created = inbox.admin.post("/api/api-keys", json={"name": "live expiry", "expires_at": expires.isoformat()})
    assert created.status_code == 201, created.text
    conversation = inbox.customer_writes("watched until the key expires")
    with Subscriber(server.ws_url, init_payload={"X-API-Key": created.json()["key"]}) as sub:
        sub.subscribe(TAGS_QUERY, op_id="expiring")
        go_live(conversation["id"], inbox.admin, (sub, {"expiring"}))
        expect_unauthenticated_end(sub, "expiring", timeout=(expires - datetime.now(UTC)).total_seconds() + 3)


class StalledClient:
    """A graphql-transport-ws client on a raw socket (websockets' sans-I/O protocol) that reads
    only when told to: between `subscribe` and `close_code` it reads nothing at all, and its
    small receive buffer makes the server's writes back up quickly."""

    def __init__(self, ws_url: str, token: str) -> None:
        parts = urlsplit(ws_url)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect((parts.hostname, parts.port))
        self.sock.settimeout(5)
        self.protocol = ClientProtocol(parse_uri(ws_url), subprotocols=[Subprotocol(TRANSPORT_WS)],
                                       max_size=None)
        self.protocol.send_request(self.protocol.connect())
        self._flush()
        self._read_until(lambda events: any(isinstance(e, Response) for e in events))
        self.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        ack = self._read_until(lambda events: any(isinstance(e, Frame) for e in events))
        assert json.loads([e for e in ack if isinstance(e, Frame)][0].data)["type"] == "connection_ack"

    def send(self, message: dict[str, Any]) -> None:
        self.protocol.send_text(json.dumps(message).encode())
        self._flush()

    def _flush(self) -> None:
        for chunk in self.protocol.data_to_send():
            if chunk:
                self.sock.sendall(chunk)

    def _read_until(self, done: Callable[[list[Any]], bool], timeout: float = 5) -> list[Any]:
        events: list[Any] = []
        deadline = time.monotonic() + timeout
        while not done(events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing conclusive within {timeout} s")
            data = self.sock.recv(65536)
            if not data:
                self.protocol.receive_eof()
            else:
                self.protocol.receive_data(data)
            events += self.protocol.events_received()
            self._flush()  # pongs, the close reply
            if not data:
                break
        return events

    def close_code(self, timeout: float) -> int | None:
        """Read everything that was on its way, up to the server's close frame: its code."""
        events = self._read_until(lambda evs: any(isinstance(e, Frame) and e.opcode == Opcode.CLOSE for e in evs),
                                  timeout)
        closes = [Close.parse(e.data) for e in events if isinstance(e, Frame) and e.opcode == Opcode.CLOSE]
        return closes[0].code if closes else None

    def close(self) -> None:
        self.sock.close()


def test_a_client_that_stops_reading_is_closed_and_holds_up_no_one(server, inbox):
    conversation = inbox.customer_writes("a busy conversation")
    # ~100 kB per event for the stalled client: 30 aliases of 50 tags of 64 characters.
    heavy = ("subscription($id: UUID) { inboxEvents(conversationId: $id) { ... on ConversationChangedEvent { "
             + " ".join(f"t{i}: tags" for i in range(30)) + " } } }")
    stalled = StalledClient(server.ws_url, inbox.admin.token)
    try:
        stalled.send({"id": "heavy", "type": "subscribe",
                      "payload": {"query": heavy, "variables": {"id": conversation["id"]}}})
        with Subscriber(server.ws_url, token=inbox.admin.token) as healthy:
            healthy.subscribe(BY_ID_QUERY, {"id": conversation["id"]}, op_id="light")
            go_live(conversation["id"], inbox.admin, (healthy, {"light"}))

            # The stalled client now reads nothing, while 12 MB of its events pile up (more than the
            # kernel buffers hold); the healthy one receives every event promptly all along.
            worst = 0.0
            for i in range(120):
                tags = [f"{i:03d}{j:02d}".ljust(64, "x") for j in range(50)]
                started = time.perf_counter()
                tag(inbox.admin, conversation["id"], tags)
                message = healthy.next_message(LIVE_LIMIT_S)
                worst = max(worst, time.perf_counter() - started)
                assert message["id"] == "light" and message["payload"]["data"]["inboxEvents"]["tags"] == tags
            assert worst < 1.0, worst
        # Reading again, the stalled client finds what was already on its way, then the close.
        assert stalled.close_code(timeout=15) == 1008
    finally:
        stalled.close()


def test_a_role_change_takes_effect_on_open_subscriptions(server, inbox, agent_a):
    """An admin takes `conversations.read_all` away from a custom role: its holders' open
    subscriptions stop receiving other agents' conversations at once (a role event re-checks,
    and refreshes, every socket of the tenant)."""
    key = f"watcher_{uuid.uuid4().hex[:8]}"
    response = inbox.admin.post("/api/roles", json={"name": key, "key": key,
                                                   "permissions": ["conversations.read", "conversations.read_all"]})
    assert response.status_code == 201, response.text
    role = response.json()
    watcher = add_agent(inbox.admin, role=key, name="Wanda Watcher")
    theirs = inbox.customer_writes("agent A's customer, role change")
    everyone = inbox.customer_writes("unassigned customer, role change")
    assign(inbox, theirs, agent_a)
    with Subscriber(server.ws_url, token=watcher.token) as sub:
        sub.subscribe(TAGS_QUERY, op_id="watch")
        go_live(theirs["id"], inbox.admin, (sub, {"watch"}))  # read_all: agent A's conversation reaches it

        response = inbox.admin.patch(f"/api/roles/{role['id']}", json={"permissions": ["conversations.read"]})
        assert response.status_code == 200, response.text
        hidden, visible = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
        tag(inbox.admin, theirs["id"], [hidden])
        tag(inbox.admin, everyone["id"], [visible])
        got = messages_until(sub, lambda got: ids_that_saw(got, visible) == {"watch"})
    assert not ids_that_saw(got, hidden), got


class ChannelTap:
    """Every message the server's process receives on one pub/sub channel, decoded, in order
    (read on the server's own loop, as the live feeds read it)."""

    def __init__(self, server, channel: str) -> None:
        self.server = server
        self.messages: list[Any] = []

        async def read() -> None:
            async for raw in services.pubsub.subscribe(channel):
                self.messages.append(orjson.loads(raw))

        async def start() -> asyncio.Task[None]:
            task = asyncio.ensure_future(read())
            await asyncio.sleep(0)  # the reader subscribes when it first runs
            return task

        self.task = server.run(start())

    def wait_for(self, found: Callable[[list[Any]], bool], timeout: float = LIVE_LIMIT_S) -> list[Any]:
        deadline = time.monotonic() + timeout
        while not found(self.messages):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not published within {timeout} s; got {self.messages}")
            time.sleep(0.01)
        return self.messages

    def close(self) -> None:
        async def stop() -> None:
            self.task.cancel()

        self.server.run(stop())


def publish(server, tenant_id: str, message: bytes) -> None:
    server.run(services.pubsub.publish(tenant_channel(tenant_id), message))


def new_customer_writes(inbox) -> None:
    """A customer nobody knows writes: contact, conversation and message are created in one commit."""
    response = post_signed(inbox.admin, whatsapp_text_payload(inbox.account["phone_number_id"], new_wa_id(), "hi"))
    assert response.status_code == 200, response.text


def test_a_commits_events_are_published_as_one_message(server, inbox):
    tap = ChannelTap(server, tenant_channel(inbox.admin.tenant["id"]))
    try:
        new_customer_writes(inbox)
        messages = tap.wait_for(lambda got: any("message.created" in {e["type"] for e in m} for m in got))
    finally:
        tap.close()
    [commit] = [m for m in messages if "message.created" in {e["type"] for e in m}]
    assert [e["type"] for e in commit] == ["contact.created", "conversation.created", "message.created"]
    contact, opened, message = commit
    assert opened["payload"]["contact_id"] == contact["payload"]["contact_id"]
    assert message["conversation_id"] == opened["conversation_id"]


def test_a_commit_reaches_every_subscription_in_order_past_the_first_round_of_writes(server, inbox):
    """More operations than the fan-out handles before letting writers run (WRITE_EVERY): every
    one gets the commit's three events, in the order they were recorded."""
    warm = inbox.customer_writes("warming up many operations")
    per_socket = WRITE_EVERY // 3 + 2
    subs = [Subscriber(server.ws_url, token=inbox.admin.token).__enter__() for _ in range(3)]
    try:
        ids = {sub: {f"op-{n}-{i}" for i in range(per_socket)} for n, sub in enumerate(subs)}
        for sub, op_ids in ids.items():
            for op_id in sorted(op_ids):
                sub.subscribe(TAGS_QUERY, op_id=op_id)
        assert sum(len(v) for v in ids.values()) > WRITE_EVERY
        go_live(warm["id"], inbox.admin, *ids.items())

        new_customer_writes(inbox)
        for sub, op_ids in ids.items():
            got = messages_until(sub, lambda got, op_ids=op_ids: {
                m["id"] for m in got if m["payload"]["data"]["inboxEvents"]["type"] == "message.created"} == op_ids)
            for op_id in op_ids:
                kinds = [m["payload"]["data"]["inboxEvents"]["type"] for m in got if m["id"] == op_id]
                assert kinds == ["contact.created", "conversation.created", "message.created"], (op_id, got)
    finally:
        for sub in subs:
            sub.close()


def captured_change(server, inbox, conversation_id: str) -> dict[str, Any]:
    """A real conversation.updated event as published (a template for crafted commits)."""
    tap = ChannelTap(server, tenant_channel(inbox.admin.tenant["id"]))
    try:
        tag(inbox.admin, conversation_id, [uuid.uuid4().hex[:12]])
        messages = tap.wait_for(lambda got: any(e["type"] == "conversation.updated" for m in got for e in m))
    finally:
        tap.close()
    return next(e for m in messages for e in m if e["type"] == "conversation.updated")


def retagged(template: dict[str, Any], marker: str) -> dict[str, Any]:
    return {**template, "id": str(uuid.uuid4()), "payload": {**template["payload"], "tags": [marker]}}


def test_a_credential_event_inside_a_commit_rechecks_its_sockets_from_its_place(server, inbox):
    """A commit of [change A, agent.updated for Carl, change B], Carl's account already suspended:
    Carl's stream ends with UNAUTHENTICATED, without A (held for the re-check the event started)
    and without B; Dave, whom the event does not name, gets A then B."""
    carl, dave = add_agent(inbox.admin, name="Agent Carl"), add_agent(inbox.admin, name="Agent Dave")
    conversation = inbox.customer_writes("a conversation both agents see, one commit")
    tenant_id = inbox.admin.tenant["id"]
    with Subscriber(server.ws_url, token=carl.token) as carl_sub, \
            Subscriber(server.ws_url, token=dave.token) as dave_sub:
        carl_sub.subscribe(TAGS_QUERY, op_id="carl")
        dave_sub.subscribe(TAGS_QUERY, op_id="dave")
        go_live(conversation["id"], inbox.admin, (carl_sub, {"carl"}), (dave_sub, {"dave"}))
        template = captured_change(server, inbox, conversation["id"])
        for sub in (carl_sub, dave_sub):
            sub.next_message(LIVE_LIMIT_S)  # the capture's own change

        async def suspend_carl() -> None:
            # As the suspension's own commit does (its event is the one in the commit below).
            await Agent.filter(id=carl.agent["id"]).update(account_status="suspended")
            auth.principals.forget_tenant(uuid.UUID(tenant_id))

        server.run(suspend_carl())
        first, second = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
        credential = {**template, "id": str(uuid.uuid4()), "type": "agent.updated", "conversation_id": None,
                      "assigned_agent_id": None, "payload": {"agent_id": carl.agent["id"], "changed": ["account_status"]}}
        publish(server, tenant_id, orjson.dumps([retagged(template, first), credential, retagged(template, second)]))

        expect_unauthenticated_end(carl_sub, "carl")
        carl_sub.assert_silent(0.3)
        got = messages_until(dave_sub, lambda got: ids_that_saw(got, second) == {"dave"})
        assert [m["payload"]["data"]["inboxEvents"]["tags"] for m in got] == [[first], [second]], got


def test_the_feed_outlives_a_malformed_message_and_reads_a_lone_event(server, inbox):
    """Garbage on the channel is logged and skipped; a lone event object (what a process of the
    previous version publishes) is delivered like a commit of one."""
    conversation = inbox.customer_writes("a conversation for odd messages")
    with Subscriber(server.ws_url, token=inbox.admin.token) as sub:
        sub.subscribe(TAGS_QUERY, op_id="odd")
        go_live(conversation["id"], inbox.admin, (sub, {"odd"}))
        template = captured_change(server, inbox, conversation["id"])
        sub.next_message(LIVE_LIMIT_S)

        marker = uuid.uuid4().hex[:12]
        for garbage in (b"{not json", b"[1, 2]", b'[{"no": "type"}]'):
            publish(server, inbox.admin.tenant["id"], garbage)
        publish(server, inbox.admin.tenant["id"], orjson.dumps(retagged(template, marker)))
        got = messages_until(sub, lambda got: ids_that_saw(got, marker) == {"odd"})
        assert len(got) == 1, got
