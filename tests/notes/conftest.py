"""One tenant (with a WhatsApp number) and its team for the whole notes package: registration
hashes a password, so tenants are the slow part. Every test makes its own conversations."""

from __future__ import annotations

from typing import Any

from models.events import OutboxEvent
from tests.support.api import Actor
from tests.support.inbox_rest import Inbox, db, inbox_fixture, new_conversations
from tests.support.team import member_fixture

inbox = inbox_fixture("Notes", scope="package")
outsider = inbox_fixture("Globex notes", scope="package")  # A second tenant, for cross-tenant probes
supervisor = member_fixture("supervisor", "Sue Supervisor", scope="package")
agnes = member_fixture("agent", "Agnes Agent", scope="package")
bob = member_fixture("agent", "Bob Agent", scope="package")
carol = member_fixture("agent", "Carol Agent", scope="package")


# ---------------------------------------------------------------- helpers


def conversation(server: Any, inbox: Inbox, assign_to: Actor | None = None) -> dict[str, Any]:
    """A new customer writes; optionally the conversation is assigned to `assign_to`."""
    [conv] = new_conversations(server, inbox, ["I need help"])
    if assign_to is not None:
        response = inbox.admin.patch(f"/api/conversations/{conv['id']}/assign", json={"agent_id": assign_to.agent["id"]})
        assert response.status_code == 200, response.text
    return conv


def add_note(actor: Actor, conversation_id: str, content: str) -> dict[str, Any]:
    response = actor.post(f"/api/conversations/{conversation_id}/notes", json={"content": content})
    assert response.status_code == 201, response.text
    return response.json()


def notes_of(actor: Actor, conversation_id: str, **params: Any) -> list[dict[str, Any]]:
    response = actor.get(f"/api/conversations/{conversation_id}/notes", params={"per_page": 100, **params})
    assert response.status_code == 200, response.text
    return response.json()


def token(actor: Actor) -> str:
    """The mention a picker inserts for this agent."""
    return f"@[{actor.agent['name']}]({actor.agent['id']})"


def local_part(actor: Actor) -> str:
    return actor.agent["email"].split("@", 1)[0]


def note_events(server: Any, inbox: Inbox, note_id: str) -> list[OutboxEvent]:
    """The outbox rows recorded for one note, oldest first (committed with the change itself)."""
    rows = db(server, OutboxEvent.filter(tenant_id=inbox.tenant_id, type__startswith="note.").order_by("created_at"))
    return [r for r in rows if r.payload.get("note_id") == note_id]


def error_code(response) -> str:
    return response.json()["error"]["code"]
