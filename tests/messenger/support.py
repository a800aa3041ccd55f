"""Messenger / Instagram over real HTTP: an integration account made through REST, signed
webhooks posted to /api/webhooks/{messenger,instagram}, fixtures routed to the account."""

from __future__ import annotations

import copy
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx

from models.messages import Message
from resolvers._context import Ctx
from resolvers._scope import scoped
from tests.conftest import META_APP_SECRET
from tests.support.api import Actor, register
from tests.support.inbox import sign
from tests.support.inbox_rest import db, wait_processed

OBJECT = {"messenger": "page", "instagram": "instagram"}
ID_FIELD = {"messenger": "page_id", "instagram": "instagram_account_id"}


def new_id() -> str:
    return str(uuid.uuid4().int)[:16]


def new_mid() -> str:
    return "m_TEST" + uuid.uuid4().hex


@dataclass
class Box:
    """A fresh tenant with one Messenger or Instagram account (and its real page token)."""

    channel: str
    admin: Actor
    account: dict[str, Any]
    access_token: str
    clients: list[httpx.Client] = field(default_factory=list)

    @property
    def account_id(self) -> str:
        return self.account[ID_FIELD[self.channel]]

    @property
    def path(self) -> str:
        return f"/api/webhooks/{self.channel}"

    def ctx(self) -> Ctx:
        return Ctx.system(UUID(self.admin.tenant["id"]))

    def close(self) -> None:
        for client in self.clients:
            client.close()


def make_account(admin: Actor, channel: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"channel": channel, "name": f"{channel} support", ID_FIELD[channel]: new_id(),
                            "access_token": f"EAAP{uuid.uuid4().hex}"}
    body.update(overrides)
    response = admin.post("/api/integration-accounts", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def new_box(server: Any, channel: str, **overrides: Any) -> Box:
    client = httpx.Client(base_url=server.url, timeout=30)
    admin = register(client, org=f"{channel} box")
    token = f"EAAP{uuid.uuid4().hex}{uuid.uuid4().hex}"
    account = make_account(admin, channel, access_token=token, **overrides)
    return Box(channel, admin, account, token, [client])


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode("ascii")


def post(box: Box, raw: bytes, secret: str | None = META_APP_SECRET) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Hub-Signature-256"] = sign(raw, secret)
    return box.admin.client.post(box.path, content=raw, headers=headers)


def deliver(server: Any, box: Box, payload: dict[str, Any] | bytes, secret: str = META_APP_SECRET) -> None:
    raw = payload if isinstance(payload, bytes) else encode(payload)
    response = post(box, raw, secret)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "received"}, response.text
    row = wait_processed(server, raw)
    assert row.error is None, row.error


def envelope(box: Box, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"object": OBJECT[box.channel],
            "entry": [{"id": box.account_id, "time": int(time.time() * 1000), "messaging": events}]}


def text_event(box: Box, user: str, text: str, *, mid: str | None = None, at: float | None = None) -> dict[str, Any]:
    return {"sender": {"id": user}, "recipient": {"id": box.account_id},
            "timestamp": int((time.time() if at is None else at) * 1000),
            "message": {"mid": mid or new_mid(), "text": text}}


def stored(server: Any, box: Box, mid: str) -> Message | None:
    return db(server, scoped(box.ctx(), Message).filter(provider_message_id=mid).first())


def message_count(server: Any, box: Box) -> int:
    return db(server, scoped(box.ctx(), Message).all().count())


def customer_writes(server: Any, box: Box, user: str, text: str, *, at: float | None = None) -> dict[str, Any]:
    """The customer writes; returns the conversation (REST) the message landed in."""
    mid = new_mid()
    deliver(server, box, envelope(box, [text_event(box, user, text, mid=mid, at=at)]))
    message = stored(server, box, mid)
    assert message is not None
    response = box.admin.get(f"/api/conversations/{message.conversation_id}")
    assert response.status_code == 200, response.text
    return response.json()


def route_fixture(box: Box, original: dict[str, Any], outbound_mid: str | None,
                  receipt_user: str | None = None) -> dict[str, Any]:
    """A fixture rewritten for this account: entry ids -> the account, customers -> fresh ids,
    message ids -> fresh (the samples reuse placeholders), receipts -> `outbound_mid`.
    Fragments (one messaging event, no envelope) are wrapped in one."""
    payload = copy.deepcopy(original)
    if "object" not in payload:
        payload = {"object": OBJECT[box.channel], "entry": [{"id": "X", "time": 1458692752478,
                                                              "messaging": [payload]}]}
    users: dict[str, str] = {}
    for entry in payload.get("entry", []):
        page = entry.get("id")
        entry["id"] = box.account_id
        for key in ("messaging", "standby"):
            for event in entry.get(key, []):
                message = event.get("message") or {}
                echo = message.get("is_echo") is True
                customer_side, page_side = ("recipient", "sender") if echo else ("sender", "recipient")
                if customer_side in event:
                    original_user = event[customer_side]["id"]
                    if original_user == page and not echo:
                        original_user = "user:" + original_user
                    event[customer_side]["id"] = users.setdefault(original_user, new_id())
                if page_side in event:
                    event[page_side]["id"] = box.account_id
                if message.get("mid") and not message.get("is_deleted"):
                    message["mid"] = new_mid()
                if isinstance(event.get("postback"), dict) and event["postback"].get("mid"):
                    event["postback"]["mid"] = new_mid()
                for receipt in ("delivery", "read"):
                    if isinstance(event.get(receipt), dict):
                        if receipt_user is not None:  # the customer the outbound message went to
                            event["sender"]["id"] = receipt_user
                        body = event[receipt]
                        if "mids" in body:
                            body["mids"] = [outbound_mid]
                        if "mid" in body:
                            body["mid"] = outbound_mid
                        if "watermark" in body:
                            body["watermark"] = int(time.time() * 1000) + 1000
    return payload


