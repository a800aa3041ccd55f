"""Delivery of scheduled messages, exactly once: a due message becomes an ordinary outbound
message from its creator (and goes through the fake Graph API once); WhatsApp's 24-hour window
is checked when it falls due; duplicate jobs, concurrent claims, a cancel racing the delivery and
a sweep after "downtime" never send twice; a cancelled message never goes."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from arq import Retry

from connectors.hub import services
from jobs.scheduled_messages import deliver_scheduled_message, sweep_scheduled_messages
from models.events import OutboxEvent
from resolvers import scheduled_messages
from resolvers._context import Ctx
from resolvers._errors import Conflict
from resolvers._perms import builtin_permissions
from tests.scheduled_messages.conftest import (
    at,
    marker,
    move_send_at,
    one,
    schedule,
    sends_with,
    stored_messages,
    wait_scheduled,
)
from tests.support.api import add_agent
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import customer_writes, db, messages_of, wait_message

SOON = timedelta(seconds=1)


@pytest.fixture()
def graph(server, fake_graph):
    """The session's fake Graph API, once nothing is being sent any more."""
    server.drain()
    return fake_graph


@pytest.fixture()
def quiet_conversation(server, inbox) -> dict[str, Any]:
    """A customer whose last message is 25 hours old: the 24-hour window is closed."""
    return customer_writes(server, inbox, new_wa_id(), "hello?", timestamp=time.time() - 25 * 3600)


def run_job(server, scheduled_id: str) -> str:
    return server.run(deliver_scheduled_message({"job_try": 1}, scheduled_id))


def settled_message(server, inbox, conversation_id: str, message_id: str) -> dict[str, Any]:
    """The outbound message once its own send job has run (sent or failed)."""
    server.drain()
    return wait_message(inbox.admin, conversation_id, message_id, lambda m: m["status"] != "queued")


def events_of(server, inbox, conversation_id: str) -> list[OutboxEvent]:
    return db(server, OutboxEvent.filter(tenant_id=inbox.tenant_id, conversation_id=conversation_id,
                                         type__startswith="scheduled_message.").order_by("created_at"))


def overdue(server, inbox, conversation_id: str, text: str, actor=None, **extra: Any) -> dict[str, Any]:
    """A pending message whose time came while no worker ran: scheduled an hour ahead (so no job
    is enqueued yet), then moved into the past."""
    scheduled = schedule(actor or inbox.admin, conversation_id, text, timedelta(hours=1), **extra)
    move_send_at(server, inbox, scheduled["id"], -timedelta(minutes=10))
    return scheduled


# ---------------------------------------------------------------- on time


def test_a_due_message_is_sent_once_as_its_creator(server, inbox, agnes, conversation, graph):
    text = marker("your order ships today")
    scheduled = schedule(agnes, conversation["id"], text, SOON)
    assert scheduled["status"] == "pending"

    sent = wait_scheduled(inbox.admin, conversation["id"], scheduled["id"])
    assert sent["status"] == "sent", sent
    assert sent["error"] is None and sent["sent_message_id"] is not None
    [message] = [m for m in messages_of(inbox.admin, conversation["id"]) if m["id"] == sent["sent_message_id"]]
    assert message["direction"] == "outbound" and message["type"] == "text" and message["text"] == text
    assert message["sender_agent_id"] == agnes.agent["id"]

    delivered = settled_message(server, inbox, conversation["id"], message["id"])
    assert delivered["status"] == "sent", delivered
    [call] = sends_with(inbox, graph, text)
    assert call["json"]["to"] == conversation["contact_phone"] and call["json"]["type"] == "text"
    assert call["json"]["text"]["body"] == text

    events = events_of(server, inbox, conversation["id"])
    assert [e.type for e in events] == ["scheduled_message.created", "scheduled_message.sent"]
    assert all(e.payload["scheduled_message_id"] == scheduled["id"] for e in events)
    assert events[1].payload["sent_message_id"] == sent["sent_message_id"]
    assert events[1].actor["actor_type"] == "agent" and events[1].actor["actor_id"] == agnes.agent["id"]


def test_a_closed_window_fails_it_with_the_reason_and_sends_nothing(server, inbox, quiet_conversation, graph):
    text = marker("too late")
    scheduled = schedule(inbox.admin, quiet_conversation["id"], text, SOON)
    failed = wait_scheduled(inbox.admin, quiet_conversation["id"], scheduled["id"])
    assert failed["status"] == "failed", failed
    assert failed["error"]["code"] == "MESSAGING_WINDOW_CLOSED"
    assert failed["error"]["message"] and failed["sent_message_id"] is None
    assert stored_messages(server, inbox, quiet_conversation["id"], text) == []
    server.drain()
    assert sends_with(inbox, graph, text) == []
    assert [e.type for e in events_of(server, inbox, quiet_conversation["id"])] == [
        "scheduled_message.created", "scheduled_message.failed"]


