"""The hot lists read rows with hand-written SQL (resolvers/_reads.py) instead of a QuerySet: the
instances they build must be exactly what Tortoise builds for the same rows - every column's
value and type, JSON decoded, null kept null, the joined contact attached - on both legs."""

from __future__ import annotations

import time
from typing import Any

import pytest

from models.contacts import Contact
from models.conversations import Conversation
from models.messages import Message
from resolvers import conversations, messages
from resolvers._scope import scoped
from tests.support.inbox import new_wa_id, new_wamid
from tests.support.inbox_rest import customer_writes, db, deliver, inbox_fixture, messages_body, send_text, text_item

inbox = inbox_fixture("Reads")


def columns_of(obj: Any) -> dict[str, Any]:
    values = {name: getattr(obj, name) for name in type(obj)._meta.fields_db_projection}
    return {"values": values, "types": {name: type(v).__mro__[-2] for name, v in values.items()},
            "loaded": (obj._saved_in_db, obj._partial, obj._custom_generated_pk)}


@pytest.fixture(scope="module")
def conversation(server, inbox, fake_graph) -> dict[str, Any]:
    """A conversation holding every kind of row: a reply quoting a message (context), an image
    (structured content), and an outbound message that failed (error JSON, failed_at, agent)."""
    wa_id, quoted = new_wa_id(), new_wamid()
    conv = customer_writes(server, inbox, wa_id, "first", wamid=quoted, timestamp=time.time() - 30)
    image = {"from": wa_id, "id": new_wamid(), "timestamp": str(int(time.time() - 20)), "type": "image",
             "image": {"id": "9001", "mime_type": "image/jpeg", "caption": "the parcel"}}
    reply = text_item(wa_id, "as I said", timestamp=time.time() - 10, context={"from": wa_id, "id": quoted})
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, [image, reply]))
    fake_graph.queue_error(400, 100, "(#100) Invalid parameter", times=1)
    send_text(inbox.admin, conv["id"], "doomed")
    customer_writes(server, inbox, new_wa_id(), "another customer")  # so the inbox has a second page
    server.drain()
    return conv


def test_a_message_page_holds_the_instances_tortoise_builds(server, inbox, conversation):
    page = db(server, messages.list_messages(inbox.ctx(), conversation["id"]))
    orm = {m.id: m for m in db(server, scoped(inbox.ctx(), Message).filter(conversation_id=conversation["id"]))}
    assert len(page.items) == len(orm) == 4
    assert {m.type for m in page.items} == {"text", "image"}
    assert any(m.error for m in page.items) and any(m.context_message_id for m in page.items)
    for message in page.items:
        assert type(message) is Message
        assert columns_of(message) == columns_of(orm[message.id])


@pytest.mark.parametrize("params", [{}, {"status": "open"}, {"per_page": 1, "page": 2}])
def test_an_inbox_page_holds_the_instances_tortoise_builds(server, inbox, conversation, params):
    page = db(server, conversations.list_conversations(inbox.ctx(), params))
    assert page.items
    ids = [c.id for c in page.items]
    orm = {c.id: c for c in db(server, scoped(inbox.ctx(), Conversation).filter(id__in=ids).select_related("contact"))}
    for item in page.items:
        assert type(item) is Conversation and type(item.contact) is Contact
        assert columns_of(item) == columns_of(orm[item.id])
        assert columns_of(item.contact) == columns_of(orm[item.id].contact)
