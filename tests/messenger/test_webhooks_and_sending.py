"""Messenger and Instagram end to end over real HTTP: handshake, signatures (platform secret and
an account's own app secret), routing by page / Instagram account id, idempotent re-delivery,
echoes of our own sends, and replies through the fake Graph Send API (success, failure, and the
24 h / HUMAN_AGENT 7-day window)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import META_VERIFY_TOKEN
from tests.messenger.support import (
    Box,
    customer_writes,
    deliver,
    encode,
    envelope,
    make_account,
    message_count,
    new_box,
    new_id,
    new_mid,
    post,
    stored,
    text_event,
)
from tests.support.inbox import sign
from tests.support.inbox_rest import messages_of, send_text, wait_message

CHANNELS = ("messenger", "instagram")


@pytest.fixture(scope="module")
def boxes(server) -> Iterator[dict[str, Box]]:
    made = {channel: new_box(server, channel) for channel in CHANNELS}
    yield made
    for box in made.values():
        box.close()


def sends_to(fake_graph: Any, box: Box, user: str) -> list[dict[str, Any]]:
    return [r for r in fake_graph.sent_messages if r["path"].endswith(f"/{box.account_id}/messages")
            and (r["json"] or {}).get("recipient", {}).get("id") == user]


def wait_sent(server: Any, box: Box, conversation_id: str, message_id: str) -> dict[str, Any]:
    server.drain()
    return wait_message(box.admin, conversation_id, message_id, lambda m: m["status"] != "queued")


@pytest.mark.parametrize("channel", CHANNELS)
def test_handshake_echoes_the_challenge(client, channel):
    path = f"/api/webhooks/{channel}"
    ok = client.get(path, params={"hub.mode": "subscribe", "hub.verify_token": META_VERIFY_TOKEN,
                                  "hub.challenge": "4242"})
    assert ok.status_code == 200 and ok.text == "4242"
    bad = client.get(path, params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "4242"})
    assert bad.status_code == 403


@pytest.mark.parametrize("channel", CHANNELS)
def test_unsigned_or_badly_signed_bodies_are_refused(server, boxes, channel):
    box = boxes[channel]
    raw = encode(envelope(box, [text_event(box, new_id(), "forged")]))
    before = message_count(server, box)
    assert post(box, raw, secret=None).status_code == 401
    assert post(box, raw, secret="not-the-secret").status_code == 401
    server.drain()
    assert message_count(server, box) == before


@pytest.mark.parametrize("channel", CHANNELS)
def test_an_accounts_own_app_secret_signs_its_webhooks(server, boxes, channel):
    box = boxes[channel]
    own = make_account(box.admin, channel, app_secret="page-own-secret")
    assert own["has_app_secret"] is True and own["app_secret"] != "page-own-secret"
    routed = Box(channel, box.admin, own, "")
    mid = new_mid()
    raw = encode(envelope(routed, [text_event(routed, new_id(), "signed by the page's app", mid=mid)]))
    assert post(routed, raw).status_code == 401  # the platform secret is not this account's
    deliver(server, routed, raw, secret="page-own-secret")
    assert stored(server, box, mid) is not None


@pytest.mark.parametrize("channel", CHANNELS)
def test_redelivery_with_other_bytes_applies_once(server, boxes, channel):
    box = boxes[channel]
    event = text_event(box, new_id(), "only once")
    first = envelope(box, [event])
    second = envelope(box, [event])
    second["entry"][0]["time"] += 1  # Meta's re-delivery: same event, new envelope
    before = message_count(server, box)
    deliver(server, box, first)
    deliver(server, box, second)
    assert message_count(server, box) == before + 1


def test_instagram_payloads_on_the_meta_endpoint_are_routed(server, boxes):
    box = boxes["instagram"]
    mid = new_mid()
    raw = encode(envelope(box, [text_event(box, new_id(), "via /meta", mid=mid)]))
    response = box.admin.client.post("/api/webhooks/meta", content=raw,
                                     headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw)})
    assert response.status_code == 200 and response.json() == {"status": "received"}
    server.drain()
    deadline = time.monotonic() + 15
    while stored(server, box, mid) is None:
        assert time.monotonic() < deadline, "not applied"
        time.sleep(0.02)
    assert stored(server, box, mid).text == "via /meta"


def test_an_unknown_page_is_acknowledged_and_ignored(server, boxes):
    box = boxes["messenger"]
    stranger = Box("messenger", box.admin, {"page_id": new_id()}, "")
    mid = new_mid()
    deliver(server, stranger, envelope(stranger, [text_event(stranger, new_id(), "who?", mid=mid)]))
    assert stored(server, box, mid) is None


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_reply_goes_out_through_the_send_api(server, boxes, fake_graph, channel):
    box = boxes[channel]
    user = new_id()
    conversation = customer_writes(server, box, user, "can you help?")
    assert conversation["contact_channel"] == channel
    message = send_text(box.admin, conversation["id"], "Sure!")
    sent = wait_sent(server, box, conversation["id"], message["id"])
    assert sent["status"] == "sent", sent
    calls = sends_to(fake_graph, box, user)
    assert len(calls) == 1
    call = calls[0]
    assert call["headers"]["authorization"] == f"Bearer {box.access_token}"
    assert call["json"] == {"recipient": {"id": user}, "message": {"text": "Sure!"}, "messaging_type": "RESPONSE"}
    assert sent["provider_message_id"] in fake_graph.sent_wamids

    # Meta echoes what the page sent: it is the same message, not a second one.
    before = message_count(server, box)
    echo = {"sender": {"id": box.account_id}, "recipient": {"id": user}, "timestamp": int(time.time() * 1000),
            "message": {"mid": sent["provider_message_id"], "text": "Sure!", "is_echo": True}}
    deliver(server, box, envelope(box, [echo]))
    assert message_count(server, box) == before

    # Receipts move it forward: delivered by mid, read by watermark (Messenger) or mid (Instagram).
    delivery = {"sender": {"id": user}, "recipient": {"id": box.account_id},
                "delivery": {"mids": [sent["provider_message_id"]], "watermark": int(time.time() * 1000)}}
    deliver(server, box, envelope(box, [delivery]))
    read_body = ({"watermark": int(time.time() * 1000) + 1000} if channel == "messenger"
                 else {"mid": sent["provider_message_id"]})
    deliver(server, box, envelope(box, [{"sender": {"id": user}, "recipient": {"id": box.account_id},
                                         "timestamp": int(time.time() * 1000), "read": read_body}]))
    final = {m["id"]: m for m in messages_of(box.admin, conversation["id"])}[message["id"]]
    assert final["status"] == "read" and final["delivered_at"] and final["read_at"], final


def test_a_media_reply_is_sent_as_an_attachment(server, boxes, fake_graph):
    box = boxes["messenger"]
    user = new_id()
    conversation = customer_writes(server, box, user, "send me the picture")
    response = box.admin.post(f"/api/conversations/{conversation['id']}/messages",
                              json={"type": "image", "media": {"url": "https://example.com/a.png"}})
    assert response.status_code == 201, response.text
    sent = wait_sent(server, box, conversation["id"], response.json()["id"])
    assert sent["status"] == "sent", sent
    body = sends_to(fake_graph, box, user)[-1]["json"]
    assert body["message"] == {"attachment": {"type": "image", "payload": {"url": "https://example.com/a.png",
                                                                           "is_reusable": True}}}


def test_a_send_api_error_fails_the_message(server, boxes, fake_graph):
    box = boxes["messenger"]
    conversation = customer_writes(server, box, new_id(), "hello?")
    fake_graph.queue_error(400, 551, "This person isn't available right now.", error_type="OAuthException")
    message = send_text(box.admin, conversation["id"], "hello back")
    failed = wait_sent(server, box, conversation["id"], message["id"])
    assert failed["status"] == "failed", failed
    assert failed["error"]["code"] == 551 and "isn't available" in failed["error"]["message"]


def test_the_window_is_24_hours_and_human_agent_extends_it(server, boxes, fake_graph):
    box = boxes["messenger"]
    quiet = customer_writes(server, box, new_id(), "anyone?", at=time.time() - 30 * 3600)
    refused = box.admin.post(f"/api/conversations/{quiet['id']}/messages", json={"type": "text", "text": "late"})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "MESSAGING_WINDOW_CLOSED"

    agent_box = Box("messenger", box.admin, make_account(box.admin, "messenger", human_agent_tag=True), "")
    assert agent_box.account["human_agent_tag"] is True
    user = new_id()
    mid = new_mid()
    deliver(server, agent_box, envelope(agent_box, [text_event(agent_box, user, "two days ago", mid=mid,
                                                               at=time.time() - 48 * 3600)]))
    conversation_id = str(stored(server, box, mid).conversation_id)
    message = send_text(box.admin, conversation_id, "sorry for the wait")
    sent = wait_sent(server, box, conversation_id, message["id"])
    assert sent["status"] == "sent", sent
    body = sends_to(fake_graph, agent_box, user)[-1]["json"]
    assert body["messaging_type"] == "MESSAGE_TAG" and body["tag"] == "HUMAN_AGENT"

    old_user, old_mid = new_id(), new_mid()
    deliver(server, agent_box, envelope(agent_box, [text_event(agent_box, old_user, "last week", mid=old_mid,
                                                               at=time.time() - 8 * 24 * 3600)]))
    old = str(stored(server, box, old_mid).conversation_id)
    too_late = box.admin.post(f"/api/conversations/{old}/messages", json={"type": "text", "text": "late"})
    assert too_late.status_code == 422 and too_late.json()["error"]["code"] == "MESSAGING_WINDOW_CLOSED"


def test_integration_accounts_of_both_channels(boxes):
    admin = boxes["messenger"].admin
    page_id = new_id()
    created = make_account(admin, "messenger", page_id=page_id, access_token="EAAPsecret-token-1234")
    assert created["page_id"] == page_id and created["access_token"].endswith("1234")
    assert "secret-token" not in created["access_token"] and created["human_agent_tag"] is False
    again = admin.post("/api/integration-accounts", json={"channel": "messenger", "name": "dup", "page_id": page_id,
                                                           "access_token": "EAAPx"})
    assert again.status_code == 409, again.text
    ig = make_account(admin, "instagram", page_id="998877")
    assert ig["instagram_account_id"] and ig["page_id"] == "998877"
    missing = admin.post("/api/integration-accounts", json={"channel": "instagram", "name": "x", "access_token": "y"})
    assert missing.status_code == 422, missing.text
    patched = admin.patch(f"/api/integration-accounts/{created['id']}", json={"human_agent_tag": True})
    assert patched.status_code == 200 and patched.json()["human_agent_tag"] is True


def test_graphql_creates_and_shows_both_channels(boxes):
    admin = boxes["messenger"].admin
    create = """mutation($input: IntegrationAccountCreateInput!) {
      createIntegrationAccount(input: $input) { channel pageId instagramAccountId humanAgentTag accessToken }
    }"""
    page_id, ig_id = new_id(), new_id()
    page = admin.gql(create, {"input": {"channel": "messenger", "name": "FB", "pageId": page_id,
                                        "accessToken": "EAAPgraphql9876", "humanAgentTag": True}})
    assert "errors" not in page, page
    assert page["data"]["createIntegrationAccount"] == {
        "channel": "messenger", "pageId": page_id, "instagramAccountId": None, "humanAgentTag": True,
        "accessToken": "••••9876"}
    ig = admin.gql(create, {"input": {"channel": "instagram", "name": "IG", "instagramAccountId": ig_id,
                                      "accessToken": "EAAPgraphql5432"}})
    assert "errors" not in ig, ig
    assert ig["data"]["createIntegrationAccount"]["instagramAccountId"] == ig_id
    assert ig["data"]["createIntegrationAccount"]["humanAgentTag"] is False
    missing = admin.gql(create, {"input": {"channel": "instagram", "name": "IG", "accessToken": "x"}})
    assert missing["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"


def test_an_echo_during_our_own_send_is_left_to_the_send(server, boxes):
    """The echo can overtake the Send API's answer: storing it would collide with the mid the
    send job records next (and make it retry, i.e. send twice), so it is left to the send."""
    from datetime import UTC, datetime

    from models.messages import Message
    from resolvers._scope import new_scoped, scoped
    from tests.support.inbox_rest import db

    box = boxes["messenger"]
    user = new_id()
    conversation = customer_writes(server, box, user, "quick!")
    in_flight = db(server, new_scoped(box.ctx(), Message, conversation_id=conversation["id"], direction="outbound",
                                      type="text", text="racing", content={}, status="queued",
                                      claimed_at=datetime.now(UTC)))
    mid = new_mid()
    echo = {"sender": {"id": box.account_id}, "recipient": {"id": user}, "timestamp": int(time.time() * 1000),
            "message": {"mid": mid, "text": "racing", "is_echo": True}}
    deliver(server, box, envelope(box, [echo]))
    assert stored(server, box, mid) is None
    db(server, scoped(box.ctx(), Message).filter(id=in_flight.id).delete())
    later = new_mid()  # nothing in flight any more: a page-sent message is stored as outbound
    deliver(server, box, envelope(box, [{**echo, "message": {**echo["message"], "mid": later}}]))
    row = stored(server, box, later)
    assert row is not None and row.direction == "outbound" and row.status == "sent"
