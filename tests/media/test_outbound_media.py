"""Outbound media messages naming an uploaded file (`media.media_id` = our MediaFile id): the send
job hands the bytes to the channel - WhatsApp's media upload then the send, Messenger's Send API
with multipart `filedata`, an SMTP attachment - and the fakes see the very bytes. An unknown id,
or another tenant's, is one 422, and nothing is queued."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from models.messages import Message
from resolvers._scope import scoped
from tests.media import samples
from tests.media.test_rest import uploaded
from tests.messenger import support as messaging
from tests.support.api import Actor, register
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import customer_writes, db, inbox_fixture, wait_message
from tests.support.smtp import SmtpSink

inbox = inbox_fixture("Outbound media")


@pytest.fixture(scope="module")
def conversation(server, inbox) -> dict[str, Any]:
    return customer_writes(server, inbox, new_wa_id(), "send me the photo")


def send(actor: Actor, conversation_id: str, body: dict[str, Any]) -> httpx.Response:
    return actor.post(f"/api/conversations/{conversation_id}/messages", json=body)


def sent(server: Any, actor: Actor, conversation_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = send(actor, conversation_id, body)
    assert response.status_code == 201, response.text
    server.drain()
    done = wait_message(actor, conversation_id, response.json()["id"], lambda m: m["status"] != "queued")
    assert done["status"] == "sent", done["error"]
    return done


def test_whatsapp_uploads_the_bytes_then_sends_the_media_id(server, inbox, conversation, fake_graph):
    file = uploaded(inbox.admin, samples.PNG, "photo.png", "image/png")
    message = sent(server, inbox.admin, conversation["id"],
                   {"type": "image", "media": {"media_id": file["id"], "caption": "here it is"}})
    assert message["media_file"] == {k: file[k] for k in ("id", "filename", "content_type", "size", "url")}

    upload = next(r for r in fake_graph.uploads if r["path"].endswith(f"/{inbox.phone_number_id}/media")
                  and r["files"]["file"]["data"] == samples.PNG)
    assert upload["form"] == {"messaging_product": "whatsapp", "type": "image/png"}
    assert upload["headers"]["authorization"] == f"Bearer {inbox.access_token}"
    body = next(r["json"] for r in inbox.sends(fake_graph)
                if (r["json"] or {}).get("image", {}).get("id") == upload["answered_id"])
    assert body["image"] == {"id": upload["answered_id"], "caption": "here it is"}


def test_a_document_goes_out_with_its_file_name(server, inbox, conversation, fake_graph):
    file = uploaded(inbox.admin, samples.PDF, "invoice 42.pdf", "application/pdf")
    sent(server, inbox.admin, conversation["id"], {"type": "document", "media": {"media_id": file["id"]}})
    upload = next(r for r in fake_graph.uploads if r["files"].get("file", {}).get("filename") == "invoice 42.pdf")
    body = next(r["json"] for r in inbox.sends(fake_graph)
                if (r["json"] or {}).get("document", {}).get("id") == upload["answered_id"])
    assert body["document"]["filename"] == "invoice 42.pdf"


def test_unknown_foreign_or_unfitting_files_are_422_and_nothing_is_queued(server, inbox, conversation, other_admin):
    foreign = uploaded(other_admin, samples.PNG, "theirs.png", "image/png")
    pdf = uploaded(inbox.admin, samples.PDF, "doc.pdf", "application/pdf")
    before = db(server, scoped(inbox.ctx(), Message).filter(conversation_id=conversation["id"]).count())
    unknown = send(inbox.admin, conversation["id"], {"type": "image", "media": {"media_id": str(uuid.uuid4())}})
    theirs = send(inbox.admin, conversation["id"], {"type": "image", "media": {"media_id": foreign["id"]}})
    assert unknown.status_code == theirs.status_code == 422
    same = ("code", "message", "details")  # another tenant's file is just unknown
    assert [unknown.json()["error"][k] for k in same] == [theirs.json()["error"][k] for k in same]
    assert unknown.json()["error"]["details"][0]["field"] == "media.media_id"
    unfitting = send(inbox.admin, conversation["id"], {"type": "image", "media": {"media_id": pdf["id"]}})
    assert unfitting.status_code == 422 and "application/pdf" in unfitting.json()["error"]["message"]
    after = db(server, scoped(inbox.ctx(), Message).filter(conversation_id=conversation["id"]).count())
    assert after == before


def test_a_provider_media_id_still_means_the_providers(server, inbox, conversation, fake_graph):
    sent(server, inbox.admin, conversation["id"], {"type": "image", "media": {"media_id": "1234567890"}})
    assert any((r["json"] or {}).get("image") == {"id": "1234567890"} for r in inbox.sends(fake_graph))


def test_messenger_sends_the_file_as_filedata(server, fake_graph):
    box = messaging.new_box(server, "messenger")
    try:
        user = messaging.new_id()
        conversation = messaging.customer_writes(server, box, user, "the manual please")
        file = uploaded(box.admin, samples.PDF, "manual.pdf", "application/pdf")
        message = sent(server, box.admin, conversation["id"], {"type": "document", "media": {"media_id": file["id"]}})
        request = next(r for r in fake_graph.uploads if r["path"].endswith(f"/{box.account_id}/messages"))
        assert request["files"]["filedata"] == {"filename": "manual.pdf", "content_type": "application/pdf",
                                                "data": samples.PDF}
        assert request["form"]["recipient"] == f'{{"id":"{user}"}}'
        assert request["form"]["messaging_type"] == "RESPONSE"
        assert '"type":"file"' in request["form"]["message"]
        assert message["provider_message_id"] in fake_graph.sent_wamids
    finally:
        box.close()


def test_email_attaches_the_file(server):
    from tests.email.test_email_channel import create_mailbox, customer, post_email, postmark
    from tests.email.test_email_channel import wait_message as wait_email

    with SmtpSink() as sink, httpx.Client(base_url=server.url, timeout=30) as http:
        owner = register(http, org="Mail out media")
        mailbox = create_mailbox(owner, sink.url)
        address = customer()
        body, message_id = postmark(address, text="Please send the form")
        assert post_email(http, mailbox["inbound_token"], body).status_code == 200
        conversation_id = str(wait_email(server, owner.tenant["id"], message_id).conversation_id)
        file = uploaded(owner, samples.PDF, "form.pdf", "application/pdf")
        sent(server, owner, conversation_id, {"type": "document", "media": {"media_id": file["id"],
                                                                            "caption": "Here it is"}})
        mail = sink.wait_for(lambda m: address.lower() in str(m["To"]).lower())
        attachments = list(mail.iter_attachments())
        assert [(a.get_filename(), a.get_content_type(), a.get_content()) for a in attachments] == [
            ("form.pdf", "application/pdf", samples.PDF)]
        assert "Here it is" in mail.get_body(("plain",)).get_content()
