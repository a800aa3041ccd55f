"""One tenant (with a WhatsApp number) and its team for the whole package, plus a second tenant
for cross-tenant probes: registration hashes a password, so tenants are the slow part. Every test
makes its own conversations, and finds its own sends on the (session-wide) fake Graph API by a
unique text.

Times: a message meant to be delivered during a test is scheduled a second or two ahead; one
that must stay pending is scheduled an hour or more ahead. Messages further ahead than the
enqueue horizon get no job until the sweep enqueues them, so nothing long-deferred is left in the
queue for `server.drain()` to wait on."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from models.messages import Message
from models.scheduled_messages import ScheduledMessage
from resolvers._scope import scoped
from tests.support.api import Actor
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import Inbox, customer_writes, db, inbox_fixture
from tests.support.team import member_fixture

DEADLINE = 15.0
SCHEDULED_KEYS = {
    "id", "conversation_id", "status", "send_at", "type", "text", "content", "created_by", "sent_message_id",
    "error", "created_at", "cancelled_at",
}
inbox = inbox_fixture("Scheduling", scope="package")
outsider = inbox_fixture("Globex scheduling", scope="package")  # A second tenant, for cross-tenant probes
supervisor = member_fixture("supervisor", "Sue Supervisor", scope="package")
agnes = member_fixture("agent", "Agnes Agent", scope="package")
bob = member_fixture("agent", "Bob Agent", scope="package")


@pytest.fixture()
def conversation(server, inbox) -> dict[str, Any]:
    """A customer who just wrote (unassigned, window open); REST shape."""
    return customer_writes(server, inbox, new_wa_id(), "Can you remind me tomorrow?")


# ---------------------------------------------------------------- helpers


def at(delta: timedelta, tz: timedelta = timedelta(0)) -> str:
    """now + delta as ISO-8601, written in the given UTC offset."""
    return (datetime.now(UTC) + delta).astimezone(timezone(tz)).isoformat()


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def marker(label: str = "scheduled") -> str:
    return f"{label} {uuid.uuid4().hex[:10]}"


def schedule(actor: Actor, conversation_id: str, text: str, delta: timedelta = timedelta(hours=1),
             **extra: Any) -> dict[str, Any]:
    body = {"type": "text", "text": text, "send_at": at(delta), **extra}
    response = actor.post(f"/api/conversations/{conversation_id}/scheduled-messages", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def listed(actor: Actor, conversation_id: str, **params: Any) -> list[dict[str, Any]]:
    response = actor.get(f"/api/conversations/{conversation_id}/scheduled-messages",
                         params={"per_page": 100, **params})
    assert response.status_code == 200, response.text
    return response.json()


def one(actor: Actor, conversation_id: str, scheduled_id: str) -> dict[str, Any]:
    [found] = [s for s in listed(actor, conversation_id) if s["id"] == scheduled_id]
    return found


def wait_scheduled(actor: Actor, conversation_id: str, scheduled_id: str,
                   until: Callable[[dict[str, Any]], bool] = lambda s: s["status"] != "pending",
                   timeout: float = DEADLINE) -> dict[str, Any]:
    """Poll the conversation's scheduled messages (bounded) until this one satisfies `until`."""
    deadline = time.monotonic() + timeout
    while True:
        found = one(actor, conversation_id, scheduled_id)
        if until(found):
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"scheduled message {scheduled_id} never satisfied the condition: {found}")
        time.sleep(0.05)


def sends_with(inbox: Inbox, graph: Any, text: str) -> list[dict[str, Any]]:
    """What the fake Graph API received from this inbox's number carrying `text`."""
    return [r for r in inbox.sends(graph) if text in str(r["json"])]


def stored_messages(server: Any, inbox: Inbox, conversation_id: str, text: str) -> list[Message]:
    return db(server, scoped(inbox.ctx(), Message).filter(conversation_id=conversation_id, text=text))


def move_send_at(server: Any, inbox: Inbox, scheduled_id: str, delta: timedelta) -> None:
    """Arrange what the API refuses: a pending row due in the past (its time came while no
    worker ran), or due soon without a job."""
    updated = db(server, scoped(inbox.ctx(), ScheduledMessage).filter(id=scheduled_id).update(
        send_at=datetime.now(UTC) + delta))
    assert updated == 1
