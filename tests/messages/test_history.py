"""GET /api/conversations/{id}/messages over real HTTP: newest first (by the time the customer
wrote), X-Total-Count, page bounds, `before` to page back; and replies quoting a message."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.support.inbox import new_wa_id, new_wamid
from tests.support.inbox_rest import Inbox, customer_writes, deliver, inbox_fixture, messages_body, text_item

inbox = inbox_fixture("History")


@pytest.fixture(scope="module")
def history(server, inbox) -> tuple[str, list[str], int]:
    """A conversation with five customer messages, one minute apart (delivered in one batch, out
    of order); returns (conversation id, texts newest first, the newest message's time)."""
    wa_id, now = new_wa_id(), int(time.time())
    stamps = [now - 60 * i for i in range(5)]  # newest first
    items = [text_item(wa_id, f"line {i}", timestamp=stamp) for i, stamp in enumerate(stamps)]
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, items[::-1][2:] + items[::-1][:2]))
    conv = customer_writes(server, inbox, wa_id, "latest", timestamp=now + 1)
    return conv["id"], ["latest", *[f"line {i}" for i in range(5)]], now


def page(inbox: Inbox, conversation_id: str, **params) -> tuple[list[str], int]:
    response = inbox.admin.get(f"/api/conversations/{conversation_id}/messages", params=params)
    assert response.status_code == 200, response.text
    return [m["text"] for m in response.json()], int(response.headers["X-Total-Count"])


def test_messages_come_newest_first_with_the_total(inbox, history):
    conv_id, texts, _ = history
    assert page(inbox, conv_id) == (texts, 6)
    assert page(inbox, conv_id, per_page=4) == (texts[:4], 6)
    assert page(inbox, conv_id, per_page=4, page=2) == (texts[4:], 6)
    assert page(inbox, conv_id, per_page=4, page=3) == ([], 6)


def test_before_pages_back_from_a_time(inbox, history):
    conv_id, texts, now = history
    before = datetime.fromtimestamp(now - 60, UTC).isoformat()  # strictly older than "line 1"
    items, _ = page(inbox, conv_id, before=before, per_page=2)
    assert items == ["line 2", "line 3"]


@pytest.mark.parametrize("params", [{"per_page": 0}, {"per_page": 101}, {"page": 0}, {"before": "yesterday"}])
def test_bad_paging_is_422(inbox, history, params):
    response = inbox.admin.get(f"/api/conversations/{history[0]}/messages", params=params)
    assert response.status_code == 422, response.text


def test_a_reply_quotes_the_customers_message(server, inbox, fake_graph):
    wamid = new_wamid()
    conv = customer_writes(server, inbox, new_wa_id(), "which size?", wamid=wamid)
    [quoted] = inbox.admin.get(f"/api/conversations/{conv['id']}/messages").json()
    response = inbox.admin.post(f"/api/conversations/{conv['id']}/messages",
                                json={"type": "text", "text": "size M", "reply_to_message_id": quoted["id"]})
    assert response.status_code == 201, response.text
    server.drain()
    deadline = time.monotonic() + 10
    while not [r for r in inbox.sends(fake_graph) if r["json"].get("text", {}).get("body") == "size M"]:
        assert time.monotonic() < deadline, "the reply was never sent"
        time.sleep(0.03)
    [call] = [r for r in inbox.sends(fake_graph) if r["json"].get("text", {}).get("body") == "size M"]
    assert call["json"]["context"] == {"message_id": wamid}


def test_a_reply_to_a_message_of_another_conversation_is_422(server, inbox, history):
    conv = customer_writes(server, inbox, new_wa_id(), "hello")
    [other] = inbox.admin.get(f"/api/conversations/{history[0]}/messages", params={"per_page": 1}).json()
    response = inbox.admin.post(f"/api/conversations/{conv['id']}/messages",
                                json={"type": "text", "text": "hm", "reply_to_message_id": other["id"]})
    assert response.status_code == 422, response.text
