"""The email channel end to end over real HTTP and real SMTP: an email account (inbound token
shown once), inbound Postmark / SendGrid posts to /api/webhooks/email, threading by
In-Reply-To/References, and replies delivered to a local aiosmtpd server with the thread's headers."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Iterator
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import httpx
import pytest

from models.messages import Message
from models.webhooks import InboundWebhook
from tests.support.api import Actor, register
from tests.support.inbox_rest import db
from tests.support.smtp import SmtpSink

PATH = "/api/webhooks/email"
DEADLINE = 15.0


@pytest.fixture(scope="module")
def sink() -> Iterator[SmtpSink]:
    with SmtpSink() as s:
        yield s


@pytest.fixture(scope="module")
def http(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def owner(http: httpx.Client) -> Actor:
    return register(http, org="Mailco")


def create_mailbox(actor: Actor, smtp_url: str | None = None, address: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"channel": "email", "name": "Support",
                            "address": address or f"Support-{uuid.uuid4().hex[:8]}@Shop.example"}
    if smtp_url:
        body["smtp_url"] = smtp_url
    response = actor.post("/api/integration-accounts", json=body)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope="module")
def mailbox(owner: Actor, sink: SmtpSink) -> dict[str, Any]:
    return create_mailbox(owner, sink.url)


def postmark(sender: str, *, name: str = "Carla Customer", subject: str = "Order 42", text: str | None = "Where is it?",
             html: str | None = None, message_id: str | None = None, in_reply_to: str | None = None,
             references: str | None = None) -> tuple[dict[str, Any], str]:
    message_id = message_id or make_msgid(domain="customer.example")
    headers = [{"Name": "Message-ID", "Value": message_id}]
    if in_reply_to:
        headers.append({"Name": "In-Reply-To", "Value": in_reply_to})
    if references:
        headers.append({"Name": "References", "Value": references})
    body = {"From": f'"{name}" <{sender}>', "FromName": name, "FromFull": {"Email": sender, "Name": name},
            "To": "support@shop.example", "Subject": subject, "MessageID": str(uuid.uuid4()),
            "TextBody": text, "HtmlBody": html, "Headers": headers,
            "Attachments": []}
    return body, message_id


def post_email(http: httpx.Client, token: str | None, body: bytes | dict[str, Any],
               content_type: str = "application/json") -> httpx.Response:
    raw = json.dumps(body).encode() if isinstance(body, dict) else body
    params = {"token": token} if token is not None else {}
    return http.post(PATH, params=params, content=raw, headers={"Content-Type": content_type})


def wait_message(server: Any, tenant_id: str, provider_message_id: str) -> Message:
    deadline = time.monotonic() + DEADLINE
    while True:
        row = db(server, Message.filter(tenant_id=tenant_id, provider_message_id=provider_message_id).first())
        if row is not None:
            return row
        if time.monotonic() > deadline:
            raise AssertionError(f"message {provider_message_id} not stored within {DEADLINE} s")
        time.sleep(0.02)


def wait_status(actor: Actor, conversation_id: Any, message_id: str, status: str) -> dict[str, Any]:
    deadline = time.monotonic() + DEADLINE
    while True:
        items = actor.get(f"/api/conversations/{conversation_id}/messages").json()
        found = next(m for m in items if m["id"] == message_id)
        if found["status"] == status:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"message {message_id} is {found['status']}, not {status}: {found['error']}")
        time.sleep(0.05)


def customer(prefix: str = "carla") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:8]}@Customer.example"


# ---------------------------------------------------------------- the account


def test_created_mailbox_shows_its_inbound_token_once(owner: Actor, mailbox: dict[str, Any]) -> None:
    assert mailbox["channel"] == "email"
    assert mailbox["address"] == mailbox["address"].lower()
    assert mailbox["inbound_token"] and len(mailbox["inbound_token"]) > 40
    assert mailbox["smtp_url"].startswith("••••") and "127.0.0.1" not in mailbox["smtp_url"]
    assert mailbox["has_smtp_url"] is True
    again = owner.get(f"/api/integration-accounts/{mailbox['id']}").json()
    assert again["inbound_token"] is None
    listed = owner.get("/api/integration-accounts", params={"channel": "email"}).json()
    assert all(a["inbound_token"] is None for a in listed)
    assert mailbox["inbound_token"] not in json.dumps(listed)


def test_mailbox_input_is_validated(owner: Actor) -> None:
    bad = owner.post("/api/integration-accounts", json={"channel": "email", "name": "x", "address": "not-an-address"})
    assert bad.status_code == 422, bad.text
    bad = owner.post("/api/integration-accounts", json={"channel": "email", "name": "x", "address": "a@b.example",
                                                        "smtp_url": "http://mail.example"})
    assert bad.status_code == 422, bad.text


def test_same_address_cannot_be_connected_twice(owner: Actor, other_admin: Actor, mailbox: dict[str, Any]) -> None:
    again = other_admin.post("/api/integration-accounts", json={"channel": "email", "name": "x",
                                                                "address": mailbox["address"].upper()})
    assert again.status_code == 409, again.text


# ---------------------------------------------------------------- inbound


def test_missing_or_bad_token_is_401_and_stores_nothing(server: Any, http: httpx.Client,
                                                        mailbox: dict[str, Any]) -> None:
    body, _ = postmark(customer())
    before = db(server, InboundWebhook.filter(provider="email").count())
    token = mailbox["inbound_token"]
    account_hex, _, secret = token.partition(".")
    for bad in (None, "", "nonsense", f"{account_hex}.{secret[:-2]}xx", f"{uuid.uuid4().hex}.{secret}", account_hex):
        response = post_email(http, bad, body)
        assert response.status_code == 401, (bad, response.text)
        assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    assert db(server, InboundWebhook.filter(provider="email").count()) == before


def test_a_body_that_is_no_email_is_400(http: httpx.Client, mailbox: dict[str, Any]) -> None:
    token = mailbox["inbound_token"]
    assert post_email(http, token, b"{not json").status_code == 400
    assert post_email(http, token, {"Subject": "no sender"}).status_code == 400
    assert post_email(http, token, b"hello", content_type="text/plain").status_code == 400


def test_inbound_email_becomes_a_conversation_with_a_safe_text(server: Any, http: httpx.Client, owner: Actor,
                                                               mailbox: dict[str, Any]) -> None:
    sender = customer()
    markup = '<p>Hello <b>team</b></p><script>alert("x")</script><style>p{}</style><p>Order &amp; invoice</p>'
    body, message_id = postmark(sender, text=None, html=markup, name="Carla Customer")
    response = post_email(http, mailbox["inbound_token"], body)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "received"}
    row = wait_message(server, owner.tenant["id"], message_id)
    conversation = owner.get(f"/api/conversations/{row.conversation_id}").json()
    assert conversation["contact_channel"] == "email"
    contact = owner.get(f"/api/contacts/{conversation['contact_id']}").json()
    assert contact["external_id"] == sender.lower()
    assert contact["name"] == "Carla Customer"
    message = owner.get(f"/api/conversations/{row.conversation_id}/messages").json()[0]
    assert message["direction"] == "inbound"
    assert "alert" not in message["text"] and "<" not in message["text"]
    assert "Hello team" in message["text"] and "Order & invoice" in message["text"]
    assert message["content"]["html"] == markup  # kept as received; clients render it sandboxed
    assert message["content"]["email"]["subject"] == "Order 42"


def test_provider_text_body_is_preferred_over_the_html(server: Any, http: httpx.Client, owner: Actor,
                                                       mailbox: dict[str, Any]) -> None:
    body, message_id = postmark(customer(), text="Plain words", html="<p>Other words</p>")
    assert post_email(http, mailbox["inbound_token"], body).status_code == 200
    assert wait_message(server, owner.tenant["id"], message_id).text == "Plain words"


def test_redelivery_is_stored_and_applied_once(server: Any, http: httpx.Client, owner: Actor,
                                               mailbox: dict[str, Any]) -> None:
    body, message_id = postmark(customer(), text="Once only")
    token = mailbox["inbound_token"]
    assert post_email(http, token, body).json() == {"status": "received"}
    wait_message(server, owner.tenant["id"], message_id)
    body["MessageID"] = str(uuid.uuid4())  # a re-delivery may differ in provider details
    again = post_email(http, token, body)
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    server.drain()
    assert db(server, Message.filter(tenant_id=owner.tenant["id"], provider_message_id=message_id).count()) == 1
    key = "email:" + hashlib.sha256(f"{mailbox['id']}:{message_id}".encode()).hexdigest()
    assert db(server, InboundWebhook.filter(dedupe_key=key).count()) == 1


def test_the_same_email_reaches_two_tenants_separately(server: Any, http: httpx.Client, owner: Actor,
                                                       mailbox: dict[str, Any], other_admin: Actor) -> None:
    other = create_mailbox(other_admin)
    body, message_id = postmark(customer(), text="To both of you")
    assert post_email(http, mailbox["inbound_token"], body).json()["status"] == "received"
    assert post_email(http, other["inbound_token"], body).json()["status"] == "received"
    mine = wait_message(server, owner.tenant["id"], message_id)
    theirs = wait_message(server, other_admin.tenant["id"], message_id)
    assert mine.conversation_id != theirs.conversation_id
    # Neither tenant sees the other's conversation.
    assert other_admin.get(f"/api/conversations/{mine.conversation_id}").status_code == 404
    assert owner.get(f"/api/conversations/{theirs.conversation_id}").status_code == 404


# ---------------------------------------------------------------- shared fixtures


def _fixture(shared_dir: Path, name: str) -> Path:
    path = shared_dir / "fixtures" / "email" / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


def test_postmark_fixture_is_accepted(server: Any, http: httpx.Client, shared_dir: Path, owner: Actor,
                                      mailbox: dict[str, Any]) -> None:
    raw = _fixture(shared_dir, "postmark_inbound.json").read_bytes()
    response = post_email(http, mailbox["inbound_token"], raw)
    assert response.status_code == 200, response.text
    row = wait_message(server, owner.tenant["id"], "<test-message-id@mail.example.com>")
    message = owner.get(f"/api/conversations/{row.conversation_id}/messages").json()[0]
    assert message["text"] == "[ASCII]"
    assert message["content"]["email"]["from"] == "john@example.com"
    assert [a["filename"] for a in message["content"]["attachments"]] == ["myimage.png", "test.txt"]
    contact_id = owner.get(f"/api/conversations/{row.conversation_id}").json()["contact_id"]
    assert owner.get(f"/api/contacts/{contact_id}").json()["name"] == "John Doe"


@pytest.mark.parametrize("name, text, attachments", [
    ("sendgrid_inbound_parse_default.json", "Hello Twilio SendGrid!", []),
    ("sendgrid_inbound_parse_raw_with_attachment.json", "Hello Twilio SendGrid!", ["SendGrid.jpg"]),
])
def test_sendgrid_fixtures_are_accepted(server: Any, http: httpx.Client, shared_dir: Path, name: str, text: str,
                                        attachments: list[str]) -> None:
    fixture = json.loads(_fixture(shared_dir, name).read_text())
    actor = register(http, org="Gridco")  # both fixtures come from the same sender: a tenant each
    account = create_mailbox(actor)
    response = post_email(http, account["inbound_token"], fixture["raw_body"].encode(), fixture["content_type"])
    assert response.status_code == 200, response.text
    deadline = time.monotonic() + DEADLINE
    while not (rows := db(server, Message.filter(tenant_id=actor.tenant["id"]).all())):
        assert time.monotonic() < deadline, "the SendGrid email was not applied"
        time.sleep(0.02)
    assert rows[0].text == text
    assert [a["filename"] for a in rows[0].content.get("attachments", [])] == attachments
    assert rows[0].content["email"]["from"] == "test@example.com"


# ---------------------------------------------------------------- threading and replies


def test_reply_goes_out_over_smtp_with_threading_headers(server: Any, http: httpx.Client, owner: Actor,
                                                         mailbox: dict[str, Any], sink: SmtpSink) -> None:
    sender = customer()
    body, first_id = postmark(sender, subject="Broken zipper", text="The zipper broke")
    assert post_email(http, mailbox["inbound_token"], body).status_code == 200
    conversation_id = wait_message(server, owner.tenant["id"], first_id).conversation_id

    sent = owner.post(f"/api/conversations/{conversation_id}/messages", json={"text": "Sorry! A new one is on its way."})
    assert sent.status_code == 201, sent.text
    reply = sink.wait_for(lambda m: m["To"] == sender.lower())
    assert reply["Subject"] == "Re: Broken zipper"
    assert reply["In-Reply-To"] == first_id
    assert first_id in reply["References"].split()
    assert reply["From"].addresses[0].addr_spec == mailbox["address"]
    assert "A new one is on its way." in reply.get_content()
    stored = wait_status(owner, conversation_id, sent.json()["id"], "sent")
    assert stored["provider_message_id"] == reply["Message-ID"]

    # The customer answers our reply: threaded by In-Reply-To into the same conversation.
    answer, answer_id = postmark(sender, subject="Re: Broken zipper", text="Thanks!", in_reply_to=reply["Message-ID"],
                                 references=f"{first_id} {reply['Message-ID']}")
    assert post_email(http, mailbox["inbound_token"], answer).status_code == 200
    assert wait_message(server, owner.tenant["id"], answer_id).conversation_id == conversation_id

    # The second reply references the whole thread and keeps one subject line.
    second = owner.post(f"/api/conversations/{conversation_id}/messages", json={"text": "Enjoy"})
    assert second.status_code == 201
    follow_up = sink.wait_for(lambda m: m["To"] == sender.lower() and "Enjoy" in m.get_content())
    assert follow_up["Subject"] == "Re: Broken zipper"
    assert follow_up["In-Reply-To"] == answer_id
    assert follow_up["References"].split()[-3:] == [first_id, reply["Message-ID"], answer_id]


def test_references_pick_the_right_one_of_two_open_conversations(server: Any, http: httpx.Client, owner: Actor,
                                                                 mailbox: dict[str, Any]) -> None:
    sender = customer()
    token = mailbox["inbound_token"]
    body, first_id = postmark(sender, subject="First topic")
    assert post_email(http, token, body).status_code == 200
    first = wait_message(server, owner.tenant["id"], first_id).conversation_id
    assert owner.patch(f"/api/conversations/{first}/status", json={"status": "resolved"}).status_code == 200
    body, second_id = postmark(sender, subject="Second topic")
    assert post_email(http, token, body).status_code == 200
    second = wait_message(server, owner.tenant["id"], second_id).conversation_id
    assert second != first
    assert owner.patch(f"/api/conversations/{first}/status", json={"status": "open"}).status_code == 200
    # Both open; the second is the newer one, yet a reply within the first thread belongs there.
    body, answer_id = postmark(sender, subject="Re: First topic", in_reply_to=first_id, references=first_id)
    assert post_email(http, token, body).status_code == 200
    assert wait_message(server, owner.tenant["id"], answer_id).conversation_id == first
    # Without threading headers: the most recent open conversation, as on every channel.
    body, plain_id = postmark(sender, subject="Another thing")
    assert post_email(http, token, body).status_code == 200
    assert wait_message(server, owner.tenant["id"], plain_id).conversation_id == first


def test_reply_fails_cleanly_when_no_smtp_server_is_configured(server: Any, http: httpx.Client) -> None:
    actor = register(http, org="NoSmtp")
    account = create_mailbox(actor)  # no smtp_url, and the test server has no SMTP_URL
    body, message_id = postmark(customer())
    assert post_email(http, account["inbound_token"], body).status_code == 200
    conversation_id = wait_message(server, actor.tenant["id"], message_id).conversation_id
    sent = actor.post(f"/api/conversations/{conversation_id}/messages", json={"text": "Hello?"})
    assert sent.status_code == 201, sent.text
    failed = wait_status(actor, conversation_id, sent.json()["id"], "failed")
    assert "SMTP" in failed["error"]["message"]


def test_attachment_bytes_stay_out_of_the_message(server: Any, http: httpx.Client, owner: Actor,
                                                  mailbox: dict[str, Any]) -> None:
    body, message_id = postmark(customer(), text="See attached")
    body["Attachments"] = [{"Name": "note.txt", "Content": "aGVsbG8=", "ContentType": "text/plain", "ContentLength": 5}]
    assert post_email(http, mailbox["inbound_token"], body).status_code == 200
    row = wait_message(server, owner.tenant["id"], message_id)
    # (the media job may already have added its media_file: tests/media/test_inbound_media.py)
    assert [{k: v for k, v in a.items() if k != "media_file"} for a in row.content["attachments"]] == [
        {"filename": "note.txt", "content_type": "text/plain", "size": 5, "content_id": None}]


def test_graphql_creates_an_email_account_with_its_token_once(owner: Actor) -> None:
    fields = "id channel address smtpUrl hasSmtpUrl inboundToken"
    created = owner.gql(
        f"mutation($input: IntegrationAccountCreateInput!) {{ createIntegrationAccount(input: $input) {{ {fields} }} }}",
        {"input": {"channel": "email", "name": "Sales", "address": f"Sales-{uuid.uuid4().hex[:6]}@Shop.example"}},
    )
    assert "errors" not in created, created
    account = created["data"]["createIntegrationAccount"]
    assert account["channel"] == "email" and account["address"] == account["address"].lower()
    assert account["inboundToken"] and account["hasSmtpUrl"] is False and account["smtpUrl"] is None
    again = owner.gql(f"query($id: UUID!) {{ integrationAccount(id: $id) {{ {fields} }} }}", {"id": account["id"]})
    assert again["data"]["integrationAccount"]["inboundToken"] is None


def test_smtp_url_setting_is_validated(tmp_path: Path) -> None:
    from omnistream.settings import SettingsError, load_settings

    env = {"DATA_DIR": str(tmp_path), "SMTP_URL": "smtps://user:pw@mail.example:465"}
    assert load_settings(env).smtp_url == "smtps://user:pw@mail.example:465"
    assert "pw@" not in repr(load_settings(env))
    with pytest.raises(SettingsError, match="SMTP_URL"):
        load_settings({**env, "SMTP_URL": "http://mail.example"})
