"""Contacts over real HTTP: the customers WhatsApp brought in, listed (search by name, phone or
email), read, updated (name, email, phone, custom attributes as a JSON object) and their
conversations (only those the caller may see)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support.api import Actor, add_agent
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import customer_writes, inbox_fixture, iso

CONTACT_KEYS = {"id", "channel", "external_id", "name", "phone", "email", "custom_attributes", "created_at",
                "updated_at"}


inbox = inbox_fixture("Contacts")


@pytest.fixture(scope="module")
def agent(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, name="Agnes Agent")
    yield actor
    actor.client.close()


@pytest.fixture()
def contact(server, inbox) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:6]
    wa_id = new_wa_id()
    conv = customer_writes(server, inbox, wa_id, "hello", name=f"Grace {tag} Hopper", timestamp=1_700_000_000)
    response = inbox.admin.get(f"/api/contacts/{conv['contact_id']}")
    assert response.status_code == 200, response.text
    return {**response.json(), "tag": tag, "conversation": conv}


def search(actor: Actor, **params: Any) -> tuple[list[str], int]:
    response = actor.get("/api/contacts", params=params)
    assert response.status_code == 200, response.text
    return [c["id"] for c in response.json()], int(response.headers["X-Total-Count"])


def test_get_answers_the_contact(inbox, contact):
    assert CONTACT_KEYS <= set(contact)
    uuid.UUID(contact["id"])
    assert contact["channel"] == "whatsapp"
    assert contact["name"] == f"Grace {contact['tag']} Hopper"
    assert contact["phone"] == f"+{contact['external_id']}"
    assert contact["email"] is None and contact["custom_attributes"] == {}
    assert iso(contact["last_inbound_at"]) == datetime.fromtimestamp(1_700_000_000, UTC)


def test_an_unknown_contact_is_404(inbox):
    response = inbox.admin.get(f"/api/contacts/{uuid.uuid4()}")
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_search_by_name_phone_and_email(inbox, contact):
    tag = contact["tag"]
    assert search(inbox.admin, q=tag) == ([contact["id"]], 1)
    assert search(inbox.admin, q=f"grace {tag}") == ([contact["id"]], 1)  # case-insensitive
    assert search(inbox.admin, q=contact["external_id"][-9:]) == ([contact["id"]], 1)
    email = f"grace.{tag}@navy.example"
    assert inbox.admin.patch(f"/api/contacts/{contact['id']}", json={"email": email}).status_code == 200
    assert search(inbox.admin, q=f"grace.{tag}@") == ([contact["id"]], 1)
    assert search(inbox.admin, q="no-such-" + uuid.uuid4().hex) == ([], 0)


def test_the_list_counts_and_pages(server, inbox, contact):
    everyone, total = search(inbox.admin, per_page=100)
    assert contact["id"] in everyone and total == len(everyone) >= 1
    first, total_again = search(inbox.admin, per_page=1)
    assert len(first) == 1 and total_again == total
    for params in ({"per_page": 0}, {"per_page": 101}, {"page": 0}):
        assert inbox.admin.get("/api/contacts", params=params).status_code == 422


def test_an_agent_can_read_contacts(agent, contact):
    assert agent.get(f"/api/contacts/{contact['id']}").status_code == 200
    assert search(agent, q=contact["tag"]) == ([contact["id"]], 1)


def test_update_name_email_phone_and_custom_attributes(inbox, contact):
    attributes = {"tier": "gold", "orders": 3, "vip": True, "address": {"city": "Arlington", "zip": ["22201"]}}
    response = inbox.admin.patch(f"/api/contacts/{contact['id']}", json={
        "name": "Rear Admiral Hopper", "email": "Grace@Navy.Example", "phone": "+1 (555) 010-0199",
        "custom_attributes": attributes})
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "Rear Admiral Hopper"
    assert updated["email"] == "grace@navy.example"
    assert updated["phone"] == "+1 (555) 010-0199"
    assert updated["custom_attributes"] == attributes
    assert updated["external_id"] == contact["external_id"]  # the WhatsApp address never changes
    assert inbox.admin.get(f"/api/contacts/{contact['id']}").json() == updated
    # The inbox shows the new name.
    conv = inbox.admin.get(f"/api/conversations/{contact['conversation']['id']}").json()
    assert conv["contact_name"] == "Rear Admiral Hopper"


def test_a_partial_update_keeps_the_rest_and_attributes_are_replaced(inbox, contact):
    path = f"/api/contacts/{contact['id']}"
    assert inbox.admin.patch(path, json={"custom_attributes": {"a": 1, "b": 2}}).status_code == 200
    response = inbox.admin.patch(path, json={"custom_attributes": {"c": 3}})
    assert response.status_code == 200 and response.json()["custom_attributes"] == {"c": 3}
    response = inbox.admin.patch(path, json={"name": "Only The Name"})
    assert response.status_code == 200
    assert response.json()["custom_attributes"] == {"c": 3} and response.json()["phone"] == contact["phone"]


@pytest.mark.parametrize("body", [
    {"email": "not-an-email"}, {"email": "a@"}, {"phone": "call me maybe"}, {"name": ""},
    {"custom_attributes": ["not", "an", "object"]}, {"custom_attributes": "text"}, {"channel": "email"},
], ids=["email", "email-no-domain", "phone", "empty-name", "attributes-list", "attributes-string", "unknown-field"])
def test_an_invalid_update_is_422_and_changes_nothing(inbox, contact, body):
    response = inbox.admin.patch(f"/api/contacts/{contact['id']}", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "VALIDATION_FAILED"
    stored = inbox.admin.get(f"/api/contacts/{contact['id']}").json()
    assert {k: stored[k] for k in CONTACT_KEYS} == {k: contact[k] for k in CONTACT_KEYS}


def test_a_contacts_conversations(server, inbox, agent):
    wa_id = new_wa_id()
    first = customer_writes(server, inbox, wa_id, "first time", timestamp=time.time() - 60)
    assert inbox.admin.patch(f"/api/conversations/{first['id']}/status", json={"status": "resolved"}).status_code == 200
    second = customer_writes(server, inbox, wa_id, "second time")
    path = f"/api/contacts/{first['contact_id']}/conversations"

    response = inbox.admin.get(path)
    assert response.status_code == 200, response.text
    assert [c["id"] for c in response.json()] == [second["id"], first["id"]]  # newest activity first
    assert response.headers["X-Total-Count"] == "2"
    assert {c["contact_id"] for c in response.json()} == {first["contact_id"]}
    assert response.json()[0] == inbox.admin.get(f"/api/conversations/{second['id']}").json()
    paged = inbox.admin.get(path, params={"per_page": 1, "page": 2})
    assert [c["id"] for c in paged.json()] == [first["id"]] and paged.headers["X-Total-Count"] == "2"

    # Assigned to someone else, the first is no longer the agent's to see.
    assert inbox.admin.patch(f"/api/conversations/{first['id']}/assign",
                             json={"agent_id": inbox.admin.agent["id"]}).status_code == 200
    seen = agent.get(path)
    assert [c["id"] for c in seen.json()] == [second["id"]] and seen.headers["X-Total-Count"] == "1"
    assert inbox.admin.get(f"/api/contacts/{uuid.uuid4()}/conversations").status_code == 404
