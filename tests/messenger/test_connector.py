"""connectors.meta_messaging on its own: parsing edge cases the fixtures do not cover, and the
Send API body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.meta import InboundMessage, InboundStatus, OtherChange
from connectors.meta_messaging import (
    ReadWatermark,
    Unsend,
    account_ids,
    build_messaging_send_body,
    channel_of,
    parse_messaging_webhook,
)


def body(event: dict, obj: str = "page") -> dict:
    return {"object": obj, "entry": [{"id": "PAGE", "time": 1700000000000, "messaging": [event]}]}


def message(msg: dict, **extra: object) -> dict:
    return {"sender": {"id": "U1"}, "recipient": {"id": "PAGE"}, "timestamp": 1700000000123, "message": msg, **extra}


def test_routing_helpers():
    assert channel_of({"object": "page"}) == "messenger" and channel_of({"object": "instagram"}) == "instagram"
    assert channel_of({"object": "whatsapp_business_account"}) is None and channel_of([]) is None
    assert account_ids({"entry": [{"id": "1"}, {"id": 2}, {}, "junk"]}) == {"1", "2"}


@pytest.mark.parametrize(("stamp", "want"), [
    (1700000000123, datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)),
    ("1527459824", datetime(2018, 5, 27, 22, 23, 44, tzinfo=UTC)),
    ("2021-09-08T06:34:04+0000", datetime(2021, 9, 8, 6, 34, 4, tzinfo=UTC)),
])
def test_timestamps_in_every_shape(stamp, want):
    [item] = parse_messaging_webhook(body(message({"mid": "m1", "text": "x"}, timestamp=stamp)))
    assert isinstance(item, InboundMessage) and item.timestamp == want


def test_like_sticker_share_and_unknown_attachment():
    like = {"type": "image", "payload": {"url": "https://x/like.png", "sticker_id": 369239263222822}}
    [item] = parse_messaging_webhook(body(message({"mid": "m1", "attachments": [like]})))
    assert item.type == "sticker" and item.content["attachments"][0]["like"] is True
    share = {"type": "share", "payload": {"url": "https://x/post"}}
    [item] = parse_messaging_webhook(body(message({"mid": "m2", "attachments": [share]}), "instagram"))
    assert item.type == "share" and item.content["attachments"][0]["url"] == "https://x/post"
    odd = {"type": "hologram", "payload": {"x": 1}}
    [item] = parse_messaging_webhook(body(message({"mid": "m3", "attachments": [odd]})))
    assert item.type == "unsupported" and item.content["attachments"][0]["source_type"] == "hologram"
    [item] = parse_messaging_webhook(body(message({"mid": "m4"})))
    assert item.type == "unsupported"


def test_reply_to_echo_unsend_reaction_and_receipts():
    [reply] = parse_messaging_webhook(body(message({"mid": "m5", "text": "yes", "reply_to": {"mid": "m1"}})))
    assert reply.context_message_id == "m1" and reply.wa_id == "U1" and reply.phone_number_id == "PAGE"
    echo_event = {"sender": {"id": "PAGE"}, "recipient": {"id": "U1"}, "timestamp": 1,
                  "message": {"mid": "m6", "text": "hi", "is_echo": True}}
    [echo] = parse_messaging_webhook(body(echo_event))
    assert echo.wa_id == "U1" and echo.content["is_echo"] is True
    [gone] = parse_messaging_webhook(body(message({"mid": "m1", "is_deleted": True})))
    assert gone == Unsend("PAGE", "U1", "m1", gone.timestamp)
    react = {"sender": {"id": "U1"}, "recipient": {"id": "PAGE"}, "timestamp": 5,
             "reaction": {"mid": "m6", "action": "unreact"}}
    [reaction] = parse_messaging_webhook(body(react))
    assert reaction.type == "reaction" and reaction.text is None and reaction.context_message_id == "m6"
    receipts = {"sender": {"id": "U1"}, "recipient": {"id": "PAGE"},
                "delivery": {"mids": ["a", "b"], "watermark": 1700000000000}}
    items = parse_messaging_webhook(body(receipts))
    assert [type(i) for i in items] == [InboundStatus, InboundStatus, ReadWatermark]
    assert [i.provider_message_id for i in items[:2]] == ["a", "b"] and items[2].status == "delivered"
    [other] = parse_messaging_webhook(body({"sender": {"id": "U1"}, "optin": {"ref": "x"}}))
    assert isinstance(other, OtherChange) and other.field == "optin"


def test_garbage_never_raises():
    for junk in ({}, {"entry": "x"}, {"object": "page", "entry": [None, {"messaging": [1, {"message": "x"}]}]}):
        assert all(isinstance(i, OtherChange) for i in parse_messaging_webhook(junk))


def test_send_bodies():
    assert build_messaging_send_body("U1", "text", "hi", {}) == {
        "recipient": {"id": "U1"}, "message": {"text": "hi"}, "messaging_type": "RESPONSE"}
    tagged = build_messaging_send_body("U1", "text", "late", {"messaging_tag": "HUMAN_AGENT"})
    assert tagged["messaging_type"] == "MESSAGE_TAG" and tagged["tag"] == "HUMAN_AGENT"
    doc = build_messaging_send_body("U1", "document", None, {"id": "123"})
    assert doc["message"] == {"attachment": {"type": "file", "payload": {"attachment_id": "123"}}}
    with pytest.raises(ValueError, match="cannot be sent"):
        build_messaging_send_body("U1", "template", None, {"template": {}})
    with pytest.raises(ValueError):
        build_messaging_send_body("U1", "image", None, {})