def test_a_template_goes_even_when_the_window_has_closed(server, inbox, quiet_conversation, graph):
    name = f"reminder_{uuid.uuid4().hex[:8]}"
    template = {"name": name, "language": "en_US", "components": []}
    response = inbox.admin.post(f"/api/conversations/{quiet_conversation['id']}/scheduled-messages", json={
        "type": "template", "template": template, "send_at": at(SOON)})
    assert response.status_code == 201, response.text
    sent = wait_scheduled(inbox.admin, quiet_conversation["id"], response.json()["id"])
    assert sent["status"] == "sent", sent
    settled_message(server, inbox, quiet_conversation["id"], sent["sent_message_id"])
    [call] = sends_with(inbox, graph, name)
    assert call["json"]["type"] == "template" and call["json"]["template"]["name"] == name


def test_a_job_that_wakes_early_waits_and_one_far_too_early_does_nothing(server, inbox, conversation):
    later = schedule(inbox.admin, conversation["id"], marker("later"), timedelta(hours=1))
    assert run_job(server, later["id"]) == "not_due"
    move_send_at(server, inbox, later["id"], timedelta(seconds=30))
    with pytest.raises(Retry):  # a moment early: the queue retries it at its time
        run_job(server, later["id"])
    assert one(inbox.admin, conversation["id"], later["id"])["status"] == "pending"
    # Out of the way of the other tests' sweeps (which would enqueue it, and drain() wait on it).
    assert inbox.admin.delete(f"/api/scheduled-messages/{later['id']}").status_code == 200


# ---------------------------------------------------------------- exactly once


def test_two_concurrent_claims_send_once(server, inbox, conversation, graph):
    text = marker("raced")
    scheduled = overdue(server, inbox, conversation["id"], text)

    async def twice() -> list[str]:
        return list(await asyncio.gather(deliver_scheduled_message({}, scheduled["id"]),
                                         deliver_scheduled_message({}, scheduled["id"])))

    assert sorted(server.run(twice())) == ["sent", "skipped"]
    sent = one(inbox.admin, conversation["id"], scheduled["id"])
    assert sent["status"] == "sent"
    assert len(stored_messages(server, inbox, conversation["id"], text)) == 1
    settled_message(server, inbox, conversation["id"], sent["sent_message_id"])
    assert len(sends_with(inbox, graph, text)) == 1

    # A late duplicate (a retried or re-delivered job) finds nothing to do.
    assert run_job(server, scheduled["id"]) == "skipped"
    server.drain()
    assert len(sends_with(inbox, graph, text)) == 1
    # Too late to cancel, too.
    refused = inbox.admin.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert refused.status_code == 409 and refused.json()["error"]["details"] == {"status": "sent"}
    assert one(inbox.admin, conversation["id"], scheduled["id"]) == sent


def test_duplicate_jobs_on_the_queue_send_once(server, inbox, conversation, graph):
    text = marker("duplicated")
    scheduled = overdue(server, inbox, conversation["id"], text)

    async def enqueue_thrice() -> list[bool]:
        return list(await asyncio.gather(*(
            services.jobs.enqueue(scheduled_messages.DELIVER_JOB, scheduled["id"], job_id=f"dup-{i}:{scheduled['id']}")
            for i in range(3))))

    assert server.run(enqueue_thrice()) == [True, True, True]
    sent = wait_scheduled(inbox.admin, conversation["id"], scheduled["id"])
    assert sent["status"] == "sent", sent
    settled_message(server, inbox, conversation["id"], sent["sent_message_id"])
    assert len(stored_messages(server, inbox, conversation["id"], text)) == 1
    assert len(sends_with(inbox, graph, text)) == 1
    assert [e.type for e in events_of(server, inbox, conversation["id"])].count("scheduled_message.sent") == 1


