"""What inbound WhatsApp webhooks do to the inbox, over real HTTP: contact upsert, joining or
opening conversations, unread counts, the provider's time, re-delivery, and delivery receipts
on outbound messages (sent -> delivered -> read, never backwards; failed with Meta's error)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from models.contacts import Contact
from models.messages import Message
from resolvers import _inbound
from resolvers._scope import scoped
from tests.support.inbox import new_wa_id, new_wamid
from tests.support.inbox_rest import (
    Inbox,
    customer_writes,
    db,
    deliver,
    encode,
    inbox_fixture,
    iso,
    messages_body,
    messages_of,
    post_raw,
    sent_message,
    status_item,
    stored_message,
    stored_webhook,
    text_item,
    wait_processed,
)

inbox = inbox_fixture("Inbound")


def conversation(inbox: Inbox, conversation_id: str) -> dict[str, Any]:
    response = inbox.admin.get(f"/api/conversations/{conversation_id}")
    assert response.status_code == 200, response.text
    return response.json()


def contacts_of(server, inbox: Inbox, wa_id: str) -> list[Contact]:
    return db(server, scoped(inbox.ctx(), Contact).filter(external_id=wa_id))


def count_messages(server, inbox: Inbox, wamid: str) -> int:
    return db(server, scoped(inbox.ctx(), Message).filter(provider_message_id=wamid).count())


# ---------------------------------------------------------------- contacts and conversations


def test_a_first_message_creates_the_contact_and_an_open_conversation(server, inbox):
    wa_id, wamid = new_wa_id(), new_wamid()
    written = int(time.time()) - 600  # delivered ten minutes late: its time is still when it was written
    conv = customer_writes(server, inbox, wa_id, "Does it come in another color?", timestamp=written,
                           wamid=wamid, name="Sheena Nelson")
    assert conv["status"] == "open" and conv["unread_count"] == 1 and conv["assigned_agent_id"] is None
    assert conv["contact_name"] == "Sheena Nelson"
    assert conv["contact_phone"] == f"+{wa_id}" and conv["contact_channel"] == "whatsapp"
    assert iso(conv["last_message_at"]) == datetime.fromtimestamp(written, UTC)

    [message] = messages_of(inbox.admin, conv["id"])
    assert message["direction"] == "inbound" and message["status"] == "received"
    assert message["type"] == "text" and message["text"] == "Does it come in another color?"
    assert message["content"]["body"] == "Does it come in another color?"
    assert message["provider_message_id"] == wamid and message["sender_agent_id"] is None
    assert iso(message["created_at"]) == datetime.fromtimestamp(written, UTC)

    [contact] = contacts_of(server, inbox, wa_id)
    assert contact.name == "Sheena Nelson" and contact.channel == "whatsapp"
    assert str(contact.id) == conv["contact_id"]


def test_the_next_message_joins_the_open_conversation_and_counts_unread(server, inbox):
    wa_id = new_wa_id()
    now = int(time.time())
    first = customer_writes(server, inbox, wa_id, "hello", timestamp=now - 60)
    second = customer_writes(server, inbox, wa_id, "anyone there?", timestamp=now - 30, name="Renamed Later")
    assert second["id"] == first["id"]
    assert second["unread_count"] == 2
    assert iso(second["last_message_at"]) == datetime.fromtimestamp(now - 30, UTC)
    assert len(contacts_of(server, inbox, wa_id)) == 1  # upserted, not duplicated
    assert [m["text"] for m in messages_of(inbox.admin, first["id"])] == ["anyone there?", "hello"]


def test_an_older_message_arriving_late_does_not_move_activity_back(server, inbox):
    wa_id = new_wa_id()
    now = int(time.time())
    newer = customer_writes(server, inbox, wa_id, "second", timestamp=now - 10)
    late = customer_writes(server, inbox, wa_id, "first", timestamp=now - 300)
    assert late["id"] == newer["id"] and late["unread_count"] == 2
    assert iso(late["last_message_at"]) == datetime.fromtimestamp(now - 10, UTC)
    assert [m["text"] for m in messages_of(inbox.admin, newer["id"])] == ["second", "first"]


def test_messages_of_one_new_customer_in_one_batch_make_one_contact_and_conversation(server, inbox):
    wa_id = new_wa_id()
    items = [text_item(wa_id, f"part {i}") for i in range(3)]
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, items))
    [contact] = contacts_of(server, inbox, wa_id)
    listed = inbox.admin.get(f"/api/contacts/{contact.id}/conversations")
    assert listed.status_code == 200 and listed.headers["X-Total-Count"] == "1"
    assert listed.json()[0]["unread_count"] == 3


@pytest.fixture()
def one_job_each(monkeypatch):
    """Webhooks accepted together would share one batch job, applied in turn: one job per
    webhook lets their jobs race, as webhooks accepted by different processes do."""
    monkeypatch.setattr(_inbound, "BATCH_MAX", 1)


def post_at_once(server, raws: list[bytes]) -> None:
    """POST the bodies concurrently, each on its own connection."""
    def post(raw: bytes) -> int:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            return post_raw(client, raw).status_code

    with ThreadPoolExecutor(len(raws)) as pool:
        assert list(pool.map(post, raws)) == [200] * len(raws)


def test_two_webhooks_of_one_new_customer_at_once_make_one_contact(server, inbox, one_job_each):
    wa_id = new_wa_id()
    raws = [encode(messages_body(inbox.phone_number_id, [text_item(wa_id, text)])) for text in ("one", "two")]
    post_at_once(server, raws)  # their jobs race on the new contact
    for raw in raws:
        row = wait_processed(server, raw)
        assert row.processed_at is not None and row.error is None
    [contact] = contacts_of(server, inbox, wa_id)
    listed = inbox.admin.get(f"/api/contacts/{contact.id}/conversations").json()
    assert len(listed) == 1 and listed[0]["unread_count"] == 2


def test_two_webhooks_of_a_returning_customer_at_once_open_one_conversation(server, inbox, one_job_each):
    wa_id = new_wa_id()
    old = customer_writes(server, inbox, wa_id, "first visit", timestamp=time.time() - 60)
    assert inbox.admin.patch(f"/api/conversations/{old['id']}/status", json={"status": "resolved"}).status_code == 200
    raws = [encode(messages_body(inbox.phone_number_id, [text_item(wa_id, text)])) for text in ("back", "again")]
    post_at_once(server, raws)  # both jobs look for an open conversation before either has made one
    for raw in raws:
        assert wait_processed(server, raw).error is None
    listed = inbox.admin.get(f"/api/contacts/{old['contact_id']}/conversations").json()
    assert [c["status"] for c in listed] == ["open", "resolved"], listed
    assert listed[0]["unread_count"] == 2


def test_a_customer_message_moves_a_pending_conversation_back_to_open(server, inbox):
    wa_id = new_wa_id()
    conv = customer_writes(server, inbox, wa_id, "I'll check and come back")
    response = inbox.admin.patch(f"/api/conversations/{conv['id']}/status", json={"status": "pending"})
    assert response.status_code == 200 and response.json()["status"] == "pending"
    again = customer_writes(server, inbox, wa_id, "I'm back")
    assert again["id"] == conv["id"]
    assert again["status"] == "open"
    assert again["unread_count"] == 2


@pytest.mark.parametrize("closed", ["resolved", "expired"])
def test_a_message_after_a_closed_conversation_opens_a_new_one(server, inbox, closed):
    wa_id = new_wa_id()
    old = customer_writes(server, inbox, wa_id, "thanks, bye")
    response = inbox.admin.patch(f"/api/conversations/{old['id']}/status", json={"status": closed})
    assert response.status_code == 200, response.text
    new = customer_writes(server, inbox, wa_id, "one more question")
    assert new["id"] != old["id"]
    assert new["status"] == "open" and new["unread_count"] == 1 and new["contact_id"] == old["contact_id"]
    assert conversation(inbox, old["id"])["status"] == closed
    assert [m["text"] for m in messages_of(inbox.admin, new["id"])] == ["one more question"]


# ---------------------------------------------------------------- re-delivery


def test_a_byte_identical_redelivery_is_a_duplicate_and_applies_nothing(server, inbox):
    wa_id, wamid = new_wa_id(), new_wamid()
    raw = encode(messages_body(inbox.phone_number_id, [text_item(wa_id, "only once", wamid=wamid)]))
    first = deliver(server, inbox.admin.client, raw)
    for _ in range(2):
        again = post_raw(inbox.admin.client, raw)
        assert again.status_code == 200, again.text
        assert again.json() == {"status": "duplicate"}
    server.drain()
    assert stored_webhook(server, raw).id == first.id
    assert count_messages(server, inbox, wamid) == 1
    conv = conversation(inbox, str(stored_message(server, inbox, wamid).conversation_id))
    assert conv["unread_count"] == 1


def test_the_same_message_inside_a_different_body_is_not_applied_twice(server, inbox):
    wa_id, wamid = new_wa_id(), new_wamid()
    stamp = int(time.time()) - 5
    item = text_item(wa_id, "retried by Meta", wamid=wamid, timestamp=stamp)
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, [item]))
    # Re-sent inside another batch (another entry, alongside a new message): same wamid.
    other = text_item(wa_id, "a new one", timestamp=stamp + 1)
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, [dict(item), other], entry_id="9"))
    assert count_messages(server, inbox, wamid) == 1
    conv = conversation(inbox, str(stored_message(server, inbox, wamid).conversation_id))
    assert conv["unread_count"] == 2  # the original and the new one, not the repeat
    assert sorted(m["text"] for m in messages_of(inbox.admin, conv["id"])) == ["a new one", "retried by Meta"]


# ---------------------------------------------------------------- delivery receipts


@pytest.fixture()
def outbound(server, inbox, fake_graph) -> dict[str, Any]:
    """A sent outbound message (its wamid is the one the fake Graph API answered with)."""
    conv = customer_writes(server, inbox, new_wa_id(), "please reply")
    message = sent_message(server, inbox.admin, conv["id"], "here is my reply")
    assert message["status"] == "sent", message
    assert message["provider_message_id"] in fake_graph.sent_wamids
    return message


def receipt(server, inbox: Inbox, wamid: str, status: str, stamp: int, **kw: Any) -> dict[str, Any]:
    deliver(server, inbox.admin.client,
            messages_body(inbox.phone_number_id, statuses=[status_item(wamid, status, timestamp=stamp, **kw)]))
    stored = stored_message(server, inbox, wamid)
    return next(m for m in messages_of(inbox.admin, str(stored.conversation_id)) if m["id"] == str(stored.id))


def at(stamp: int) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


def test_statuses_move_an_outbound_message_forward_only(server, inbox, outbound):
    wamid = outbound["provider_message_id"]
    base = int(time.time())
    sent_at = outbound["sent_at"]
    assert receipt(server, inbox, wamid, "sent", base)["status"] == "sent"

    delivered = receipt(server, inbox, wamid, "delivered", base + 1)
    assert delivered["status"] == "delivered" and iso(delivered["delivered_at"]) == at(base + 1)
    assert delivered["sent_at"] == sent_at  # a repeated "sent" changed nothing

    read = receipt(server, inbox, wamid, "read", base + 2)
    assert read["status"] == "read" and iso(read["read_at"]) == at(base + 2)

    # Late or repeated receipts never move it back, nor re-stamp it.
    for status, stamp in (("delivered", base + 3), ("sent", base + 4), ("read", base + 5)):
        late = receipt(server, inbox, wamid, status, stamp)
        assert late["status"] == "read", (status, late)
        assert iso(late["read_at"]) == at(base + 2) and iso(late["delivered_at"]) == at(base + 1)


def test_read_without_delivered_is_read(server, inbox, outbound):
    # WhatsApp skips "delivered" when the message is read at once.
    read = receipt(server, inbox, outbound["provider_message_id"], "read", int(time.time()))
    assert read["status"] == "read" and read["read_at"] is not None


def test_a_failed_status_records_meta_error_code_and_title(server, inbox, outbound):
    title = "This message was not delivered to maintain healthy ecosystem engagement."
    errors = [{"code": 131049, "title": title, "message": title,
               "error_data": {"details": "In order to maintain a healthy ecosystem engagement, the message failed "
                                         "to be delivered."},
               "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]
    failed = receipt(server, inbox, outbound["provider_message_id"], "failed", int(time.time()), errors=errors)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == 131049
    assert failed["error"]["message"] == title
    assert failed["failed_at"] is not None


def test_a_status_for_an_inbound_or_unknown_message_changes_nothing(server, inbox):
    wa_id, wamid = new_wa_id(), new_wamid()
    conv = customer_writes(server, inbox, wa_id, "mine", wamid=wamid)
    for target in (wamid, new_wamid()):
        deliver(server, inbox.admin.client,
                messages_body(inbox.phone_number_id, statuses=[status_item(target, "read")]))
    [message] = messages_of(inbox.admin, conv["id"])
    assert message["status"] == "received" and message["read_at"] is None
