"""Inbound media of every channel fetched once and stored (tests/support/fake_graph.py serves the
WhatsApp media endpoints and the Messenger/Instagram CDN; email bytes come from the stored
webhook), the message's content pointing at the stored file, failures marked and never fatal,
and GET /api/media/{provider media id} answering for the tenant that references it only."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from models.media import MediaFile, MessageMedia
from models.messages import Message
from resolvers import media as media_resolvers
from resolvers._context import Ctx
from resolvers._scope import scoped
from tests.media import samples
from tests.messenger import support as messaging
from tests.support.api import register
from tests.support.inbox import new_wa_id, new_wamid, sign
from tests.support.inbox_rest import Inbox, db, deliver, encode, inbox_fixture, messages_body, stored_message
from tests.support.ws import Subscriber

DEADLINE = 20.0


def _docx() -> bytes:
    """A real (minimal) Word file: a zip holding word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


DOCX = _docx()


inbox = inbox_fixture("Media inbox")


rival = inbox_fixture("Media rival")


def media_item(wa_id: str, media_id: str, kind: str = "image", *, wamid: str | None = None,
               **body: Any) -> dict[str, Any]:
    """One WhatsApp messages[] item carrying media (the fixtures' shape)."""
    return {"from": wa_id, "id": wamid or new_wamid(), "timestamp": str(int(time.time())), "type": kind,
            kind: {"id": media_id, "mime_type": "image/png", "sha256": "x", **body}}


def new_media_id() -> str:
    return str(uuid.uuid4().int)[:16]


def wait_settled(server: Any, inbox_ctx: Any, message_id: Any, done: Callable[[dict[str, Any]], bool] | None = None,
                 timeout: float = DEADLINE) -> Message:
    """Poll (bounded) until the message's media has been stored or marked."""
    done = done or (lambda c: "media_file" in c or "media_error" in c)
    deadline = time.monotonic() + timeout
    while True:
        message = db(server, scoped(inbox_ctx, Message).filter(id=message_id).first())
        if message is not None and done(message.content or {}):
            return message
        if time.monotonic() > deadline:
            raise AssertionError(f"media of message {message_id} never settled: {message and message.content}")
        time.sleep(0.05)


def whatsapp_media_message(server: Any, inbox: Inbox, media_id: str, kind: str = "image", **body: Any
                           ) -> tuple[dict[str, Any], Message]:
    """The customer sends media; returns (the webhook payload, the stored message once settled)."""
    item = media_item(new_wa_id(), media_id, kind, **body)
    payload = messages_body(inbox.phone_number_id, [item])
    deliver(server, inbox.admin.client, payload)
    message = stored_message(server, inbox, item["id"])
    assert message is not None
    return payload, wait_settled(server, inbox.ctx(), message.id)


def files_with_key(server: Any, inbox_ctx: Any, source: str, key: str) -> list[MediaFile]:
    return list(db(server, scoped(inbox_ctx, MediaFile).filter(source=source, source_key=key)))


def rest_message(actor: Any, message: Message) -> dict[str, Any]:
    response = actor.get(f"/api/conversations/{message.conversation_id}/messages", params={"per_page": 100})
    assert response.status_code == 200, response.text
    return next(m for m in response.json() if m["id"] == str(message.id))


# ---------------------------------------------------------------- WhatsApp


