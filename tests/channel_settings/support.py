"""Helpers of the channel-settings effect tests (the fresh inbox per test is in conftest.py):
agents put online through the API, and waiting until the events a webhook caused have reached
their listeners and the jobs those queued have run."""

from __future__ import annotations

import time
from typing import Any

from models.events import OutboxEvent
from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import DEADLINE, Inbox, db
from tests.support.team import ok


def put_settings(inbox: Inbox, channel: str = "whatsapp", **values: Any) -> dict[str, Any]:
    return ok(inbox.admin.put(f"/api/integrations/{channel}", json=values))


def online_agent(inbox: Inbox, name: str, role: str = "agent", *, online: bool = True) -> Actor:
    actor = add_agent(inbox.admin, role=role, name=name)
    inbox.clients.append(actor.client)
    if online:
        set_status(actor, "online")
    return actor


def set_status(actor: Actor, status: str) -> None:
    ok(actor.patch(f"/api/agents/{actor.agent['id']}/status", json={"status": status}))


def settle(server: Any, inbox: Inbox, timeout: float = DEADLINE) -> None:
    """Wait (bounded) until every event of the tenant is dispatched and the queue is empty,
    including what the listeners caused (an assignment, an auto-reply and its send)."""
    deadline = time.monotonic() + timeout
    while True:
        server.drain()
        pending = db(server, OutboxEvent.filter(tenant_id=inbox.tenant_id, dispatched_at=None).count())
        if pending == 0:
            server.drain()
            if db(server, OutboxEvent.filter(tenant_id=inbox.tenant_id, dispatched_at=None).count()) == 0:
                return
        assert time.monotonic() < deadline, f"{pending} events of the tenant were never dispatched"
        time.sleep(0.02)


def conversation(inbox: Inbox, conversation_id: str) -> dict[str, Any]:
    return ok(inbox.admin.get(f"/api/conversations/{conversation_id}"))


def events(server: Any, inbox: Inbox, type_: str, conversation_id: str | None = None) -> list[OutboxEvent]:
    qs = OutboxEvent.filter(tenant_id=inbox.tenant_id, type=type_)
    if conversation_id is not None:
        qs = qs.filter(conversation_id=conversation_id)
    return list(db(server, qs.order_by("created_at")))
