"""Tenant isolation of the inbox over real HTTP: every conversations / messages / contacts route
called by tenant B with tenant A's ids is 404 and changes nothing; lists, search, bulk, expire
and receipts of B never reach A; agents of B cannot be given A's conversations."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.contacts import Contact
from resolvers._scope import unscoped
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import (
    Inbox,
    customer_writes,
    db,
    deliver,
    inbox_fixture,
    messages_body,
    messages_of,
    sent_message,
    set_conversation,
    status_item,
)

tenant_a = inbox_fixture("Tenant A")


tenant_b = inbox_fixture("Tenant B")


@pytest.fixture(scope="module")
def word() -> str:
    return "isolated" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def a(server, tenant_a, word) -> dict[str, Any]:
    """Tenant A's conversation, with an inbound message and a sent reply."""
    wa_id = new_wa_id()
    conv = customer_writes(server, tenant_a, wa_id, f"my {word} question")
    reply = sent_message(server, tenant_a.admin, conv["id"], f"our {word} answer")
    assert reply["status"] == "sent"
    conv = tenant_a.admin.get(f"/api/conversations/{conv['id']}").json()
    return {"wa_id": wa_id, "conversation": conv, "reply": reply,
            "contact": tenant_a.admin.get(f"/api/contacts/{conv['contact_id']}").json()}


def unchanged(tenant_a: Inbox, a: dict[str, Any]) -> None:
    conv = a["conversation"]
    assert tenant_a.admin.get(f"/api/conversations/{conv['id']}").json() == conv
    assert tenant_a.admin.get(f"/api/contacts/{conv['contact_id']}").json() == a["contact"]
    messages = messages_of(tenant_a.admin, conv["id"])
    assert len(messages) == 2
    assert next(m for m in messages if m["id"] == a["reply"]["id"]) == a["reply"]


ROUTES = [
    ("GET", "/api/conversations/{conversation}", None),
    ("PATCH", "/api/conversations/{conversation}/assign", {"agent_id": None}),
    ("PATCH", "/api/conversations/{conversation}/assign", {"agent_id": "{b_agent}"}),
    ("PATCH", "/api/conversations/{conversation}/status", {"status": "resolved"}),
    ("POST", "/api/conversations/{conversation}/read", None),
    ("PATCH", "/api/conversations/{conversation}/tags", {"tags": ["hijacked"]}),
    ("POST", "/api/conversations/{conversation}/takeover", None),
    ("GET", "/api/conversations/{conversation}/messages", None),
    ("POST", "/api/conversations/{conversation}/messages", {"type": "text", "text": "hello from B"}),
    ("POST", "/api/conversations/{conversation}/messages",
     {"type": "template", "template": {"name": "promo", "language": "en_US"}}),
    ("GET", "/api/contacts/{contact}", None),
    ("PATCH", "/api/contacts/{contact}", {"name": "Stolen", "custom_attributes": {"x": 1}}),
    ("GET", "/api/contacts/{contact}/conversations", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES,
                         ids=[f"{m} {p.split('/', 3)[-1]}" + (f" {list(b)[0]}" if b else "") for m, p, b in ROUTES])
def test_another_tenants_ids_are_404_on_every_route(server, tenant_a, tenant_b, a, fake_graph, method, path, body):
    conv = a["conversation"]
    url = path.format(conversation=conv["id"], contact=conv["contact_id"])
    if body and body.get("agent_id") == "{b_agent}":
        body = {"agent_id": tenant_b.admin.agent["id"]}
    sends_before = len(tenant_a.sends(fake_graph))
    response = tenant_b.admin.request(method, url, json=body)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "NOT_FOUND"
    server.drain()
    unchanged(tenant_a, a)
    assert len(tenant_a.sends(fake_graph)) == sends_before


def test_lists_and_search_of_another_tenant_never_show_it(tenant_a, tenant_b, a, word):
    conv = a["conversation"]
    assert conv["id"] not in [c["id"] for c in tenant_b.admin.get("/api/conversations?per_page=100").json()]
    listed = tenant_b.admin.get("/api/contacts", params={"q": a["wa_id"]})
    assert listed.status_code == 200 and listed.json() == [] and listed.headers["X-Total-Count"] == "0"
    found = tenant_b.admin.get("/api/messages/search", params={"q": word})
    assert found.status_code == 200 and found.json() == [] and found.headers["X-Total-Count"] == "0"
    # ...while tenant A finds both of its messages.
    mine = tenant_a.admin.get("/api/messages/search", params={"q": word})
    assert mine.headers["X-Total-Count"] == "2"


@pytest.mark.parametrize("action", [
    {"type": "resolve"}, {"type": "assign", "agent_id": None}, {"type": "add_tags", "tags": ["b"]},
], ids=["resolve", "unassign", "add_tags"])
def test_bulk_never_touches_another_tenants_conversations(tenant_a, tenant_b, a, action):
    response = tenant_b.admin.post("/api/conversations/bulk",
                                   json={"conversation_ids": [a["conversation"]["id"]], "action": action})
    assert response.status_code == 200, response.text
    assert response.json()["affected_count"] == 0
    unchanged(tenant_a, a)


def test_another_tenants_agent_cannot_be_assigned(server, tenant_a, tenant_b):
    conv = customer_writes(server, tenant_a, new_wa_id(), "assign me")
    outsider = tenant_b.admin.agent["id"]
    response = tenant_a.admin.patch(f"/api/conversations/{conv['id']}/assign", json={"agent_id": outsider})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "VALIDATION_FAILED"
    response = tenant_a.admin.post("/api/conversations/bulk", json={
        "conversation_ids": [conv["id"]], "action": {"type": "assign", "agent_id": outsider}})
    assert response.status_code == 422, response.text
    assert tenant_a.admin.get(f"/api/conversations/{conv['id']}").json()["assigned_agent_id"] is None


def test_expire_only_expires_the_callers_conversations(server, tenant_a, tenant_b):
    conv = customer_writes(server, tenant_a, new_wa_id(), "quiet now")
    set_conversation(server, tenant_a, conv["id"], last_message_at=datetime.now(UTC) - timedelta(hours=30))
    response = tenant_b.admin.post("/api/conversations/expire")
    assert response.status_code == 200 and response.json()["expired_count"] == 0
    assert tenant_a.admin.get(f"/api/conversations/{conv['id']}").json()["status"] == "open"
    response = tenant_a.admin.post("/api/conversations/expire")
    assert response.status_code == 200 and response.json()["expired_count"] == 1
    assert tenant_a.admin.get(f"/api/conversations/{conv['id']}").json()["status"] == "expired"


def test_a_receipt_on_another_tenants_number_does_not_touch_our_message(server, tenant_a, tenant_b, a):
    wamid = a["reply"]["provider_message_id"]
    deliver(server, tenant_b.admin.client,
            messages_body(tenant_b.phone_number_id, statuses=[status_item(wamid, "read")]))
    unchanged(tenant_a, a)


def test_the_same_customer_is_a_separate_contact_in_each_tenant(server, tenant_a, tenant_b, a):
    conv_b = customer_writes(server, tenant_b, a["wa_id"], "hello B", name="Other Name")
    assert conv_b["contact_id"] != a["conversation"]["contact_id"]
    contacts = db(server, unscoped(Contact).filter(external_id=a["wa_id"]))
    assert {c.tenant_id for c in contacts} == {tenant_a.tenant_id, tenant_b.tenant_id}
    unchanged(tenant_a, a)
