"""The event outbox: rows written with the change, dispatched once after commit, swept when
their after-commit step was lost, and never written for a change that did not commit."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from models.events import OutboxEvent
from resolvers import events
from tests.support.api import PASSWORD, Actor, register, unique_email
from tests.support.ws import StatusFlipper, Subscriber, make_live


@pytest.fixture(scope="module")
def admin(server) -> Iterator[Actor]:
    """One tenant shared by this module's tests (registration hashes a password: a tenant per
    test is what makes a suite slow). Each test works on its own rows of it."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


async def _await(awaitable: Any) -> Any:
    return await awaitable  # Tortoise querysets are awaitables, server.run() wants a coroutine


def outbox(server, tenant_id: str, type: str | None = None) -> list[OutboxEvent]:
    async def fetch() -> list[OutboxEvent]:
        qs = OutboxEvent.filter(tenant_id=tenant_id)
        if type is not None:
            qs = qs.filter(type=type)
        return list(await qs.order_by("created_at"))

    return server.run(fetch())


def one_row(server, tenant_id: str, type: str, **payload: Any) -> OutboxEvent:
    rows = [r for r in outbox(server, tenant_id, type) if all(r.payload.get(k) == v for k, v in payload.items())]
    assert len(rows) == 1, rows
    return rows[0]


def reload(server, row_id: Any) -> OutboxEvent:
    return server.run(_await(OutboxEvent.get(id=row_id)))


def create_agent(actor, email: str | None = None):
    return actor.post("/api/agents", json={"name": "Outboxed", "email": email or unique_email("ob"), "password": PASSWORD})


def test_an_action_writes_an_outbox_row_dispatched_once(server, admin):
    created = create_agent(admin)
    assert created.status_code == 201, created.text
    agent_id = created.json()["id"]

    row = one_row(server, admin.tenant["id"], "agent.created", agent_id=agent_id)
    assert str(row.tenant_id) == admin.tenant["id"]
    assert row.payload == {"agent_id": agent_id, "role": "agent"}
    assert row.actor == {"actor_type": "agent", "actor_id": admin.agent["id"], "api_key_id": None,
                         "impersonator_id": None}
    assert row.created_at is not None

    server.drain()
    dispatched = reload(server, row.id)
    assert dispatched.dispatched_at is not None
    # A job runs "more than zero times": a second dispatch must not hand it out again.
    assert server.run(events.dispatch_event(row.id)) is False
    assert reload(server, row.id).dispatched_at == dispatched.dispatched_at


def test_an_api_key_action_records_the_key_as_actor(server, admin):
    key = admin.post("/api/api-keys", json={"name": "automation"}).json()
    created = admin.client.post("/api/agents", headers={"X-API-Key": key["key"]},
                                json={"name": "By key", "email": unique_email("key"), "password": PASSWORD})
    assert created.status_code == 201, created.text
    row = one_row(server, admin.tenant["id"], "agent.created", agent_id=created.json()["id"])
    assert row.actor["actor_type"] == "api_key"
    assert row.actor["actor_id"] == admin.agent["id"]  # the key acts for its owner
    assert row.actor["api_key_id"] == key["id"]


def test_the_sweep_dispatches_a_lost_event_and_publishes_it_live(server, admin):
    tenant_id = uuid.UUID(admin.tenant["id"])
    marker = uuid.uuid4().hex

    async def insert(age: timedelta) -> OutboxEvent:
        # As if the process died between commit and publish/enqueue.
        row = await OutboxEvent.create(
            tenant_id=tenant_id, type="agent.updated", payload={"agent_id": admin.agent["id"], "changed": [marker]},
            actor={"actor_type": "system"}, created_at=datetime.now(UTC) - age,
        )
        # auto_now_add may stamp "now" on create whatever was passed; the UPDATE backdates it surely.
        await OutboxEvent.filter(id=row.id).update(created_at=datetime.now(UTC) - age)
        return await OutboxEvent.get(id=row.id)

    with Subscriber(server.ws_url, token=admin.token) as sub:
        sub.subscribe()
        make_live(sub, StatusFlipper(admin).flip)

        lost = server.run(insert(timedelta(minutes=5)))
        fresh = server.run(insert(timedelta(seconds=0)))  # its job may still be on its way: not swept
        try:
            assert lost.dispatched_at is None
            assert lost.created_at < datetime.now(UTC) - timedelta(minutes=4)

            server.run(events.sweep_undispatched())
            event = sub.next_event(2)
            assert event["id"] == str(lost.id)
            assert event["type"] == "agent.updated" and event["payload"]["changed"] == [marker]

            server.drain()
            assert reload(server, lost.id).dispatched_at is not None
            assert reload(server, fresh.id).dispatched_at is None
        finally:
            server.run(_await(OutboxEvent.filter(id=fresh.id).delete()))


def test_a_failed_transaction_records_no_event(server, admin):
    before = len(outbox(server, admin.tenant["id"], "agent.created"))
    duplicate = create_agent(admin, email=admin.agent["email"])
    assert duplicate.status_code == 409, duplicate.text
    assert len(outbox(server, admin.tenant["id"], "agent.created")) == before


def test_each_mutation_of_a_request_commits_its_own_events(server, admin):
    """Two mutations in one GraphQL request: the one that fails leaves no event, the one that
    succeeds keeps its own (each field runs its own transaction with a fresh Ctx)."""
    before = outbox(server, admin.tenant["id"], "agent.created")
    email = unique_email("multi")
    body = admin.gql(
        "mutation($ok: AgentCreateInput!, $dup: AgentCreateInput!) {"
        " ok: createAgent(input: $ok) { id } dup: createAgent(input: $dup) { id } }",
        {"ok": {"name": "Ok", "email": email, "password": PASSWORD, "role": "agent"},
         "dup": {"name": "Dup", "email": email, "password": PASSWORD, "role": "agent"}},
    )
    # createAgent is non-null, so the failure nulls the whole data; the first one committed anyway.
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["CONFLICT"]
    listed = admin.get("/api/agents", params={"q": email}).json()
    items = listed["items"] if isinstance(listed, dict) else listed
    assert [a["email"] for a in items] == [email]
    assert len(outbox(server, admin.tenant["id"], "agent.created")) == len(before) + 1
    one_row(server, admin.tenant["id"], "agent.created", agent_id=items[0]["id"])