def test_whatsapp_image_is_fetched_with_the_token_and_stored_once(server, inbox, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.PNG, "image/png")
    payload, message = whatsapp_media_message(server, inbox, media_id, caption="look")

    ref = message.content["media_file"]
    assert ref["content_type"] == "image/png" and ref["size"] == len(samples.PNG)
    assert ref["filename"].endswith(".png")
    # Both Graph calls carried the account's own token.
    calls = [r for r in fake_graph.requests if r["path"] in (f"/{fake_graph.version}/{media_id}",
                                                              f"/media-bytes/{media_id}")]
    assert len(calls) == 2 and all(r["headers"]["authorization"] == f"Bearer {inbox.access_token}" for r in calls)
    got = inbox.admin.get(ref["url"])
    assert got.status_code == 200 and got.content == samples.PNG
    assert got.headers["content-type"] == "image/png"
    # REST shows the reference beside the content; GraphQL says the same.
    shown = rest_message(inbox.admin, message)
    assert shown["media_file"] == ref and shown["content"]["media_id"] == media_id
    data = inbox.admin.gql("query($id: UUID!) { messages(conversationId: $id) { items { id mediaFile } } }",
                           {"id": str(message.conversation_id)})
    assert "errors" not in data, data
    item = next(m for m in data["data"]["messages"]["items"] if m["id"] == str(message.id))
    assert item["mediaFile"] == ref

    # A re-delivered webhook (Meta retries for days) stores nothing new and fetches nothing again.
    raw = encode(payload)
    assert inbox.admin.client.post("/api/webhooks/meta", content=raw, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": sign(raw)}).json() == {"status": "duplicate"}
    server.drain()
    assert fake_graph.media_fetches(media_id) == 1
    assert len(files_with_key(server, inbox.ctx(), "whatsapp", media_id)) == 1


def test_the_same_media_id_in_a_second_message_reuses_the_file(server, inbox, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.JPEG, "image/jpeg")
    _, first = whatsapp_media_message(server, inbox, media_id)
    _, second = whatsapp_media_message(server, inbox, media_id)
    assert first.content["media_file"]["id"] == second.content["media_file"]["id"]
    assert fake_graph.media_fetches(media_id) == 1


def test_racing_fetches_store_one_file(server, inbox, fake_graph):
    """Two workers fetch the same pending item at once: one file, the loser's bytes dropped."""
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.MP4, "video/mp4")
    _, message = whatsapp_media_message(server, inbox, media_id, "video")
    # Arrange the race: the item pending again and its stored file gone (as before the first fetch).
    ctx = inbox.ctx()
    db(server, scoped(ctx, MessageMedia).filter(message_id=message.id).update(status="pending", media_file_id=None))
    db(server, scoped(ctx, MediaFile).filter(source="whatsapp", source_key=media_id).delete())

    async def race() -> list[int]:
        return list(await asyncio.gather(*(media_resolvers.fetch_message_media(message.id, final=True)
                                           for _ in range(2))))

    results = server.run(race())
    assert sorted(results) in ([0, 1], [1, 1])  # both may store the same file; one settles the row
    files = files_with_key(server, ctx, "whatsapp", media_id)
    assert len(files) == 1
    row = db(server, scoped(ctx, MessageMedia).filter(message_id=message.id).first())
    assert row.status == "stored" and row.media_file_id == files[0].id


def test_transient_graph_errors_are_retried(server, inbox, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.OGG, "audio/ogg", metadata_failures=2)
    _, message = whatsapp_media_message(server, inbox, media_id, "audio", voice=True)
    assert message.type == "voice"
    assert message.content["media_file"]["content_type"] == "audio/ogg"
    metadata_calls = [r for r in fake_graph.requests if r["path"] == f"/{fake_graph.version}/{media_id}"]
    assert len(metadata_calls) == 3


@pytest.mark.parametrize(("arrange", "code"), [
    (lambda g, mid: g.add_media(mid, samples.PNG, "image/png", expired=True), "DOWNLOAD_REFUSED"),
    (lambda g, mid: None, "MEDIA_NOT_FOUND"),  # Graph answers 400 "Unsupported get request" for no such id
    (lambda g, mid: g.add_media(mid, samples.HTML, "image/png"), "REFUSED_TYPE"),
    (lambda g, mid: g.add_media(mid, samples.EXE, "application/pdf"), "REFUSED_TYPE"),
])
def test_permanent_failures_are_marked_and_the_message_kept(server, inbox, fake_graph, arrange, code):
    media_id = new_media_id()
    arrange(fake_graph, media_id)
    _, message = whatsapp_media_message(server, inbox, media_id, "document", filename="x.pdf")
    assert message.content["media_error"]["code"] == code
    assert "media_file" not in message.content and message.content["media_id"] == media_id
    assert files_with_key(server, inbox.ctx(), "whatsapp", media_id) == []
    # Marked once, not retried: the bytes were asked for at most once.
    assert fake_graph.media_fetches(media_id) <= 1


def test_a_file_over_the_limit_is_marked_too_large(server, inbox, fake_graph):
    media_id = new_media_id()
    limit = server.settings.media_max_bytes
    fake_graph.add_media(media_id, samples.PDF + b"\x00" * (limit + 1 - len(samples.PDF)), "application/pdf")
    _, message = whatsapp_media_message(server, inbox, media_id, "document")
    assert message.content["media_error"]["code"] == "TOO_LARGE"
    assert fake_graph.media_fetches(media_id) == 0  # file_size said so: never downloaded