def test_a_cancel_racing_the_delivery_either_wins_or_gets_409(server, inbox, conversation, graph):
    text = marker("cancel race")
    scheduled = overdue(server, inbox, conversation["id"], text)
    admin = Ctx(actor_type="agent", tenant_id=inbox.tenant_id, actor_id=uuid.UUID(inbox.admin.agent["id"]),
                role="admin", permissions=builtin_permissions("admin"))

    async def race() -> list[Any]:
        return list(await asyncio.gather(deliver_scheduled_message({}, scheduled["id"]),
                                         scheduled_messages.cancel_scheduled_message(admin, scheduled["id"]),
                                         return_exceptions=True))

    delivered, cancelled = server.run(race())
    final = one(inbox.admin, conversation["id"], scheduled["id"])
    server.drain()
    if delivered == "sent":
        assert isinstance(cancelled, Conflict), cancelled
        assert final["status"] == "sent"
        settled_message(server, inbox, conversation["id"], final["sent_message_id"])
        assert len(sends_with(inbox, graph, text)) == 1
    else:
        assert delivered == "skipped" and not isinstance(cancelled, BaseException), (delivered, cancelled)
        assert final["status"] == "cancelled"
        assert stored_messages(server, inbox, conversation["id"], text) == []
        assert sends_with(inbox, graph, text) == []


def test_the_sweep_sends_what_fell_due_while_the_worker_was_down(server, inbox, conversation, graph):
    text = marker("while you were away")
    scheduled = overdue(server, inbox, conversation["id"], text)
    assert one(inbox.admin, conversation["id"], scheduled["id"])["status"] == "pending"  # nobody sent it

    assert server.run(sweep_scheduled_messages({})) >= 1
    sent = wait_scheduled(inbox.admin, conversation["id"], scheduled["id"])
    assert sent["status"] == "sent", sent
    settled_message(server, inbox, conversation["id"], sent["sent_message_id"])
    assert len(sends_with(inbox, graph, text)) == 1

    # The next sweeps find it settled: still one message, one send.
    server.run(sweep_scheduled_messages({}))
    server.run(sweep_scheduled_messages({}))
    server.drain()
    assert len(stored_messages(server, inbox, conversation["id"], text)) == 1
    assert len(sends_with(inbox, graph, text)) == 1


def test_the_sweep_enqueues_a_later_message_once_it_comes_within_the_horizon(server, inbox, conversation, graph):
    text = marker("coming up")
    scheduled = schedule(inbox.admin, conversation["id"], text, timedelta(hours=1))  # beyond the horizon: no job
    move_send_at(server, inbox, scheduled["id"], timedelta(seconds=2))
    server.run(sweep_scheduled_messages({}))
    sent = wait_scheduled(inbox.admin, conversation["id"], scheduled["id"])
    assert sent["status"] == "sent", sent
    settled_message(server, inbox, conversation["id"], sent["sent_message_id"])
    assert len(sends_with(inbox, graph, text)) == 1


# ---------------------------------------------------------------- never sent


def test_a_message_cancelled_before_it_is_due_is_never_sent(server, inbox, conversation, graph):
    text = marker("never mind")
    scheduled = schedule(inbox.admin, conversation["id"], text, timedelta(seconds=2))
    response = inbox.admin.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert response.status_code == 200, response.text
    server.drain()  # its job, due in two seconds, has run by now
    server.run(sweep_scheduled_messages({}))
    server.drain()
    assert run_job(server, scheduled["id"]) == "skipped"
    final = one(inbox.admin, conversation["id"], scheduled["id"])
    assert final["status"] == "cancelled" and final["sent_message_id"] is None
    assert stored_messages(server, inbox, conversation["id"], text) == []
    assert sends_with(inbox, graph, text) == []


def test_a_creator_suspended_before_it_is_due_sends_nothing(server, inbox, conversation, graph):
    carl = add_agent(inbox.admin, name="Carl Leaving")
    try:
        text = marker("from carl")
        scheduled = overdue(server, inbox, conversation["id"], text, actor=carl)
        suspended = inbox.admin.patch(f"/api/agents/{carl.agent['id']}", json={"account_status": "suspended"})
        assert suspended.status_code == 200, suspended.text
        assert run_job(server, scheduled["id"]) == "failed"
        failed = one(inbox.admin, conversation["id"], scheduled["id"])
        assert failed["status"] == "failed" and failed["error"]["code"] == "FORBIDDEN", failed
        assert stored_messages(server, inbox, conversation["id"], text) == []
        server.drain()
        assert sends_with(inbox, graph, text) == []
    finally:
        carl.client.close()


def test_a_conversation_taken_from_the_agent_who_scheduled_fails_it(server, inbox, agnes, bob, conversation, graph):
    text = marker("not mine any more")
    scheduled = overdue(server, inbox, conversation["id"], text, actor=agnes)
    moved = inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign", json={"agent_id": bob.agent["id"]})
    assert moved.status_code == 200, moved.text
    assert run_job(server, scheduled["id"]) == "failed"
    failed = one(inbox.admin, conversation["id"], scheduled["id"])
    assert failed["status"] == "failed" and failed["error"]["code"] == "NOT_FOUND", failed
    assert stored_messages(server, inbox, conversation["id"], text) == []
