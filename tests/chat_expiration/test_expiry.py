"""Expiry by the rules: the periodic job applies each tenant's per-channel rules (inactivity
hours, closing message), and the reference's fixed 24-hour endpoint (POST
/api/conversations/expire) goes through the same mechanism. The closing message goes out
through the fake Graph API when the channel's window allows; otherwise the expiry still happens
and its event says why the message was skipped. Quiet time is arranged by moving
last_message_at back (scoped queries on the server's loop)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from jobs.conversations import expire_stale
from models.contacts import Contact
from models.conversations import Conversation
from models.events import OutboxEvent
from resolvers import chat_expiration
from resolvers._scope import new_scoped
from tests.support.inbox_rest import (
    Inbox,
    messages_of,
    new_conversations,
    new_inbox,
    set_conversation,
    wait_message,
)

CLOSING = "This chat was closed after a quiet spell. Write again anytime!"


@pytest.fixture()
def inbox(server) -> Iterator[Inbox]:
    # A tenant per test: the rules and the expired counts are the tenant's own.
    box = new_inbox(server, org="Expiry")
    yield box
    box.close()


def put_rule(inbox: Inbox, channel: str, **body: Any) -> dict[str, Any]:
    response = inbox.admin.put(f"/api/chat-expiration-rules/{channel}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def quiet_for(server, inbox: Inbox, conversation: dict[str, Any], hours: float, *, window_hours: float | None = None
              ) -> None:
    """The conversation's last message was `hours` ago; the customer last wrote `window_hours` ago
    (default: just now, so WhatsApp's 24-hour window is still open)."""
    now = datetime.now(UTC)
    values: dict[str, Any] = {"last_message_at": now - timedelta(hours=hours)}
    if window_hours is not None:
        values["last_inbound_at"] = now - timedelta(hours=window_hours)
    set_conversation(server, inbox, conversation["id"], **values)


def status_of(inbox: Inbox, conversation: dict[str, Any]) -> str:
    response = inbox.admin.get(f"/api/conversations/{conversation['id']}")
    assert response.status_code == 200, response.text
    return response.json()["status"]


def apply_rules(server, inbox: Inbox) -> int:
    """What the periodic job does for this tenant."""
    return server.run(chat_expiration.apply_expiration_rules(inbox.ctx()))["expired_count"]


def expired_event(server, inbox: Inbox, conversation: dict[str, Any]) -> OutboxEvent:
    async def find() -> list[OutboxEvent]:
        return await OutboxEvent.filter(tenant_id=inbox.tenant_id, type="conversation.expired",
                                        conversation_id=UUID(conversation["id"]))

    [event] = server.run(find())
    return event


def outbound(inbox: Inbox, conversation: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in messages_of(inbox.admin, conversation["id"]) if m["direction"] == "outbound"]


def closing_sends(inbox: Inbox, fake_graph, text: str = CLOSING) -> list[dict[str, Any]]:
    return [r for r in inbox.sends(fake_graph) if (r["json"].get("text") or {}).get("body") == text]


def instagram_conversation(server, inbox: Inbox, quiet_hours: float) -> dict[str, Any]:
    """Instagram conversations do not arrive by webhook yet: arranged directly, in this tenant."""
    at = datetime.now(UTC) - timedelta(hours=quiet_hours)

    async def make() -> str:
        contact = await new_scoped(inbox.ctx(), Contact, channel="instagram", external_id=f"ig-{uuid.uuid4().hex}")
        row = await new_scoped(inbox.ctx(), Conversation, contact_id=contact.id, channel="instagram", status="open",
                               last_message_at=at, last_inbound_at=at)
        return str(row.id)

    return {"id": server.run(make())}


# ---------------------------------------------------------------- the job applies the rules


def test_the_rule_expires_quiet_open_conversations_after_the_closing_message(server, fake_graph, inbox):
    put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=2, closing_message=CLOSING)
    stale, fresh, pending, resolved = new_conversations(server, inbox, ["a", "b", "c", "d"])
    for conversation in (stale, pending, resolved):
        quiet_for(server, inbox, conversation, 3)
    quiet_for(server, inbox, fresh, 1.5)
    for conversation, status in ((pending, "pending"), (resolved, "resolved")):
        response = inbox.admin.patch(f"/api/conversations/{conversation['id']}/status", json={"status": status})
        assert response.status_code == 200, response.text

    assert apply_rules(server, inbox) == 1
    assert [status_of(inbox, c) for c in (stale, fresh, pending, resolved)] == ["expired", "open", "pending", "resolved"]

    [closing] = outbound(inbox, stale)
    assert closing["text"] == CLOSING and closing["sender_agent_id"] is None
    server.drain()
    assert wait_message(inbox.admin, stale["id"], closing["id"], lambda m: m["status"] != "queued")["status"] == "sent"
    assert len(closing_sends(inbox, fake_graph)) == 1
    event = expired_event(server, inbox, stale)
    assert event.payload["status"] == "expired" and event.payload["inactivity_hours"] == 2
    assert event.payload["closing_message"] == {"status": "sent", "message_id": closing["id"]}
    for untouched in (fresh, pending, resolved):
        assert outbound(inbox, untouched) == []

    # A second run finds nothing to do and sends nothing more.
    assert apply_rules(server, inbox) == 0
    server.drain()
    assert len(closing_sends(inbox, fake_graph)) == 1


