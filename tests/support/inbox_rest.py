"""More inbox helpers over real HTTP, on top of tests.support.inbox: a tenant with its own
WhatsApp number (and the access token it was given, which the API only returns masked),
customer messages delivered as signed webhooks and waited on through their stored row (not by
polling the API), and what the fake Graph API received for one number.

    inbox = new_inbox(server)                      # admin + WhatsApp account, own httpx client
    conversation = customer_writes(server, inbox, new_wa_id(), "Hi")
    sent = inbox.sends(fake_graph)                 # POST {pnid}/messages calls for this number
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx
import pytest

from models.conversations import Conversation
from models.messages import Message
from models.webhooks import InboundWebhook
from resolvers._context import Ctx
from resolvers._scope import scoped
from tests.conftest import META_APP_SECRET
from tests.support.api import Actor, register
from tests.support.inbox import WEBHOOK_PATH, make_whatsapp_account, new_wa_id, new_wamid, sign

DEADLINE = 15.0


@dataclass
class Inbox:
    """A fresh tenant: its admin, its WhatsApp account, and that account's real access token."""

    admin: Actor
    account: dict[str, Any]
    access_token: str
    clients: list[httpx.Client] = field(default_factory=list)

    @property
    def phone_number_id(self) -> str:
        return self.account["phone_number_id"]

    @property
    def tenant_id(self) -> UUID:
        return UUID(self.admin.tenant["id"])

    def ctx(self) -> Ctx:
        return Ctx.system(self.tenant_id)

    def sends(self, fake_graph: Any) -> list[dict[str, Any]]:
        """Every send the fake Graph API received for this number (the fake is session-wide)."""
        return [r for r in fake_graph.sent_messages if r["path"].endswith(f"/{self.phone_number_id}/messages")]

    def close(self) -> None:
        for client in self.clients:
            client.close()


def new_inbox(server: Any, org: str = "Inbox") -> Inbox:
    client = httpx.Client(base_url=server.url, timeout=30)
    admin = register(client, org=org)
    token = f"EAAG{uuid.uuid4().hex}{uuid.uuid4().hex}"
    account = make_whatsapp_account(admin, access_token=token)
    return Inbox(admin, account, token, [client])


def db(server: Any, query: Awaitable[Any]) -> Any:
    """Await a Tortoise query (an awaitable, not a coroutine) on the server's loop."""

    async def run() -> Any:
        return await query

    return server.run(run())


# ---------------------------------------------------------------- webhook bodies


def encode(payload: dict[str, Any]) -> bytes:
    """The bytes Meta would send: JSON with non-ASCII escaped as \\uXXXX (json's default)."""
    return json.dumps(payload).encode("ascii")


def text_item(wa_id: str, text: str, *, wamid: str | None = None, timestamp: float | None = None,
              **extra: Any) -> dict[str, Any]:
    """One `messages[]` item of type text."""
    stamp = str(int(time.time() if timestamp is None else timestamp))
    return {"from": wa_id, "id": wamid or new_wamid(), "timestamp": stamp, "type": "text",
            "text": {"body": text}, **extra}