@pytest.mark.parametrize(("data", "name", "mime", "expected"), [
    (DOCX, "offer.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"sku;qty\nA1;2\n", "order.csv", "text/csv", "text/csv"),
    (b"plain words\n", "notes.txt", "text/plain", "text/plain"),
])
def test_inbound_documents_include_office_files_and_text(server, inbox, fake_graph, data, name, mime, expected):
    media_id = new_media_id()
    fake_graph.add_media(media_id, data, mime)
    _, message = whatsapp_media_message(server, inbox, media_id, "document", filename=name, mime_type=mime)
    ref = message.content["media_file"]
    assert ref["content_type"] == expected and ref["filename"] == name
    got = inbox.admin.get(ref["url"])
    assert got.content == data and got.headers["content-disposition"].startswith("attachment;")


def test_the_live_inbox_hears_that_the_message_changed(server, inbox, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.PNG, "image/png")
    query = ("subscription { inboxEvents { type ... on MessageUpdatedEvent { messageId changed "
             "mediaFile message { type } } } }")
    with Subscriber(server.ws_url, token=inbox.admin.token) as sub:
        sub.subscribe(query)
        _, message = whatsapp_media_message(server, inbox, media_id)
        deadline = time.monotonic() + DEADLINE
        while True:
            event = sub.next_data(max(0.1, deadline - time.monotonic()))["inboxEvents"]
            if event["type"] == "message.updated":
                break
    assert event["messageId"] == str(message.id) and event["changed"] == ["content"]
    assert event["mediaFile"] == message.content["media_file"]


# ---------------------------------------------------------------- GET /api/media/{provider media id}


def test_provider_media_id_is_served_to_its_tenant_only(server, inbox, rival, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.JPEG, "image/jpeg")
    _, message = whatsapp_media_message(server, inbox, media_id)
    got = inbox.admin.get(f"/api/media/{media_id}")
    assert got.status_code == 200 and got.content == samples.JPEG
    assert got.headers["content-type"] == "image/jpeg"
    assert got.headers["content-disposition"].startswith('inline; filename="')
    # Another tenant's message media, and ids nobody referenced: not found.
    for unknown in (media_id, new_media_id()):
        response = rival.admin.get(f"/api/media/{unknown}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "NOT_FOUND"
    assert inbox.admin.get(f"/api/media/{new_media_id()}").status_code == 404


def test_provider_media_id_not_fetched_yet_is_fetched_now_and_kept(server, inbox, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.PDF, "application/pdf")
    _, message = whatsapp_media_message(server, inbox, media_id, "document", filename="invoice.pdf")
    # As if the fetch job had not run yet: the item pending, no stored copy.
    ctx = inbox.ctx()
    db(server, scoped(ctx, MessageMedia).filter(message_id=message.id).update(status="pending", media_file_id=None))
    db(server, scoped(ctx, MediaFile).filter(source="whatsapp", source_key=media_id).delete())
    db(server, scoped(ctx, Message).filter(id=message.id).update(
        content={k: v for k, v in message.content.items() if k != "media_file"}))

    got = inbox.admin.get(f"/api/media/{media_id}")
    assert got.status_code == 200 and got.content == samples.PDF
    assert got.headers["content-disposition"] == "attachment; filename=\"invoice.pdf\"; filename*=UTF-8''invoice.pdf"
    assert len(files_with_key(server, ctx, "whatsapp", media_id)) == 1
    again = inbox.admin.get(f"/api/media/{media_id}")
    assert again.content == samples.PDF and fake_graph.media_fetches(media_id) == 2  # the job's, then ours: no more
    assert wait_settled(server, ctx, message.id).content["media_file"]["filename"] == "invoice.pdf"


def test_provider_media_that_could_not_be_kept_says_why(server, inbox, fake_graph):
    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.HTML, "text/html")
    whatsapp_media_message(server, inbox, media_id, "document")
    response = inbox.admin.get(f"/api/media/{media_id}")
    assert response.status_code == 415 and response.json()["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


# ---------------------------------------------------------------- Messenger / Instagram


@pytest.fixture(scope="module", params=["messenger", "instagram"])
def box(server, request) -> Iterator[messaging.Box]:
    made = messaging.new_box(server, request.param)
    yield made
    made.close()


def attachment_event(box: messaging.Box, user: str, attachments: list[dict[str, Any]], mid: str) -> dict[str, Any]:
    return {"sender": {"id": user}, "recipient": {"id": box.account_id}, "timestamp": int(time.time() * 1000),
            "message": {"mid": mid, "attachments": attachments}}


def test_messaging_attachments_are_downloaded_and_stored_once(server, box, fake_graph):
    names = [f"{uuid.uuid4().hex}.png", f"{uuid.uuid4().hex}.jpg"]
    urls = [fake_graph.add_cdn_file(names[0], samples.PNG, "image/png"),
            fake_graph.add_cdn_file(names[1], samples.JPEG, "image/jpeg")]
    mid = messaging.new_mid()
    payload = messaging.envelope(box, [attachment_event(box, messaging.new_id(), [
        {"type": "image", "payload": {"url": url}} for url in urls], mid)])
    messaging.deliver(server, box, payload)
    message = messaging.stored(server, box, mid)
    message = wait_settled(server, box.ctx(), message.id,
                           lambda c: all("media_file" in a for a in c.get("attachments", [])))
    stored = [a["media_file"] for a in message.content["attachments"]]
    assert [s["content_type"] for s in stored] == ["image/png", "image/jpeg"]
    assert message.content["media_file"] == stored[0]
    assert [box.admin.get(s["url"]).content for s in stored] == [samples.PNG, samples.JPEG]
    # Re-delivery: a duplicate at the door, nothing fetched again.
    assert messaging.post(box, messaging.encode(payload)).json() == {"status": "duplicate"}
    server.drain()
    assert [fake_graph.cdn_fetches(n) for n in names] == [1, 1]
    count = db(server, scoped(box.ctx(), MediaFile).filter(source=box.channel).count())
    assert count >= 2 and len({s["id"] for s in stored}) == 2


def test_unreachable_and_oversized_attachments_are_marked(server, box, fake_graph):
    big = f"{uuid.uuid4().hex}.mp4"
    limit = server.settings.media_max_bytes
    big_url = fake_graph.add_cdn_file(big, samples.MP4 + b"\x00" * (limit + 1 - len(samples.MP4)), "video/mp4")
    gone_url = fake_graph.add_cdn_file(f"{uuid.uuid4().hex}.png", b"", status=404)
    mid = messaging.new_mid()
    attachments = [{"type": "video", "payload": {"url": big_url}},
                   {"type": "image", "payload": {"url": "https://scontent.xx.fbcdn.net/v/t1/unreachable.png"}},
                   {"type": "image", "payload": {"url": gone_url}}]
    messaging.deliver(server, box, messaging.envelope(box, [attachment_event(box, messaging.new_id(), attachments,
                                                                              mid)]))
    message = messaging.stored(server, box, mid)
    message = wait_settled(server, box.ctx(), message.id,
                           lambda c: all("media_error" in a for a in c.get("attachments", [])))
    assert [a["media_error"]["code"] for a in message.content["attachments"]] == [
        "TOO_LARGE", "HOST_NOT_FOUND", "DOWNLOAD_REFUSED"]
    assert "media_file" not in message.content and message.type == "attachments"


# ---------------------------------------------------------------- email


def test_email_attachments_are_decoded_from_the_stored_webhook(server, fake_graph):
    from tests.email.test_email_channel import create_mailbox, customer, post_email, postmark, wait_message

    with httpx.Client(base_url=server.url, timeout=30) as http:
        owner = register(http, org="Mail media")
        mailbox = create_mailbox(owner)
        body, message_id = postmark(customer(), text="Invoice and photo attached")
        body["Attachments"] = [
            {"Name": "invoice.pdf", "Content": base64.b64encode(samples.PDF).decode(), "ContentType": "application/pdf",
             "ContentLength": len(samples.PDF)},
            {"Name": "run.exe", "Content": base64.b64encode(samples.EXE).decode(),
             "ContentType": "application/octet-stream", "ContentLength": len(samples.EXE)},
        ]
        assert post_email(http, mailbox["inbound_token"], body).status_code == 200
        row = wait_message(server, owner.tenant["id"], message_id)
        ctx = Ctx.system(uuid.UUID(owner.tenant["id"]))
        settled = wait_settled(server, ctx, row.id, lambda c: all(
            "media_file" in a or "media_error" in a for a in c.get("attachments", [])))
        pdf, exe = settled.content["attachments"]
        assert pdf["media_file"]["content_type"] == "application/pdf"
        assert exe["media_error"]["code"] == "REFUSED_TYPE"
        assert owner.get(pdf["media_file"]["url"]).content == samples.PDF
        # Re-delivery (the provider retries): still one stored file.
        assert post_email(http, mailbox["inbound_token"], body).json() == {"status": "duplicate"}
        server.drain()
        assert db(server, scoped(ctx, MediaFile).filter(source="email").count()) == 1


def test_sendgrid_multipart_files_are_stored(server):
    from tests.email.test_email_channel import create_mailbox, customer, post_email, wait_message

    with httpx.Client(base_url=server.url, timeout=30) as http:
        owner = register(http, org="Grid media")
        mailbox = create_mailbox(owner)
        message_id = f"<{uuid.uuid4().hex}@customer.example>"
        request = httpx.Request("POST", "http://x", data={
            "from": f"Carla <{customer()}>", "to": "support@shop.example", "subject": "photo",
            "text": "see photo", "headers": f"Message-ID: {message_id}\nSubject: photo\n",
            "attachment-info": json.dumps({"attachment1": {"filename": "photo.png", "type": "image/png"}}),
        }, files={"attachment1": ("photo.png", samples.PNG, "image/png")})
        raw = request.read()
        response = post_email(http, mailbox["inbound_token"], raw, request.headers["content-type"])
        assert response.status_code == 200, response.text
        row = wait_message(server, owner.tenant["id"], message_id)
        settled = wait_settled(server, Ctx.system(uuid.UUID(owner.tenant["id"])), row.id)
        ref = settled.content["media_file"]
        assert ref["content_type"] == "image/png" and ref["filename"] == "photo.png"
        assert hashlib.sha256(owner.get(ref["url"]).content).digest() == hashlib.sha256(samples.PNG).digest()


def test_the_sweep_fetches_what_a_lost_job_left_pending(server, inbox, fake_graph):
    from jobs.media import sweep_message_media

    media_id = new_media_id()
    fake_graph.add_media(media_id, samples.GIF, "image/gif")
    _, message = whatsapp_media_message(server, inbox, media_id)
    # As if the worker died before fetching, ten minutes ago.
    ctx = inbox.ctx()
    db(server, scoped(ctx, MediaFile).filter(source="whatsapp", source_key=media_id).delete())
    db(server, scoped(ctx, Message).filter(id=message.id).update(content={"media_id": media_id}))
    db(server, scoped(ctx, MessageMedia).filter(message_id=message.id).update(
        status="pending", media_file_id=None, created_at=datetime.now(UTC) - timedelta(minutes=10)))
    assert server.run(sweep_message_media({})) >= 1
    server.drain()
    assert wait_settled(server, ctx, message.id).content["media_file"]["content_type"] == "image/gif"


def test_media_unsent_right_away_leaves_nothing_pending_and_the_content_deleted(server, fake_graph):
    box = messaging.new_box(server, "messenger")
    try:
        url = fake_graph.add_cdn_file(f"{uuid.uuid4().hex}.png", samples.PNG, "image/png")
        user, mid = messaging.new_id(), messaging.new_mid()
        event = attachment_event(box, user, [{"type": "image", "payload": {"url": url}}], mid)
        unsend = {"sender": {"id": user}, "recipient": {"id": box.account_id}, "timestamp": int(time.time() * 1000),
                  "message": {"mid": mid, "is_deleted": True}}
        messaging.deliver(server, box, messaging.envelope(box, [event, unsend]))
        message = messaging.stored(server, box, mid)
        # The fetch may have raced the unsend (stored, or NO_CONTENT) or never started: either way
        # nothing stays pending and the customer's removal stands.
        deadline = time.monotonic() + DEADLINE
        while db(server, scoped(box.ctx(), MessageMedia).filter(message_id=message.id, status="pending").exists()):
            assert time.monotonic() < deadline, "media still pending"
            time.sleep(0.05)
        server.drain()
        message = messaging.stored(server, box, mid)
        assert message.content == {"deleted": True, "deleted_at": message.content["deleted_at"]}
    finally:
        box.close()
