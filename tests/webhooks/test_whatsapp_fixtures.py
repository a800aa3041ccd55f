"""Every real WhatsApp payload in ../shared/fixtures/whatsapp/ posted signed to the live server:
accepted, stored as sent, processed without error, and applied correctly.

Each fixture is routed to this module's test number (metadata.phone_number_id, entry.id = its
WABA) and given fresh message ids and customer numbers: the fixtures reuse "wamid.xyzxyz" and
one wa_id, and the same wamid must never apply twice inside one tenant. Status fixtures are
pointed at a real outbound message of the tenant, so their effect can be checked too. The bytes
signed are the bytes sent, ASCII-escaped as Meta sends them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from connectors.meta import MESSAGE_TYPES
from models.messages import Message
from resolvers._scope import scoped
from tests.conftest import SHARED
from tests.support.inbox import new_wa_id, new_wamid
from tests.support.inbox_rest import (
    Inbox,
    customer_writes,
    db,
    deliver,
    encode,
    inbox_fixture,
    iso,
    messages_of,
    sent_message,
    stored_message,
    stored_webhook,
)

FIXTURE_DIR = SHARED / "fixtures" / "whatsapp"
FIXTURES = sorted(p.name for p in FIXTURE_DIR.glob("*.json")) if FIXTURE_DIR.is_dir() else []

# What each message fixture must become (type, preview text, content subset, quoted message).
# A fixture added to the folder later is still walked, with the generic checks only.
EXPECTED: dict[str, dict[str, Any]] = {
    "text.json": {"type": "text", "text": "Body Text"},
    "meta_doc_text.json": {"type": "text", "text": "Does it come in another color?", "name": "Sheena Nelson"},
    "text_forwarded_many_times.json": {"type": "text", "text": "text forwarded many times",
                                       "content": {"frequently_forwarded": True}},
    "text_reply_with_context.json": {"type": "text", "text": "replied text", "context": "wamid.xyzxyz=="},
    "text_with_ctwa_referral.json": {"type": "text", "content": {"referral": {"source_id": "ADID"}}},
    "image.json": {"type": "image", "content": {"media_id": "65463453", "mime_type": "image/jpeg"}},
    "image_with_url.json": {"type": "image", "content": {"media_id": "65463453"}},
    "video.json": {"type": "video", "text": "caption", "content": {"media_id": "765756756", "forwarded": True}},
    "audio.json": {"type": "audio", "content": {"media_id": "1234567890987654321"}},
    "audio_voice.json": {"type": "voice", "content": {"media_id": "1234567890987654321"}},
    "document.json": {"type": "document", "text": "caption",
                      "content": {"media_id": "1234567890987654321", "filename": "filename.pdf"}},
    "sticker_static.json": {"type": "sticker", "content": {"media_id": "1234567890987654321", "animated": False}},
    "sticker_animated.json": {"type": "sticker", "content": {"animated": True}},
    "location_current.json": {"type": "location", "content": {"latitude": 12.25089, "longitude": 43.90539}},
    "location_named_place.json": {"type": "location", "content": {
        "latitude": 37.4611978, "longitude": -122.2164385, "name": "Facebook HQ",
        "address": "1 Hacker Way, Menlo Park, CA 94025"}},
    "contacts.json": {"type": "contacts", "text": "Chandler Bing, Monica, Rachel Green"},
    "interactive_button_reply.json": {"type": "interactive", "context": "wamid.xyzxyz",
                                      "content": {"interactive_type": "button_reply", "reply_id": "callback_data"}},
    "interactive_list_reply.json": {"type": "interactive",
                                    "content": {"interactive_type": "list_reply", "reply_id": "callback_data"}},
    "button_template_quick_reply.json": {"type": "button", "text": "title", "context": "wamid.xyzxyz==",
                                         "content": {"payload": "callback_data"}},
    "reaction.json": {"type": "reaction", "content": {"emoji": "\U0001f62e", "message_id": "wamid.yzxyzx="}},
    "reaction_removed.json": {"type": "reaction", "content": {"emoji": "", "message_id": "wamid.yzxyzx="}},
    "order.json": {"type": "order", "content": {"catalog_id": "354160437058781"}},
    "system_identity_change.json": {"type": "system"},
    "system_phone_number_change.json": {"type": "system"},
    "unsupported.json": {"type": "unsupported"},
    "unsupported_with_type.json": {"type": "unsupported"},
}

# What an outbound message looks like after each status fixture is applied to it (it was `sent`).
STATUS_AFTER: dict[str, dict[str, Any]] = {
    "status_sent.json": {"status": "sent"},
    "meta_doc_status_sent_marketing.json": {"status": "sent"},
    "status_delivered.json": {"status": "delivered"},
    "status_read.json": {"status": "read"},
    "status_played.json": {"status": "sent"},  # voice "played" has no place in the ladder
    "status_failed.json": {"status": "failed", "code": 130472},
    "meta_doc_status_failed_131049.json": {"status": "failed", "code": 131049},
}


inbox = inbox_fixture("Fixture walk")


@pytest.fixture(scope="module")
def conversation(server, inbox) -> dict[str, Any]:
    """Where the outbound messages that status fixtures refer to are sent from."""
    return customer_writes(server, inbox, new_wa_id(), "please answer me")


def _values(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for entry in payload.get("entry", []):
        for change in entry.get("changes", []):
            yield change.get("value", {})


def route(payload: dict[str, Any], inbox: Inbox, status_wamid: str | None) -> dict[str, str]:
    """Rewrite the fixture in place for this tenant; returns {new wamid: original wamid}."""
    customers: dict[str, str] = {}
    wamids: dict[str, str] = {}
    for entry in payload.get("entry", []):
        entry["id"] = inbox.account["waba_id"]
    for value in _values(payload):
        if "metadata" in value:
            value["metadata"]["phone_number_id"] = inbox.phone_number_id
        for contact in value.get("contacts", []):
            contact["wa_id"] = customers.setdefault(contact["wa_id"], new_wa_id())
        for message in value.get("messages", []):
            message["from"] = customers.setdefault(message["from"], new_wa_id())
            wamid = new_wamid()
            wamids[wamid] = message["id"]
            message["id"] = wamid
        for status in value.get("statuses", []):
            status["id"] = status_wamid
    return wamids


def tenant_message_count(server, inbox: Inbox) -> int:
    return db(server, scoped(inbox.ctx(), Message).all().count())


def test_the_fixture_folder_is_walked():
    if not FIXTURE_DIR.is_dir():
        pytest.skip(f"shared fixtures not present at {FIXTURE_DIR}")
    # Every fixture named here exists (a rename must not silently drop its checks).
    assert set(EXPECTED) | set(STATUS_AFTER) <= set(FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_is_accepted_stored_and_applied(server, inbox, conversation, fake_graph, shared_dir, name):
    original = json.loads((FIXTURE_DIR / name).read_bytes())
    has_statuses = any(v.get("statuses") for v in _values(original))
    outbound = sent_message(server, inbox.admin, conversation["id"], f"status target {name}") if has_statuses else None
    if outbound is not None:
        assert outbound["status"] == "sent" and outbound["provider_message_id"] in fake_graph.sent_wamids

    payload = json.loads(json.dumps(original))
    wamids = route(payload, inbox, outbound and outbound["provider_message_id"])
    raw = encode(payload)
    assert raw.isascii()
    messages_before = tenant_message_count(server, inbox)

    row = deliver(server, inbox.admin.client, raw)  # 200 {"status": "received"}, processed, error NULL
    assert row.provider == "meta" and row.body == raw.decode()
    assert stored_webhook(server, raw).id == row.id

    originals = [m for v in _values(original) for m in v.get("messages", [])]
    assert tenant_message_count(server, inbox) == messages_before + len(wamids)
    for (wamid, _), raw_message, value in zip(wamids.items(), originals, _routed_values(payload), strict=True):
        check_message(server, inbox, name, wamid, raw_message, value)
    if outbound is not None:
        check_status(inbox, conversation, outbound, name)


def _routed_values(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for value in _values(payload):
        for _ in value.get("messages", []):
            yield value


def check_message(server, inbox: Inbox, name: str, wamid: str, raw_message: dict[str, Any],
                  value: dict[str, Any]) -> None:
    stored = stored_message(server, inbox, wamid)
    assert stored is not None, f"{name}: message not stored"
    listed = {m["id"]: m for m in messages_of(inbox.admin, str(stored.conversation_id))}
    message = listed[str(stored.id)]
    assert message["direction"] == "inbound" and message["status"] == "received"
    assert message["provider_message_id"] == wamid
    assert message["type"] in MESSAGE_TYPES
    # The time the customer wrote, not the time the webhook was processed.
    assert iso(message["created_at"]) == datetime.fromtimestamp(int(raw_message["timestamp"]), UTC)

    expected = EXPECTED.get(name, {})
    if "type" in expected:
        assert message["type"] == expected["type"], message
    if "text" in expected:
        assert message["text"] == expected["text"], message
    for key, want in expected.get("content", {}).items():
        got = message["content"].get(key)
        if isinstance(want, dict):
            assert {k: got.get(k) for k in want} == want, message
        else:
            assert got == want, (key, message)
    assert message["context_message_id"] == expected.get("context", raw_message.get("context", {}).get("id"))
    if message["type"] == "unsupported":  # kept, with what Meta said, never dropped
        assert message["content"], message

    # The contact is upserted per wa_id, with the WhatsApp profile name.
    wa_id = value["messages"][0]["from"]
    contacts = inbox.admin.get("/api/contacts", params={"q": wa_id})
    assert contacts.status_code == 200, contacts.text
    [contact] = [c for c in contacts.json() if c["external_id"] == wa_id]
    profile = next((c["profile"]["name"] for c in value.get("contacts", []) if c["wa_id"] == wa_id), None)
    assert contact["name"] == expected.get("name", profile)
    assert contact["channel"] == "whatsapp" and contact["phone"] == f"+{wa_id}"
    conversation = inbox.admin.get(f"/api/conversations/{stored.conversation_id}").json()
    # (Not its status: the fixtures' 2023 timestamps make it stale for the periodic expiry job.)
    assert conversation["contact_id"] == contact["id"] and conversation["unread_count"] >= 1


def check_status(inbox: Inbox, conversation: dict[str, Any], outbound: dict[str, Any], name: str) -> None:
    listed = {m["id"]: m for m in messages_of(inbox.admin, conversation["id"])}
    message = listed[outbound["id"]]
    expected = STATUS_AFTER.get(name)
    if expected is None:  # a status fixture added later: it must at least not break anything
        assert message["status"] in ("sent", "delivered", "read", "failed")
        return
    assert message["status"] == expected["status"], message
    if expected["status"] == "failed":
        assert message["error"]["code"] == expected["code"], message
        assert message["error"]["message"], message
        assert message["failed_at"] is not None
    else:
        assert message["error"] is None
