"""Inbox data over real HTTP, the way production gets it: a WhatsApp integration account made
through REST, then customer messages as signed Meta webhooks (POST /api/webhooks/meta), applied
by the server's job runner.

    account = make_whatsapp_account(admin)
    conversation = inbound_message(admin, account, wa_id="15550001111", text="Hi")
    # conversation is the REST conversation object (GET /api/conversations/{id})

`inbound_message` waits (bounded) until the job runner has applied the webhook; passing
`server=` (the fixture) drains the job queue first, which is quicker than polling.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from typing import Any

import httpx
import orjson

from tests.conftest import META_APP_SECRET

WEBHOOK_PATH = "/api/webhooks/meta"


def new_wa_id() -> str:
    """A customer phone number in WhatsApp's wa_id form (digits only, no '+'), unique per call."""
    return "1555" + str(uuid.uuid4().int)[:9]


def new_wamid() -> str:
    return f"wamid.TEST{uuid.uuid4().hex.upper()}"


def make_whatsapp_account(admin: Any, **overrides: Any) -> dict[str, Any]:
    """Create a WhatsApp integration account for the admin's tenant (REST, 201) and return it.
    The first account of a channel becomes its default. `phone_number_id` is unique across
    tenants, so every call gets a fresh one unless overridden."""
    number = str(uuid.uuid4().int)[:15]
    body = {
        "channel": "whatsapp", "name": "Support line", "phone_number_id": number, "waba_id": f"1{number}",
        "display_phone_number": "+1 555 010 0200", "access_token": f"EAAG{uuid.uuid4().hex}{uuid.uuid4().hex}",
    }
    body.update(overrides)
    response = admin.post("/api/integration-accounts", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def whatsapp_text_payload(phone_number_id: str, wa_id: str, text: str, wamid: str | None = None,
                          timestamp: int | None = None, profile_name: str = "Test Customer") -> dict[str, Any]:
    """A WhatsApp Cloud API `messages` webhook with one text message (the shape of
    shared/fixtures/whatsapp/text.json) routed to `phone_number_id`. `timestamp` defaults to now
    (the message time is the provider's, and a conversation's 24-hour window counts from it)."""
    stamp = str(int(timestamp if timestamp is not None else time.time()))
    return {
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "1234567890987654321",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550100200", "phone_number_id": phone_number_id},
                    "contacts": [{"profile": {"name": profile_name}, "wa_id": wa_id}],
                    "messages": [{"from": wa_id, "id": wamid or new_wamid(), "timestamp": stamp,
                                  "text": {"body": text}, "type": "text"}],
                },
            }],
        }],
    }


def sign(raw: bytes, secret: str = META_APP_SECRET) -> str:
    """X-Hub-Signature-256 as Meta computes it: HMAC-SHA256 of the raw body with the app secret."""
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def post_signed(client: httpx.Client | Any, payload: dict[str, Any] | bytes, secret: str = META_APP_SECRET
                ) -> httpx.Response:
    """POST a webhook body to /api/webhooks/meta with a valid signature (no other credentials).
    `client` is an httpx.Client or an Actor (its client is used, not its token)."""
    raw = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    http = getattr(client, "client", client)
    return http.post(WEBHOOK_PATH, content=raw,
                     headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw, secret)})


def _find_conversation(admin: Any, wa_id: str, wamid: str) -> dict[str, Any] | None:
    contacts = admin.get("/api/contacts", params={"q": wa_id, "per_page": 5})
    assert contacts.status_code == 200, contacts.text
    for contact in contacts.json():
        if contact["external_id"] != wa_id:
            continue
        listed = admin.get(f"/api/contacts/{contact['id']}/conversations", params={"per_page": 5})
        assert listed.status_code == 200, listed.text
        for conversation in listed.json():
            messages = admin.get(f"/api/conversations/{conversation['id']}/messages", params={"per_page": 20})
            assert messages.status_code == 200, messages.text
            if any(m["provider_message_id"] == wamid for m in messages.json()):
                return admin.get(f"/api/conversations/{conversation['id']}").json()
    return None


def inbound_message(admin: Any, account: dict[str, Any], wa_id: str, text: str, *, server: Any = None,
                    wamid: str | None = None, timestamp: int | None = None, timeout: float = 10) -> dict[str, Any]:
    """A customer (wa_id) writes `text` to the account's number: the signed webhook is posted and
    the conversation the message landed in is returned (REST shape, fetched after the message is
    there). With `server` (the fixture) its job queue is drained first; either way the wait is
    bounded by `timeout` seconds. `admin` must see every conversation (admin or supervisor)."""
    wamid = wamid or new_wamid()
    response = post_signed(admin, whatsapp_text_payload(account["phone_number_id"], wa_id, text, wamid, timestamp))
    assert response.status_code == 200, response.text
    assert response.json().get("status") == "received", response.text
    if server is not None:
        server.drain()
    deadline = time.monotonic() + timeout
    while True:
        found = _find_conversation(admin, wa_id, wamid)
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"message {wamid} from {wa_id} was not applied within {timeout} s")
        time.sleep(0.02)
