"""Tests for connectors.meta against Meta's real webhook payloads and a real-HTTP fake Graph API."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import pickle
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectors.meta import (
    MESSAGE_TYPES,
    GraphClient,
    GraphError,
    InboundMessage,
    InboundStatus,
    OtherChange,
    TemplateStatusUpdate,
    build_whatsapp_send_body,
    event_key,
    parse_whatsapp_webhook,
    phone_number_ids,
    verify_signature,
    waba_ids,
)
from tests.support.fake_graph import FakeGraphServer

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "whatsapp"
SECRET = "test_app_secret"


def _fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not present: {FIXTURES}")
    return FIXTURES


def load(name: str) -> dict[str, Any]:
    return json.loads((_fixtures_dir() / name).read_bytes())


def parse(name: str) -> list[Any]:
    return parse_whatsapp_webhook(load(name))


def only_message(name: str) -> InboundMessage:
    items = parse(name)
    assert len(items) == 1 and isinstance(items[0], InboundMessage), items
    return items[0]


def only_status(name: str) -> InboundStatus:
    items = parse(name)
    assert len(items) == 1 and isinstance(items[0], InboundStatus), items
    return items[0]


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# ------------------------------------------------------------------------------------
# Signature
# ------------------------------------------------------------------------------------


class TestVerifySignature:
    def test_good_signature(self) -> None:
        body = b'{"object":"whatsapp_business_account","entry":[]}'
        assert verify_signature(body, sign(body), SECRET)

    def test_uppercase_hex_accepted(self) -> None:
        body = b"{}"
        assert verify_signature(body, "sha256=" + sign(body)[7:].upper(), SECRET)

    def test_known_vector_from_signatures_md(self) -> None:
        # SIGNATURES.md section 7: the Meta vector over the raw fixture bytes.
        raw = (_fixtures_dir() / "meta_doc_text.json").read_bytes()
        header = (
            "sha256=1c041e1c07f50386213ac582d2e17d24d70f1ed42949a6e5a5607057b805b5fc"
        )
        assert verify_signature(raw, header, "test_app_secret")

    def test_bad_signature(self) -> None:
        body = b'{"a":1}'
        assert not verify_signature(body, sign(body, "other_secret"), SECRET)
        assert not verify_signature(body + b" ", sign(body), SECRET)

    def test_reserialised_body_does_not_match(self) -> None:
        # Meta signs escaped unicode; hashing a re-encoded body must fail.
        raw = b'{"text":"\\u00e4\\u00f6\\u00e5"}'
        decoded = json.dumps(json.loads(raw), ensure_ascii=False).encode()
        assert verify_signature(raw, sign(raw), SECRET)
        assert not verify_signature(decoded, sign(raw), SECRET)

    @pytest.mark.parametrize(
        "header",
        [
            None,
            "",
            "sha256=",
            "sha1=" + "0" * 40,
            "0" * 64,
            "sha256=xyz",
            "sha256=" + "g" * 64,
            "sha256=" + "0" * 63,
            "sha256=" + "é" * 64,  # non-ASCII: refused, not a TypeError from compare_digest
            "sha256=" + "0" * 62 + " 0",
        ],
    )
    def test_missing_or_malformed(self, header: str | None) -> None:
        assert not verify_signature(b"{}", header, SECRET)

    def test_empty_secret_never_verifies(self) -> None:
        body = b"{}"
        assert not verify_signature(body, sign(body, ""), "")


# ------------------------------------------------------------------------------------
# Webhook parsing: every fixture, then per category
# ------------------------------------------------------------------------------------


def _fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.json")) if FIXTURES.is_dir() else []


def test_fixtures_present() -> None:
    assert len(list(_fixtures_dir().glob("*.json"))) >= 30


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.name)
def test_every_fixture_parses(path: Path) -> None:
    payload = json.loads(path.read_bytes())
    items = parse_whatsapp_webhook(payload)
    assert items, f"{path.name} produced no items"
    keys = [event_key(i) for i in items]
    assert all(keys) and len(set(keys)) == len(keys)
    # Parsing is deterministic, so Meta re-deliveries map onto the same keys.
    assert [event_key(i) for i in parse_whatsapp_webhook(payload)] == keys
    for item in items:
        if isinstance(item, InboundMessage):
            assert item.type in MESSAGE_TYPES
            assert item.phone_number_id and item.wa_id and item.provider_message_id
            assert (
                item.timestamp.tzinfo is not None
                and item.timestamp.utcoffset().total_seconds() == 0
            )
            assert isinstance(item.content, dict)
            assert event_key(item) == f"wa:msg:{item.provider_message_id}"
        elif isinstance(item, InboundStatus):
            assert item.phone_number_id and item.provider_message_id and item.status
            assert item.timestamp.tzinfo is not None
            assert (
                event_key(item) == f"wa:status:{item.provider_message_id}:{item.status}"
            )
        else:
            assert isinstance(item, (TemplateStatusUpdate, OtherChange))


def test_meta_doc_text() -> None:
    msg = only_message("meta_doc_text.json")
    assert msg.type == "text"
    assert msg.text == "Does it come in another color?"
    assert msg.content == {"body": "Does it come in another color?"}
    assert msg.phone_number_id == "106540352242922"
    assert msg.display_phone_number == "15550783881"
    assert msg.wa_id == "16505551234"
    assert msg.profile_name == "Sheena Nelson"
    assert (
        msg.provider_message_id
        == "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="
    )
    assert msg.timestamp == datetime.fromtimestamp(1749416383, tz=UTC)
    assert msg.context_message_id is None
    assert msg.waba_id == "102290129340398"


def test_text_and_routing_helpers() -> None:
    payload = load("text.json")
    msg = only_message("text.json")
    assert (msg.type, msg.text, msg.profile_name) == ("text", "Body Text", "Test Name")
    assert phone_number_ids(payload) == {"1122334455667"}
    assert waba_ids(payload) == {"1234567890987654321"}
    assert phone_number_ids(load("template_status_approved.json")) == set()


def test_reply_with_context() -> None:
    msg = only_message("text_reply_with_context.json")
    assert msg.text == "replied text"
    assert msg.context_message_id == "wamid.xyzxyz=="
    assert msg.content["context_from"] == "972123456789"


def test_forwarded_flags() -> None:
    assert (
        only_message("text_forwarded_many_times.json").content["frequently_forwarded"]
        is True
    )
    doc = only_message("document.json")
    assert doc.content["forwarded"] is True
    assert doc.context_message_id is None


def test_ctwa_referral_kept() -> None:
    msg = only_message("text_with_ctwa_referral.json")
    assert msg.type == "text" and msg.text == "BODY"
    assert msg.content["referral"]["ctwa_clid"] == "CTWA_CLID"
    assert msg.content["referral"]["source_id"] == "ADID"


def test_image() -> None:
    msg = only_message("image.json")
    assert msg.type == "image"
    assert msg.content["media_id"] == "65463453"
    assert msg.content["mime_type"] == "image/jpeg"
    assert msg.content["sha256"] == "4654+8g="
    assert msg.text is None
    with_url = only_message("image_with_url.json")
    assert with_url.content["url"].startswith("https://lookaside.fbsbx.com/")


def test_video_caption_is_text() -> None:
    msg = only_message("video.json")
    assert (msg.type, msg.text, msg.content["media_id"]) == (
        "video",
        "caption",
        "765756756",
    )


def test_document() -> None:
    msg = only_message("document.json")
    assert msg.type == "document"
    assert msg.content["filename"] == "filename.pdf"
    assert msg.content["caption"] == "caption"
    assert msg.text == "caption"


def test_audio_vs_voice() -> None:
    audio = only_message("audio.json")
    voice = only_message("audio_voice.json")
    assert audio.type == "audio" and audio.content["voice"] is False
    assert voice.type == "voice" and voice.content["voice"] is True
    assert voice.content["mime_type"] == "audio/ogg; codecs=opus"


def test_stickers() -> None:
    assert only_message("sticker_animated.json").content["animated"] is True
    static = only_message("sticker_static.json")
    assert static.type == "sticker" and static.content["animated"] is False
    assert static.content["mime_type"] == "image/webp"


def test_locations() -> None:
    current = only_message("location_current.json")
    assert current.type == "location"
    assert current.content["latitude"] == 12.25089
    assert current.content["longitude"] == 43.90539
    assert current.text is None
    named = only_message("location_named_place.json")
    assert (named.content["latitude"], named.content["longitude"]) == (
        37.4611978,
        -122.2164385,
    )
    assert named.content["name"] == "Facebook HQ"
    assert "Facebook HQ" in (named.text or "") and "1 Hacker Way" in (named.text or "")


def test_contacts() -> None:
    msg = only_message("contacts.json")
    assert msg.type == "contacts"
    assert len(msg.content["contacts"]) == 3
    assert msg.content["contacts"][0]["phones"][0]["phone"] == "+1 555-555-5555"
    assert msg.text == "Chandler Bing, Monica, Rachel Green"


def test_reactions() -> None:
    msg = only_message("reaction.json")
    assert msg.type == "reaction"
    assert msg.text == "\U0001f62e"
    assert msg.content == {
        "message_id": "wamid.yzxyzx=",
        "emoji": "\U0001f62e",
        "removed": False,
    }
    removed = only_message("reaction_removed.json")
    assert removed.content["removed"] is True and removed.text is None


def test_interactive_replies() -> None:
    button = only_message("interactive_button_reply.json")
    assert button.type == "interactive"
    assert button.content["interactive_type"] == "button_reply"
    assert button.content["reply_id"] == "callback_data"
    assert button.text == "title"
    assert button.context_message_id == "wamid.xyzxyz"
    listed = only_message("interactive_list_reply.json")
    assert listed.content["interactive_type"] == "list_reply"
    assert listed.content["reply_id"] == "callback_data"


def test_template_quick_reply_button() -> None:
    msg = only_message("button_template_quick_reply.json")
    assert msg.type == "button"
    assert msg.content["payload"] == "callback_data"
    assert msg.text == "title"
    assert msg.context_message_id == "wamid.xyzxyz=="


def test_order() -> None:
    msg = only_message("order.json")
    assert msg.type == "order"
    assert msg.content["catalog_id"] == "354160437058781"
    assert [p["product_retailer_id"] for p in msg.content["product_items"]] == [
        "HAMBURGER",
        "FRENCH_FRIES",
        "SODA",
    ]
    assert msg.text is None  # empty order note


def test_system_messages() -> None:
    identity = only_message("system_identity_change.json")
    assert identity.type == "system"
    assert identity.content["system_type"] == "customer_identity_changed"
    assert identity.content["identity"]["acknowledged"] is True
    changed = only_message("system_phone_number_change.json")
    assert changed.content["system_type"] == "user_changed_number"
    assert changed.content["new_wa_id"] == "972912345678"
    assert changed.text and "changed from" in changed.text
    assert changed.profile_name is None  # no contacts[] in that payload


def test_unsupported_kept() -> None:
    msg = only_message("unsupported.json")
    assert msg.type == "unsupported"
    assert msg.content["errors"][0]["code"] == 131051
    assert (
        msg.content["errors"][0]["details"]
        == "Message type is currently not supported."
    )
    assert msg.content["raw"]["id"] == "wamid.xyzxyz"
    typed = only_message("unsupported_with_type.json")
    assert typed.content["unsupported_type"] == "pool"


def test_unknown_type_and_garbage_never_raise() -> None:
    payload = load("text.json")
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message.update(
        {"type": "hologram", "hologram": {"x": 1}, "timestamp": "not-a-number"}
    )
    del message["text"]
    msg = parse_whatsapp_webhook(payload)[0]
    assert isinstance(msg, InboundMessage)
    assert msg.type == "unsupported"
    assert msg.content["original_type"] == "hologram"
    assert msg.content["raw"]["hologram"] == {"x": 1}
    assert msg.timestamp.tzinfo is not None
    for junk in (
        {},
        {"entry": None},
        {"entry": [None, {"changes": "x"}]},
        {"entry": [{"changes": [1]}]},
    ):
        assert parse_whatsapp_webhook(junk) == []


def test_statuses() -> None:
    sent = only_status("status_sent.json")
    assert sent.status == "sent"
    assert sent.recipient_id == "972987654321"
    assert sent.conversation and sent.conversation["origin"]["type"] == "service"
    assert sent.pricing and sent.pricing["pricing_model"] == "CBP"
    assert sent.error_code is None
    assert only_status("status_delivered.json").status == "delivered"
    assert only_status("status_read.json").status == "read"
    assert only_status("status_played.json").status == "played"
    marketing = only_status("meta_doc_status_sent_marketing.json")
    assert marketing.pricing and marketing.pricing["category"] == "marketing"
    assert marketing.timestamp == datetime.fromtimestamp(1750030073, tz=UTC)


def test_failed_statuses() -> None:
    failed = only_status("meta_doc_status_failed_131049.json")
    assert failed.status == "failed"
    assert failed.error_code == 131049
    assert failed.error_title and "healthy ecosystem" in failed.error_title
    assert failed.error_details and failed.error_details.startswith(
        "In order to maintain"
    )
    assert event_key(failed) == (
        "wa:status:wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA:failed"
    )
    experiment = only_status("status_failed.json")
    assert experiment.error_code == 130472
    assert experiment.errors[0]["title"] == "User's number is part of an experiment"


def test_template_status_updates() -> None:
    [approved] = parse("template_status_approved.json")
    assert isinstance(approved, TemplateStatusUpdate)
    assert approved.event == "APPROVED"
    assert approved.template_id == "1689556908129832"
    assert approved.template_name == "order_confirmation"
    assert approved.language == "en_US"
    assert approved.category == "UTILITY"
    assert approved.waba_id == "102290129340398"
    [rejected] = parse("template_status_rejected.json")
    assert isinstance(rejected, TemplateStatusUpdate)
    assert (rejected.event, rejected.reason) == ("REJECTED", "INVALID_FORMAT")
    assert rejected.rejection_info and "recommendation" in rejected.rejection_info
    assert event_key(approved) != event_key(rejected)
    assert event_key(approved).startswith("wa:template_status:")


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("account_update_partner_app_installed.json", "account_update"),
        ("account_update_restriction.json", "account_update"),
        ("account_update_violation.json", "account_update"),
        ("template_category_update.json", "template_category_update"),
        ("template_quality_update.json", "message_template_quality_update"),
    ],
)
def test_other_changes_kept(name: str, field: str) -> None:
    [change] = parse(name)
    assert isinstance(change, OtherChange)
    assert change.field == field
    assert change.value == load(name)["entry"][0]["changes"][0]["value"]
    assert change.waba_id and change.time is not None
    assert event_key(change).startswith(f"wa:change:{field}:")


def test_value_level_errors_not_dropped() -> None:
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"phone_number_id": "9"},
                            "errors": [
                                {"code": 131000, "title": "Something went wrong"}
                            ],
                        },
                    }
                ],
            }
        ],
    }
    [item] = parse_whatsapp_webhook(payload)
    assert isinstance(item, OtherChange) and item.value["errors"][0]["code"] == 131000


def test_batched_payload_keeps_order() -> None:
    text, status, tmpl = (
        load("text.json"),
        load("status_read.json"),
        load("template_status_approved.json"),
    )
    payload = {
        "object": "whatsapp_business_account",
        "entry": [*text["entry"], *status["entry"], *tmpl["entry"]],
    }
    kinds = [type(i) for i in parse_whatsapp_webhook(payload)]
    assert kinds == [InboundMessage, InboundStatus, TemplateStatusUpdate]


# ------------------------------------------------------------------------------------
# Outbound bodies
# ------------------------------------------------------------------------------------


class TestBuildSendBody:
    def test_text(self) -> None:
        assert build_whatsapp_send_body("16505551234", "text", "hello", {}) == {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "+16505551234",
            "type": "text",
            "text": {"preview_url": False, "body": "hello"},
        }

    def test_plus_kept_and_preview(self) -> None:
        body = build_whatsapp_send_body(
            "+16505551234", "text", "see https://x", {"preview_url": True}
        )
        assert body["to"] == "+16505551234"
        assert body["text"]["preview_url"] is True

    def test_context_reply(self) -> None:
        body = build_whatsapp_send_body(
            "1", "text", "yes", {"context_message_id": "wamid.ABC"}
        )
        assert body["context"] == {"message_id": "wamid.ABC"}

    def test_template_language_string_and_object(self) -> None:
        components = [
            {"type": "body", "parameters": [{"type": "text", "text": "Sheena"}]}
        ]
        flat = build_whatsapp_send_body(
            "1",
            "template",
            None,
            {
                "name": "order_confirmation",
                "language": "en_US",
                "components": components,
            },
        )
        assert flat["template"] == {
            "name": "order_confirmation",
            "language": {"code": "en_US"},
            "components": components,
        }
        nested = build_whatsapp_send_body(
            "1",
            "template",
            None,
            {"template": {"name": "hello_world", "language": {"code": "en"}}},
        )
        assert nested["template"] == {"name": "hello_world", "language": {"code": "en"}}

    def test_media(self) -> None:
        image = build_whatsapp_send_body("1", "image", "look", {"id": "MEDIA1"})
        assert image["image"] == {"id": "MEDIA1", "caption": "look"}
        doc = build_whatsapp_send_body(
            "1",
            "document",
            None,
            {"link": "https://example.com/invoice.pdf", "filename": "invoice.pdf"},
        )
        assert doc["document"] == {
            "link": "https://example.com/invoice.pdf",
            "filename": "invoice.pdf",
        }
        sticker = build_whatsapp_send_body(
            "1", "sticker", "ignored", {"media_id": "S1"}
        )
        assert sticker["sticker"] == {"id": "S1"}
        voice = build_whatsapp_send_body("1", "voice", None, {"id": "A1"})
        assert voice["type"] == "audio" and voice["audio"] == {"id": "A1"}

    def test_reaction(self) -> None:
        body = build_whatsapp_send_body(
            "1", "reaction", "\U0001f44d", {"message_id": "wamid.X"}
        )
        assert body["reaction"] == {"message_id": "wamid.X", "emoji": "\U0001f44d"}
        removed = build_whatsapp_send_body(
            "1", "reaction", None, {"message_id": "wamid.X", "emoji": ""}
        )
        assert removed["reaction"]["emoji"] == ""

    @pytest.mark.parametrize(
        ("type_", "text", "content"),
        [
            ("text", "", {}),
            ("template", None, {"name": "x"}),
            ("template", None, {"language": "en"}),
            ("image", None, {}),
            ("reaction", "x", {}),
            ("hologram", "x", {}),
        ],
    )
    def test_invalid(
        self, type_: str, text: str | None, content: dict[str, Any]
    ) -> None:
        with pytest.raises(ValueError):
            build_whatsapp_send_body("1", type_, text, content)


# ------------------------------------------------------------------------------------
# Graph client over real HTTP
# ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph_server() -> Iterator[FakeGraphServer]:
    with FakeGraphServer() as server:
        yield server


@pytest.fixture
def graph(graph_server: FakeGraphServer) -> Iterator[FakeGraphServer]:
    graph_server.reset()
    yield graph_server
    graph_server.reset()


SEND_BODY = build_whatsapp_send_body("16505551234", "text", "hello", {})


@pytest.mark.asyncio
async def test_send_success_records_token_and_body(graph: FakeGraphServer) -> None:
    async with GraphClient(graph.base_url) as client:
        wamid = await client.send_whatsapp_message(
            "106540352242922", "TOKEN-1", SEND_BODY
        )
    assert wamid.startswith("wamid.TEST")
    assert graph.sent_wamids == [wamid]
    [req] = graph.requests
    assert req["method"] == "POST"
    assert req["path"] == "/v25.0/106540352242922/messages"
    assert req["headers"]["authorization"] == "Bearer TOKEN-1"
    assert req["json"] == SEND_BODY
    assert "TOKEN-1" not in req["path"] and not req["query"]


@pytest.mark.asyncio
async def test_shared_http_client_is_used_and_not_closed(
    graph: FakeGraphServer,
) -> None:
    async with httpx.AsyncClient() as http:
        client = GraphClient(graph.base_url + "/", http)
        first = await client.send_whatsapp_message("1", "T", SEND_BODY)
        await client.aclose()
        assert not http.is_closed
        second = await GraphClient(graph.base_url, http).send_whatsapp_message(
            "1", "T", SEND_BODY
        )
    assert first != second and len(graph.requests) == 2


@pytest.mark.asyncio
async def test_server_error_is_transient(graph: FakeGraphServer) -> None:
    graph.queue_error(
        500, 2, "Service temporarily unavailable", error_type="OAuthException"
    )
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
        err = info.value
        assert (err.http_status, err.code, err.transient) == (500, 2, True)
        assert err.fbtrace_id and err.fbtrace_id.startswith("FAKE")
        # Only one call was queued to fail; the next succeeds.
        assert (await client.send_whatsapp_message("1", "T", SEND_BODY)).startswith(
            "wamid."
        )


@pytest.mark.asyncio
async def test_queue_error_times(graph: FakeGraphServer) -> None:
    graph.queue_error(429, 130429, "Rate limit hit", times=2)
    async with GraphClient(graph.base_url) as client:
        for _ in range(2):
            with pytest.raises(GraphError) as info:
                await client.send_whatsapp_message("1", "T", SEND_BODY)
            assert info.value.transient and info.value.code == 130429
        assert await client.send_whatsapp_message("1", "T", SEND_BODY)


@pytest.mark.asyncio
async def test_throttling_code_on_400_is_transient(graph: FakeGraphServer) -> None:
    graph.queue_error(400, 80007, "Rate limit issues")
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
    assert info.value.http_status == 400 and info.value.transient


@pytest.mark.asyncio
async def test_invalid_parameter_is_permanent(graph: FakeGraphServer) -> None:
    graph.queue_error(400, 100, "Invalid parameter", subcode=2494010)
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
    err = info.value
    assert (err.http_status, err.code, err.subcode, err.transient) == (
        400,
        100,
        2494010,
        False,
    )
    assert err.message == "Invalid parameter"
    assert not err.token_expired


@pytest.mark.asyncio
async def test_reengagement_is_permanent(graph: FakeGraphServer) -> None:
    graph.queue_error(400, 131047, "Re-engagement message")
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
    assert info.value.reengagement_required and not info.value.transient


@pytest.mark.asyncio
async def test_expired_token(graph: FakeGraphServer) -> None:
    graph.queue_error(
        401, 190, "Error validating access token: Session has expired", subcode=463
    )
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
    err = info.value
    assert err.token_expired and not err.transient
    assert (err.http_status, err.subcode, err.error_type) == (
        401,
        463,
        "OAuthException",
    )


@pytest.mark.asyncio
async def test_is_transient_flag_respected(graph: FakeGraphServer) -> None:
    graph.queue_error(400, 1, "An unknown error occurred", is_transient=True)
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
    assert info.value.transient


@pytest.mark.asyncio
async def test_get_with_stub_and_unknown_path(graph: FakeGraphServer) -> None:
    graph.stub(
        "GET", "/106540352242922", {"quality_rating": "GREEN", "id": "106540352242922"}
    )
    async with GraphClient(graph.base_url) as client:
        data = await client.get(
            "106540352242922", "T", params={"fields": "quality_rating"}
        )
        assert data["quality_rating"] == "GREEN"
        with pytest.raises(GraphError) as info:
            await client.get("/nope/edge", "T")
    assert info.value.code == 100 and not info.value.transient
    assert graph.requests[0]["query"] == {"fields": "quality_rating"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.asyncio
async def test_network_error_is_transient() -> None:
    async with GraphClient(
        f"http://127.0.0.1:{_closed_port()}/v25.0", timeout=2.0
    ) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", "T", SEND_BODY)
    assert info.value.http_status is None and info.value.transient


@pytest.mark.asyncio
async def test_missing_token_is_permanent_and_never_sent(
    graph: FakeGraphServer,
) -> None:
    async with GraphClient(graph.base_url) as client:
        with pytest.raises(GraphError) as info:
            await client.send_whatsapp_message("1", " ", SEND_BODY)
    assert not info.value.transient and info.value.http_status is None
    assert graph.requests == []


@pytest.mark.asyncio
async def test_fake_rejects_requests_without_bearer(graph: FakeGraphServer) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{graph.base_url}/1/messages", json=SEND_BODY)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == 190


@pytest.mark.asyncio
async def test_concurrent_sends_get_distinct_wamids(graph: FakeGraphServer) -> None:
    async with GraphClient(graph.base_url) as client:
        wamids = await asyncio.gather(
            *(client.send_whatsapp_message("1", "T", SEND_BODY) for _ in range(20))
        )
    assert len(set(wamids)) == 20
    assert sorted(graph.sent_wamids) == sorted(wamids)
    assert len(graph.sent_messages) == 20


def test_graph_error_pickles() -> None:
    err = GraphError(
        400, 190, 463, "expired", "OAuthException", "abc", False, details="d"
    )
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.code, copy.subcode, copy.details, copy.token_expired) == (
        190,
        463,
        "d",
        True,
    )
    assert str(copy) == str(err)