def events_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for entry in payload.get("entry", []) for key in ("messaging", "standby") for e in entry.get(key, [])]


def user_messages(server: Any, box: Box, user: str) -> list[Message]:
    return list(db(server, scoped(box.ctx(), Message).filter(
        conversation__contact__external_id=user, conversation__contact__channel=box.channel).order_by("created_at")))


def event_time(value: Any) -> datetime | None:
    """Messenger timestamps are epoch milliseconds (other shapes are checked by type only)."""
    if isinstance(value, int) and value > 10**11:
        return datetime.fromtimestamp(value / 1000, UTC)
    return None


def check_fixture(server: Any, box: Box, conversation: dict[str, Any], fake_graph: Any, original: dict[str, Any],
                  expected: dict[str, Any]) -> None:
    """Post the routed fixture signed; check what it stored (or changed) against `expected`:
    {"stores": n (default: one per message event), "type", "text", "direction", "content": subset,
     "status": the outbound message's status after a receipt, "deleted": True}."""
    from tests.support.inbox_rest import messages_of, sent_message

    sample = json.dumps(original)
    has_receipt = '"delivery"' in sample or '"read"' in sample
    outbound = sent_message(server, box.admin, conversation["id"], "receipt target") if has_receipt else None
    if outbound is not None:
        assert outbound["status"] == "sent" and outbound["provider_message_id"] in fake_graph.sent_wamids
    receipt_user = None
    if outbound is not None:
        contact = box.admin.get(f"/api/contacts/{conversation['contact_id']}")
        assert contact.status_code == 200, contact.text
        receipt_user = contact.json()["external_id"]
    payload = route_fixture(box, original, outbound and outbound["provider_message_id"], receipt_user)
    events = events_of(payload)
    if expected.get("deleted"):  # the message being unsent must exist first
        event = events[0]
        deliver(server, box, envelope(box, [text_event(box, event["sender"]["id"], "to be unsent",
                                                       mid=event["message"]["mid"])]))
    before = message_count(server, box)
    raw = encode(payload)
    deliver(server, box, raw)
    # A byte-identical re-delivery is acknowledged and changes nothing.
    again = post(box, raw)
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}, again.text

    stores = expected.get("stores", sum(1 for e in events if _is_message(e)))
    assert message_count(server, box) == before + stores
    if outbound is not None:
        listed = {m["id"]: m for m in messages_of(box.admin, conversation["id"])}
        assert listed[outbound["id"]]["status"] == expected["status"], listed[outbound["id"]]
    if expected.get("deleted"):
        message = stored(server, box, events[0]["message"]["mid"])
        assert message.text is None and message.content.get("deleted") is True
    for event in (e for e in events if _is_message(e)) if stores else ():
        message_event = event.get("message") or {}
        echo = message_event.get("is_echo") is True
        user = event["recipient" if echo else "sender"]["id"]
        rows = user_messages(server, box, user)
        row = next((m for m in rows if m.provider_message_id == message_event.get("mid")), None) if \
            message_event.get("mid") else (rows[0] if len(rows) == 1 else None)
        assert row is not None, (user, [m.provider_message_id for m in rows])
        rest = {m["id"]: m for m in messages_of(box.admin, str(row.conversation_id))}[str(row.id)]
        assert rest["direction"] == ("outbound" if echo else "inbound")
        assert rest["status"] == ("sent" if echo else "received")
        when = event_time(event.get("timestamp"))
        if when is not None:
            got = datetime.fromisoformat(rest["created_at"].replace("Z", "+00:00"))
            assert abs((got - when).total_seconds()) < 0.002, (got, when)
        for key in ("type", "text"):
            if key in expected:
                assert rest[key] == expected[key], rest
        for key, want in expected.get("content", {}).items():
            got = rest["content"].get(key)
            if isinstance(want, dict):
                assert {k: (got or {}).get(k) for k in want} == want, rest
            else:
                assert got == want, (key, rest)


def _is_message(event: dict[str, Any]) -> bool:
    message = event.get("message")
    if isinstance(message, dict):
        return message.get("is_deleted") is not True
    return "postback" in event or "reaction" in event
