"""Every Instagram payload in ../shared/fixtures/instagram/ posted signed to
POST /api/webhooks/instagram: accepted, stored once, applied correctly (re-delivery is a no-op).
Routed to this module's Instagram account with fresh customer and message ids; the read receipt
is pointed at a real outbound message, the unsend at a message the customer sent first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SHARED
from tests.messenger.support import Box, check_fixture, customer_writes, new_box, new_id

FIXTURE_DIR = SHARED / "fixtures" / "instagram"
FIXTURES = sorted(p.name for p in FIXTURE_DIR.glob("*.json")) if FIXTURE_DIR.is_dir() else []

EXPECTED: dict[str, dict[str, Any]] = {
    "text.json": {"type": "text", "text": "Text in message"},
    "dashboard_test_text.json": {"type": "text", "text": "random_text"},
    "batch_three_messages.json": {"stores": 3, "type": "text"},
    "standby_text.json": {"type": "text", "content": {"standby": True}},
    "quick_reply.json": {"type": "interactive", "text": "QR-PAYLOAD",
                         "content": {"quick_reply": {"payload": "QR-PAYLOAD"}}},
    "postback_icebreaker_or_button.json": {
        "type": "interactive", "text": "SELECTED-ICEBREAKER-REPLY-OR-CTA-BUTTON",
        "content": {"postback": {"payload": "CUSTOMER-RESPONSE-PAYLOAD"}}},
    "story_mention.json": {"type": "story_mention"},
    "echo_story_mention.json": {"type": "story_mention", "content": {"is_echo": True}},
    "story_reply.json": {"type": "story_reply", "text": "This is the story reply",
                         "content": {"story_reply": {"url": "https://chatwoot-assets.local/sample.png"}}},
    "reel_attachment.json": {"type": "reel", "text": "reel title"},
    "ig_reel_attachment.json": {"type": "reel", "text": "reel title"},
    "chatwoot_unsend_is_deleted.json": {"stores": 0, "deleted": True},
    "read_messaging_seen.json": {"stores": 0, "status": "read"},
    "referral_igme_link.json": {"stores": 0},
}


@pytest.fixture(scope="module")
def box(server) -> Iterator[Box]:
    made = new_box(server, "instagram")
    yield made
    made.close()


@pytest.fixture(scope="module")
def conversation(server, box) -> dict[str, Any]:
    return customer_writes(server, box, new_id(), "hello account")


def test_the_fixture_folder_is_walked():
    if not FIXTURE_DIR.is_dir():
        pytest.skip(f"shared fixtures not present at {FIXTURE_DIR}")
    assert set(EXPECTED) <= set(FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_is_accepted_stored_and_applied(server, box, conversation, fake_graph, shared_dir, name):
    original = json.loads((FIXTURE_DIR / name).read_bytes())
    check_fixture(server, box, conversation, fake_graph, original, EXPECTED.get(name, {}))