def messages_body(phone_number_id: str, messages: list[dict[str, Any]] | None = None, *,
                  statuses: list[dict[str, Any]] | None = None, names: dict[str, str] | None = None,
                  entry_id: str = "102290129340398") -> dict[str, Any]:
    """A WhatsApp `messages` webhook (the fixtures' shape) routed to `phone_number_id`."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550100200", "phone_number_id": phone_number_id},
    }
    senders = list(dict.fromkeys(m["from"] for m in messages or []))
    if senders:
        value["contacts"] = [{"profile": {"name": (names or {}).get(w, "Test Customer")}, "wa_id": w}
                             for w in senders]
    if messages:
        value["messages"] = messages
    if statuses:
        value["statuses"] = statuses
    return {"object": "whatsapp_business_account",
            "entry": [{"id": entry_id, "changes": [{"field": "messages", "value": value}]}]}


def status_item(wamid: str, status: str, *, timestamp: float | None = None, recipient: str = "16505551234",
                errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": wamid, "status": status, "timestamp": str(int(timestamp or time.time())),
                            "recipient_id": recipient}
    if errors:
        item["errors"] = errors
    return item


# ---------------------------------------------------------------- delivering


def post_raw(client: httpx.Client, raw: bytes, signature: str | None = "valid",
             secret: str = META_APP_SECRET) -> httpx.Response:
    """POST raw bytes to the Meta webhook; signature "valid" signs them, None sends no header."""
    headers = {"Content-Type": "application/json"}
    if signature == "valid":
        headers["X-Hub-Signature-256"] = sign(raw, secret)
    elif signature is not None:
        headers["X-Hub-Signature-256"] = signature
    return client.post(WEBHOOK_PATH, content=raw, headers=headers)


def stored_webhook(server: Any, raw: bytes) -> InboundWebhook | None:
    return db(server, InboundWebhook.filter(body=raw.decode("utf-8")).first())


def webhooks_count(server: Any) -> int:
    return db(server, InboundWebhook.all().count())


def wait_processed(server: Any, raw: bytes, timeout: float = DEADLINE) -> InboundWebhook:
    """Wait (bounded) until the stored webhook with these bytes has been processed. Polls the row
    rather than draining the queue (the events it caused may still be dispatching), and keeps
    waiting through a recorded error: a job that lost a race (IntegrityError) is retried."""
    deadline = time.monotonic() + timeout
    while True:
        row = stored_webhook(server, raw)
        if row is not None and row.processed_at is not None:
            return row
        if time.monotonic() > deadline:
            raise AssertionError(f"webhook not processed within {timeout} s: {row and (row.attempts, row.error)}")
        time.sleep(0.02)


def deliver(server: Any, client: httpx.Client, payload: dict[str, Any] | bytes,
            secret: str = META_APP_SECRET) -> InboundWebhook:
    """Post a signed webhook, expect it accepted, wait until it is applied without error."""
    raw = payload if isinstance(payload, bytes) else encode(payload)
    response = post_raw(client, raw, secret=secret)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "received"}, response.text
    row = wait_processed(server, raw)
    assert row.processed_at is not None and row.error is None, row.error
    return row


def stored_message(server: Any, inbox: Inbox, wamid: str) -> Message | None:
    return db(server, scoped(inbox.ctx(), Message).filter(provider_message_id=wamid).first())


def customer_writes(server: Any, inbox: Inbox, wa_id: str, text: str, *, timestamp: float | None = None,
                    wamid: str | None = None, name: str = "Test Customer") -> dict[str, Any]:
    """A customer writes to the inbox's number; returns the conversation it landed in (REST)."""
    wamid = wamid or new_wamid()
    item = text_item(wa_id, text, wamid=wamid, timestamp=timestamp)
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, [item], names={wa_id: name}))
    message = stored_message(server, inbox, wamid)
    assert message is not None, f"message {wamid} was not stored"
    response = inbox.admin.get(f"/api/conversations/{message.conversation_id}")
    assert response.status_code == 200, response.text
    return response.json()


def new_conversations(server: Any, inbox: Inbox, texts: list[str], *,
                      timestamps: list[float] | None = None) -> list[dict[str, Any]]:
    """One new customer per text, all in one batched webhook (as Meta batches them); returns
    their conversations (REST), in the order of `texts`."""
    now = time.time()
    stamps = timestamps or [now] * len(texts)
    items = [text_item(new_wa_id(), text, timestamp=stamp) for text, stamp in zip(texts, stamps, strict=True)]
    deliver(server, inbox.admin.client, messages_body(inbox.phone_number_id, items))
    conversations = []
    for item in items:
        message = stored_message(server, inbox, item["id"])
        assert message is not None, f"message {item['id']} was not stored"
        response = inbox.admin.get(f"/api/conversations/{message.conversation_id}")
        assert response.status_code == 200, response.text
        conversations.append(response.json())
    return conversations


# ---------------------------------------------------------------- database arrangements


def set_conversation(server: Any, inbox: Inbox, conversation_id: str, **values: Any) -> None:
    """Arrange conversation state the API cannot (e.g. an old last_message_at)."""
    updated = db(server, scoped(inbox.ctx(), Conversation).filter(id=conversation_id).update(**values))
    assert updated == 1


def iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# ---------------------------------------------------------------- waiting on the API


def messages_of(actor: Actor, conversation_id: str) -> list[dict[str, Any]]:
    response = actor.get(f"/api/conversations/{conversation_id}/messages", params={"per_page": 100})
    assert response.status_code == 200, response.text
    return response.json()


def wait_message(actor: Actor, conversation_id: str, message_id: str, until: Callable[[dict[str, Any]], bool],
                 timeout: float = DEADLINE) -> dict[str, Any]:
    """Poll the conversation's messages (bounded) until the message satisfies `until`."""
    deadline = time.monotonic() + timeout
    while True:
        found = next((m for m in messages_of(actor, conversation_id) if m["id"] == message_id), None)
        if found is not None and until(found):
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"message {message_id} never satisfied the condition: {found}")
        time.sleep(0.03)


def send_text(actor: Actor, conversation_id: str, text: str) -> dict[str, Any]:
    response = actor.post(f"/api/conversations/{conversation_id}/messages", json={"type": "text", "text": text})
    assert response.status_code == 201, response.text
    return response.json()


def sent_message(server: Any, actor: Actor, conversation_id: str, text: str) -> dict[str, Any]:
    """Send a text and wait until the job has marked it sent (so it has its wamid)."""
    message = send_text(actor, conversation_id, text)
    server.drain()
    return wait_message(actor, conversation_id, message["id"], lambda m: m["status"] != "queued")


def inbox_fixture(org: str, scope: str = "module") -> Any:
    """A pytest fixture of a fresh organization with a WhatsApp inbox (closed afterwards):
    `inbox = inbox_fixture("Org name")` in a test module or conftest."""

    @pytest.fixture(scope=scope)
    def fixture(server: Any) -> Any:
        box = new_inbox(server, org=org)
        yield box
        box.close()

    return fixture
