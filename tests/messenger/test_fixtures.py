"""Every Messenger payload in ../shared/fixtures/messenger/ posted signed to
POST /api/webhooks/messenger: accepted, stored once, applied correctly (re-delivery is a no-op).
Fixtures are routed to this module's page with fresh customer and message ids (the samples
reuse placeholders); receipts are pointed at a real outbound message of the tenant."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SHARED
from tests.messenger.support import Box, check_fixture, customer_writes, new_box, new_id

FIXTURE_DIR = SHARED / "fixtures" / "messenger"
FIXTURES = sorted(p.name for p in FIXTURE_DIR.glob("*.json")) if FIXTURE_DIR.is_dir() else []

EXPECTED: dict[str, dict[str, Any]] = {
    "text.json": {"type": "text", "text": "Hi Julia", "content": {"body": "Hi Julia"}},
    "text_with_nlp.json": {"type": "text", "text": "bye, see you tomorrow at 4pm"},
    "quick_reply.json": {"type": "interactive", "text": "Red", "content": {"quick_reply": {"payload": "MY_PAYLOAD"}}},
    "audio_attachment.json": {"type": "audio"},
    "video_attachment.json": {"type": "video"},
    "file_attachment.json": {"type": "document"},
    "image_attachments_two.json": {"type": "image"},
    "location_attachment.json": {"type": "location"},
    "postback.json": {"type": "interactive", "text": "MY_PAYLOAD", "content": {"postback": {"payload": "MY_PAYLOAD"}}},
    "message_echo.json": {"type": "text", "text": "Hi", "content": {"is_echo": True}},
    "fragment_echo_event_with_app_id.json": {"type": "image", "text": "Hello, bot!", "content": {"is_echo": True}},
    "fragment_reaction_event.json": {"type": "reaction", "text": "\U0001f44d",
                                     "content": {"reaction": "like", "action": "react"}},
    "message_delivery.json": {"stores": 0, "status": "delivered"},
    "message_read.json": {"stores": 0, "status": "read"},
    "account_linking.json": {"stores": 0},
    "optin_checkbox_user_ref.json": {"stores": 0},
    "referral.json": {"stores": 0},
}


@pytest.fixture(scope="module")
def box(server) -> Iterator[Box]:
    made = new_box(server, "messenger")
    yield made
    made.close()


@pytest.fixture(scope="module")
def conversation(server, box) -> dict[str, Any]:
    return customer_writes(server, box, new_id(), "hello page")


def test_the_fixture_folder_is_walked():
    if not FIXTURE_DIR.is_dir():
        pytest.skip(f"shared fixtures not present at {FIXTURE_DIR}")
    assert set(EXPECTED) <= set(FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_is_accepted_stored_and_applied(server, box, conversation, fake_graph, shared_dir, name):
    original = json.loads((FIXTURE_DIR / name).read_bytes())
    check_fixture(server, box, conversation, fake_graph, original, EXPECTED.get(name, {}))


def test_attachments_are_kept(server, box, conversation, fake_graph, shared_dir):
    original = json.loads((FIXTURE_DIR / "image_attachments_two.json").read_bytes())
    from tests.messenger.support import deliver, route_fixture, stored

    payload = route_fixture(box, original, None)
    deliver(server, box, payload)
    mid = payload["entry"][0]["messaging"][0]["message"]["mid"]
    message = stored(server, box, mid)
    assert [a["url"] for a in message.content["attachments"]] == [
        "http://facebookimage.com/image.png", "http://facebookimage.com/imageX.png"]
