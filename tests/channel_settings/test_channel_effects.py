"""What `enabled` and `use_working_hours` do to the inbox, end to end over signed webhooks, REST,
GraphQL and the fake Graph API: a disabled channel still records the customer's messages but
refuses every send (422 CHANNEL_DISABLED, nothing written or queued; scheduled messages falling
due fail with that code), gets no out-of-hours auto-reply; `use_working_hours: false` takes
one channel out of the auto-reply. Without a settings row, nothing changes."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from models.messages import Message
from resolvers._scope import scoped
from tests.channel_settings.support import conversation, events, put_settings, settle
from tests.scheduled_messages.conftest import at, wait_scheduled
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import Inbox, customer_writes, db, messages_of
from tests.support.team import error, ok

CLOSED_TEXT = "We are closed, back at 09:00."
SEND = """mutation($id: UUID!, $input: SendMessageInput!) {
  sendMessage(conversationId: $id, input: $input) { id status }
}"""


def closed_with_auto_reply(inbox: Inbox) -> None:
    ok(inbox.admin.put("/api/working-hours", json={"periods": [],
                                                   "auto_reply": {"enabled": True, "text": CLOSED_TEXT}}))


def writes(server, inbox: Inbox, text: str, wa_id: str | None = None) -> dict[str, Any]:
    opened = customer_writes(server, inbox, wa_id or new_wa_id(), text)
    settle(server, inbox)
    return opened


def outbound(inbox: Inbox, conversation_id: str) -> list[dict[str, Any]]:
    return [m for m in messages_of(inbox.admin, conversation_id) if m["direction"] == "outbound"]


def sends_to(inbox: Inbox, fake_graph, phone: str) -> list[dict[str, Any]]:
    return [r for r in inbox.sends(fake_graph) if r["json"].get("to", "").lstrip("+") == phone.lstrip("+")]


def reply(inbox: Inbox, conversation_id: str, text: str) -> Any:
    return inbox.admin.post(f"/api/conversations/{conversation_id}/messages", json={"type": "text", "text": text})


# ---------------------------------------------------------------- defaults


def test_without_a_settings_row_sending_and_the_auto_reply_work_as_before(server, fake_graph, inbox):
    closed_with_auto_reply(inbox)
    opened = writes(server, inbox, "Anyone there?")
    assert [m["text"] for m in outbound(inbox, opened["id"])] == [CLOSED_TEXT]
    sent = reply(inbox, opened["id"], "Yes, me")
    assert sent.status_code == 201, sent.text
    settle(server, inbox)
    bodies = [r["json"]["text"]["body"] for r in sends_to(inbox, fake_graph, opened["contact_phone"])]
    assert bodies == [CLOSED_TEXT, "Yes, me"]


# ---------------------------------------------------------------- enabled: false


def test_a_disabled_channel_records_inbound_but_refuses_replies_and_changes_nothing(server, fake_graph, inbox):
    put_settings(inbox, enabled=False)
    closed_with_auto_reply(inbox)
    wa_id = new_wa_id()
    opened = writes(server, inbox, "Hello, is this thing on?", wa_id)
    # The customer's words are kept, the conversation is there and unread; no auto-reply.
    [inbound] = messages_of(inbox.admin, opened["id"])
    assert (inbound["direction"], inbound["text"]) == ("inbound", "Hello, is this thing on?")
    before = conversation(inbox, opened["id"])
    assert before["unread_count"] == 1 and outbound(inbox, opened["id"]) == []

    refused = error(reply(inbox, opened["id"], "We're here"), 422)
    assert refused["code"] == "CHANNEL_DISABLED"
    assert "disabled" in refused["message"] and refused["details"] == {"channel": "whatsapp"}
    template = inbox.admin.post(f"/api/conversations/{opened['id']}/messages", json={
        "type": "template", "template": {"name": "hello_world", "language": "en_US"}})
    assert error(template, 422)["code"] == "CHANNEL_DISABLED"
    # GraphQL: the same refusal, same code.
    body = inbox.admin.gql(SEND, {"id": opened["id"], "input": {"type": "text", "text": "Via GraphQL"}})
    [gql_error] = body["errors"]
    assert gql_error["extensions"]["code"] == "CHANNEL_DISABLED"

    settle(server, inbox)
    assert conversation(inbox, opened["id"]) == before  # preview, times and counters untouched
    assert db(server, scoped(inbox.ctx(), Message).filter(conversation_id=opened["id"]).count()) == 1
    assert [e.payload["direction"] for e in events(server, inbox, "message.created", opened["id"])] == ["inbound"]
    assert sends_to(inbox, fake_graph, wa_id) == []

    # The customer writes again: still recorded. Re-enabled: replies go out again.
    writes(server, inbox, "Hello??", wa_id)
    assert sorted(m["text"] for m in messages_of(inbox.admin, opened["id"])) == ["Hello, is this thing on?", "Hello??"]
    put_settings(inbox, enabled=True)
    assert reply(inbox, opened["id"], "Sorry, here now").status_code == 201
    settle(server, inbox)
    assert [r["json"]["text"]["body"] for r in sends_to(inbox, fake_graph, wa_id)] == ["Sorry, here now"]


def test_disabling_one_channel_leaves_the_others_alone(server, inbox):
    put_settings(inbox, "instagram", enabled=False)
    opened = writes(server, inbox, "Hi")
    assert reply(inbox, opened["id"], "Hello from WhatsApp").status_code == 201


def test_a_scheduled_message_falling_due_on_a_disabled_channel_fails_with_the_code(server, fake_graph, inbox):
    opened = writes(server, inbox, "Remind me later")
    text = f"reminder {uuid.uuid4().hex[:8]}"
    scheduled = ok(inbox.admin.post(f"/api/conversations/{opened['id']}/scheduled-messages", json={
        "type": "text", "text": text, "send_at": at(timedelta(seconds=1))}), 201)
    put_settings(inbox, enabled=False)
    failed = wait_scheduled(inbox.admin, opened["id"], scheduled["id"])
    assert failed["status"] == "failed" and failed["error"]["code"] == "CHANNEL_DISABLED", failed
    assert failed["sent_message_id"] is None
    settle(server, inbox)
    assert outbound(inbox, opened["id"]) == []
    assert [r for r in inbox.sends(fake_graph) if r["json"].get("text", {}).get("body") == text] == []


# ---------------------------------------------------------------- use_working_hours


def test_use_working_hours_false_takes_the_channel_out_of_the_auto_reply(server, fake_graph, inbox):
    closed_with_auto_reply(inbox)
    put_settings(inbox, use_working_hours=False)
    wa_id = new_wa_id()
    opened = writes(server, inbox, "Open?", wa_id)
    assert outbound(inbox, opened["id"]) == []
    assert sends_to(inbox, fake_graph, wa_id) == []
    # Replies are not affected by the switch.
    assert reply(inbox, opened["id"], "We are, for you").status_code == 201

    # Another channel's switch does not reach WhatsApp; back to the default, the reply comes.
    put_settings(inbox, use_working_hours=True)
    put_settings(inbox, "email", use_working_hours=False)
    other = writes(server, inbox, "And now?")
    assert [m["text"] for m in outbound(inbox, other["id"])] == [CLOSED_TEXT]


def test_deleting_the_settings_restores_the_defaults(server, inbox):
    closed_with_auto_reply(inbox)
    put_settings(inbox, enabled=False, use_working_hours=False)
    ok(inbox.admin.delete("/api/integrations/whatsapp"))
    opened = writes(server, inbox, "Back to normal?")
    assert [m["text"] for m in outbound(inbox, opened["id"])] == [CLOSED_TEXT]
    assert reply(inbox, opened["id"], "Yes").status_code == 201
    assert len(outbound(inbox, opened["id"])) == 2