def test_a_closed_window_skips_the_message_not_the_expiry(server, fake_graph, inbox):
    put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=24, closing_message=CLOSING)
    [conversation] = new_conversations(server, inbox, ["hello"])
    quiet_for(server, inbox, conversation, 30, window_hours=30)
    assert apply_rules(server, inbox) == 1
    assert status_of(inbox, conversation) == "expired"
    assert outbound(inbox, conversation) == []
    note = expired_event(server, inbox, conversation).payload["closing_message"]
    assert note["status"] == "skipped" and note["reason"] == "MESSAGING_WINDOW_CLOSED", note
    server.drain()
    assert closing_sends(inbox, fake_graph) == []


def test_without_a_closing_message_nothing_is_sent(server, inbox):
    put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=5)
    [conversation] = new_conversations(server, inbox, ["hello"])
    quiet_for(server, inbox, conversation, 6)
    assert apply_rules(server, inbox) == 1
    assert outbound(inbox, conversation) == []
    assert expired_event(server, inbox, conversation).payload["closing_message"] is None


def test_channels_follow_their_own_rules(server, inbox):
    put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=48)
    put_rule(inbox, "instagram", enabled=True, inactivity_hours=1, closing_message="Closing on Instagram")
    [whatsapp] = new_conversations(server, inbox, ["wa"])
    quiet_for(server, inbox, whatsapp, 3)
    instagram = instagram_conversation(server, inbox, quiet_hours=3)
    assert apply_rules(server, inbox) == 1
    assert (status_of(inbox, whatsapp), status_of(inbox, instagram)) == ("open", "expired")
    # Instagram's own rule (1 h) applied, and its closing message went to the send queue.
    note = expired_event(server, inbox, instagram).payload["closing_message"]
    assert note["status"] == "sent", note
    assert [m["text"] for m in outbound(inbox, instagram)] == ["Closing on Instagram"]


def test_the_default_rule_is_24_hours_and_a_disabled_rule_expires_nothing(server, inbox):
    day_old, almost = new_conversations(server, inbox, ["old", "new"])
    quiet_for(server, inbox, day_old, 25)
    quiet_for(server, inbox, almost, 23)
    put_rule(inbox, "whatsapp", enabled=False, inactivity_hours=1)
    assert apply_rules(server, inbox) == 0
    assert status_of(inbox, day_old) == "open"
    put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=24)
    assert apply_rules(server, inbox) == 1
    assert (status_of(inbox, day_old), status_of(inbox, almost)) == ("expired", "open")


def test_the_periodic_job_applies_each_tenants_rules(server, inbox):
    other = new_inbox(server, org="Expiry other")
    try:
        put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=1)
        [mine] = new_conversations(server, inbox, ["mine"])
        [theirs] = new_conversations(server, other, ["theirs"])
        quiet_for(server, inbox, mine, 2)
        quiet_for(server, other, theirs, 2)  # the other tenant has the default 24 hours
        assert server.run(expire_stale({})) >= 1
        assert status_of(inbox, mine) == "expired"
        assert status_of(other, theirs) == "open"
    finally:
        other.close()


# ---------------------------------------------------------------- the fixed 24-hour endpoint


def test_the_24_hour_endpoint_uses_the_same_mechanism(server, fake_graph, inbox):
    put_rule(inbox, "whatsapp", enabled=True, inactivity_hours=2, closing_message=CLOSING)
    day_old, three_hours = new_conversations(server, inbox, ["old", "recent"])
    quiet_for(server, inbox, day_old, 25)
    quiet_for(server, inbox, three_hours, 3)
    response = inbox.admin.post("/api/conversations/expire")
    assert response.status_code == 200, response.text
    assert response.json() == {"message": "Conversations expired", "expired_count": 1}
    # Fixed at 24 hours: the 2-hour rule is the job's business, not this endpoint's.
    assert (status_of(inbox, day_old), status_of(inbox, three_hours)) == ("expired", "open")
    # ...but the channel's closing message goes out first, as with the job.
    [closing] = outbound(inbox, day_old)
    assert closing["text"] == CLOSING
    assert expired_event(server, inbox, day_old).payload["closing_message"] == {
        "status": "sent", "message_id": closing["id"]}
    server.drain()
    assert len(closing_sends(inbox, fake_graph)) == 1
    # The job then takes the 3-hour one by the rule.
    assert apply_rules(server, inbox) == 1 and status_of(inbox, three_hours) == "expired"


def test_the_24_hour_endpoint_stays_within_the_callers_tenant(server, inbox):
    other = new_inbox(server, org="Expiry bystander")
    try:
        [theirs] = new_conversations(server, other, ["theirs"])
        quiet_for(server, other, theirs, 30)
        assert inbox.admin.post("/api/conversations/expire").json()["expired_count"] == 0
        assert status_of(other, theirs) == "open"
    finally:
        other.close()
