"""Internal notes over REST against the live server: the documented shape, oldest-first paging,
never reaching the customer, validation without partial writes, who may read, add, edit and
delete, other tenants' ids, and the events each change records."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.notes.conftest import add_note, conversation, error_code, note_events, notes_of
from tests.support.api import add_agent
from tests.support.inbox_rest import iso

NOTE_FIELDS = {"id", "conversation_id", "author_id", "content", "mentions", "created_at", "updated_at"}
UTC_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


# ---------------------------------------------------------------- shape and listing


def test_create_answers_201_with_the_documented_shape(server, inbox, agnes):
    conv = conversation(server, inbox)
    response = agnes.post(f"/api/conversations/{conv['id']}/notes", json={"content": "Customer is a VIP"})
    assert response.status_code == 201, response.text
    note = response.json()
    assert set(note) == NOTE_FIELDS
    uuid.UUID(note["id"])
    assert note["conversation_id"] == conv["id"]
    assert note["author_id"] == agnes.agent["id"]
    assert note["content"] == "Customer is a VIP"
    assert note["mentions"] == []
    assert UTC_Z.match(note["created_at"]) and UTC_Z.match(note["updated_at"]), note
    assert notes_of(agnes, conv["id"]) == [note]


def test_list_is_oldest_first_and_paginated(server, inbox, agnes):
    conv = conversation(server, inbox)
    made = [add_note(agnes, conv["id"], f"note {i}") for i in range(5)]
    assert [n["id"] for n in notes_of(agnes, conv["id"])] == [n["id"] for n in made]

    page = agnes.get(f"/api/conversations/{conv['id']}/notes", params={"page": 2, "per_page": 2})
    assert page.status_code == 200, page.text
    assert page.headers["x-total-count"] == "5"
    assert [n["content"] for n in page.json()] == ["note 2", "note 3"]
    past_the_end = agnes.get(f"/api/conversations/{conv['id']}/notes", params={"page": 4, "per_page": 2})
    assert past_the_end.json() == [] and past_the_end.headers["x-total-count"] == "5"

    for bad in ({"per_page": 0}, {"per_page": 101}, {"page": 0}, {"page": "x"}):
        response = agnes.get(f"/api/conversations/{conv['id']}/notes", params=bad)
        assert response.status_code == 422, (bad, response.text)
        assert error_code(response) == "VALIDATION_FAILED"


def test_notes_belong_to_their_conversation(server, inbox, agnes):
    first, second = conversation(server, inbox), conversation(server, inbox)
    mine = add_note(agnes, first["id"], "about the first one")
    assert notes_of(agnes, second["id"]) == []
    assert [n["id"] for n in notes_of(agnes, first["id"])] == [mine["id"]]


def test_a_note_is_never_sent_to_the_customer(server, inbox, agnes, fake_graph):
    conv = conversation(server, inbox)
    sends_before = len(inbox.sends(fake_graph))
    messages_before = inbox.admin.get(f"/api/conversations/{conv['id']}/messages").json()
    add_note(agnes, conv["id"], "Internal: refund approved, do not tell them yet")
    server.drain()  # whatever the note set in motion has run
    assert len(inbox.sends(fake_graph)) == sends_before
    assert inbox.admin.get(f"/api/conversations/{conv['id']}/messages").json() == messages_before
    after = inbox.admin.get(f"/api/conversations/{conv['id']}").json()
    assert after["last_message_preview"] == conv["last_message_preview"]
    assert after["last_message_at"] == conv["last_message_at"]


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize("body, field", [
    ({}, "content"),
    ({"content": ""}, "content"),
    ({"content": "   \n  "}, "content"),
    ({"content": None}, "content"),
    ({"content": 42}, "content"),
    ({"content": "x" * 10_001}, "content"),
    ({"content": "nul \x00 byte"}, "content"),
    ({"content": "ok", "author_id": str(uuid.uuid4())}, "author_id"),
], ids=["missing", "empty", "blank", "null", "number", "too-long", "nul", "unknown-field"])
def test_bad_content_is_422_and_writes_nothing(server, inbox, agnes, body, field):
    conv = conversation(server, inbox)
    response = agnes.post(f"/api/conversations/{conv['id']}/notes", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert any(d["field"] == field for d in error["details"]), error
    assert notes_of(agnes, conv["id"]) == []

    note = add_note(agnes, conv["id"], "original")
    response = agnes.patch(f"/api/notes/{note['id']}", json=body)
    assert response.status_code == 422, response.text
    assert notes_of(agnes, conv["id"]) == [note]


def test_malformed_bodies_and_ids_are_clear_4xx(server, inbox, agnes):
    conv = conversation(server, inbox)
    broken = agnes.post(f"/api/conversations/{conv['id']}/notes", content=b"{not json",
                        headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and error_code(broken) == "BAD_REQUEST", broken.text
    not_object = agnes.post(f"/api/conversations/{conv['id']}/notes", json=["content"])
    assert not_object.status_code == 422 and error_code(not_object) == "VALIDATION_FAILED", not_object.text
    for response in (agnes.get("/api/conversations/not-a-uuid/notes"),
                     agnes.patch("/api/notes/not-a-uuid", json={"content": "x"}),
                     agnes.delete("/api/notes/not-a-uuid")):
        assert response.status_code == 422 and error_code(response) == "VALIDATION_FAILED", response.text
    assert notes_of(agnes, conv["id"]) == []


def test_unknown_ids_are_404(server, inbox, agnes):
    missing = str(uuid.uuid4())
    for response in (agnes.get(f"/api/conversations/{missing}/notes"),
                     agnes.post(f"/api/conversations/{missing}/notes", json={"content": "x"}),
                     agnes.patch(f"/api/notes/{missing}", json={"content": "x"}),
                     agnes.delete(f"/api/notes/{missing}")):
        assert response.status_code == 404 and error_code(response) == "NOT_FOUND", response.text


def test_no_credentials_is_401(server, client, inbox, agnes):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "secret")
    anonymous = client  # a fresh client: no session cookie
    for response in (anonymous.get(f"/api/conversations/{conv['id']}/notes"),
                     anonymous.post(f"/api/conversations/{conv['id']}/notes", json={"content": "x"}),
                     anonymous.patch(f"/api/notes/{note['id']}", json={"content": "x"}),
                     anonymous.delete(f"/api/notes/{note['id']}")):
        assert response.status_code == 401 and error_code(response) == "UNAUTHENTICATED", response.text
    assert notes_of(agnes, conv["id"]) == [note]


# ---------------------------------------------------------------- who may read and add


def test_an_agent_reads_and_adds_notes_only_where_they_see_the_conversation(server, inbox, agnes, bob, supervisor):
    bobs = conversation(server, inbox, assign_to=bob)
    note = add_note(bob, bobs["id"], "mine")
    # Agnes cannot see Bob's conversation, so neither can she see or add its notes.
    for response in (agnes.get(f"/api/conversations/{bobs['id']}/notes"),
                     agnes.post(f"/api/conversations/{bobs['id']}/notes", json={"content": "sneaky"})):
        assert response.status_code == 404 and error_code(response) == "NOT_FOUND", response.text
    # Unassigned conversations are everyone's; supervisors see all.
    unassigned = conversation(server, inbox)
    add_note(agnes, unassigned["id"], "anyone can")
    assert [n["id"] for n in notes_of(supervisor, bobs["id"])] == [note["id"]]
    add_note(supervisor, bobs["id"], "supervisor's remark")
    assert len(notes_of(bob, bobs["id"])) == 2


def test_a_role_without_notes_write_reads_but_cannot_add(server, inbox, agnes):
    role = inbox.admin.post("/api/roles", json={
        "name": f"Auditor {uuid.uuid4().hex[:6]}", "permissions": ["conversations.read", "conversations.read_all"],
    })
    assert role.status_code == 201, role.text
    auditor = add_agent(inbox.admin, role=role.json()["key"], name="Audrey Auditor")
    try:
        conv = conversation(server, inbox)
        note = add_note(agnes, conv["id"], "for the record")
        assert notes_of(auditor, conv["id"]) == [note]
        response = auditor.post(f"/api/conversations/{conv['id']}/notes", json={"content": "x"})
        assert response.status_code == 403, response.text
        assert response.json()["error"]["details"] == {"missing": ["notes.write"]}
        response = auditor.patch(f"/api/notes/{note['id']}", json={"content": "x"})
        assert response.status_code == 403 and error_code(response) == "FORBIDDEN", response.text
        assert notes_of(agnes, conv["id"]) == [note]
    finally:
        auditor.client.close()


def test_built_in_roles_hold_the_note_permissions(inbox, agnes, supervisor):
    permissions = {a: set(actor.get("/api/auth/me").json()["permissions"])
                   for a, actor in (("agent", agnes), ("supervisor", supervisor), ("admin", inbox.admin))}
    assert "notes.write" in permissions["agent"] and "notes.manage_all" not in permissions["agent"]
    assert {"notes.write", "notes.manage_all"} <= permissions["supervisor"]
    assert {"notes.write", "notes.manage_all"} <= permissions["admin"]
    catalogue = {p["key"] for p in inbox.admin.get("/api/permissions").json()}
    assert {"notes.write", "notes.manage_all"} <= catalogue


# ---------------------------------------------------------------- edit and delete


def test_the_author_edits_their_note(server, inbox, agnes):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "first draft")
    response = agnes.patch(f"/api/notes/{note['id']}", json={"content": "  final wording  "})
    assert response.status_code == 200, response.text
    edited = response.json()
    assert set(edited) == NOTE_FIELDS
    assert edited["content"] == "final wording"  # surrounding whitespace is trimmed
    assert edited["id"] == note["id"] and edited["author_id"] == agnes.agent["id"]
    assert edited["created_at"] == note["created_at"]
    assert iso(edited["updated_at"]) > iso(note["updated_at"])
    assert notes_of(agnes, conv["id"]) == [edited]


def test_another_agent_cannot_edit_or_delete_it(server, inbox, agnes, bob):
    conv = conversation(server, inbox)  # unassigned: both see it
    note = add_note(agnes, conv["id"], "Agnes's note")
    edit = bob.patch(f"/api/notes/{note['id']}", json={"content": "Bob was here"})
    assert edit.status_code == 403 and error_code(edit) == "FORBIDDEN", edit.text
    delete = bob.delete(f"/api/notes/{note['id']}")
    assert delete.status_code == 403 and error_code(delete) == "FORBIDDEN", delete.text
    assert notes_of(agnes, conv["id"]) == [note]
    assert [e.type for e in note_events(server, inbox, note["id"])] == ["note.created"]


@pytest.mark.parametrize("moderator", ["supervisor", "admin"])
def test_supervisors_and_admins_edit_and_delete_anyones(server, inbox, agnes, supervisor, moderator):
    actor = supervisor if moderator == "supervisor" else inbox.admin
    conv = conversation(server, inbox, assign_to=agnes)
    note = add_note(agnes, conv["id"], "needs moderation")
    edited = actor.patch(f"/api/notes/{note['id']}", json={"content": "moderated"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["content"] == "moderated"
    assert edited.json()["author_id"] == agnes.agent["id"]  # still Agnes's note
    deleted = actor.delete(f"/api/notes/{note['id']}")
    assert deleted.status_code == 200, deleted.text
    assert deleted.json() == {"message": "Note deleted", "note_id": note["id"], "conversation_id": conv["id"]}
    assert notes_of(agnes, conv["id"]) == []


def test_the_author_deletes_their_note(server, inbox, agnes):
    conv = conversation(server, inbox)
    keep, gone = add_note(agnes, conv["id"], "keep"), add_note(agnes, conv["id"], "gone")
    response = agnes.delete(f"/api/notes/{gone['id']}")
    assert response.status_code == 200, response.text
    assert notes_of(agnes, conv["id"]) == [keep]
    for again in (agnes.delete(f"/api/notes/{gone['id']}"), agnes.patch(f"/api/notes/{gone['id']}", json={"content": "x"})):
        assert again.status_code == 404 and error_code(again) == "NOT_FOUND", again.text


def test_own_note_on_a_conversation_no_longer_visible_is_not_found(server, inbox, agnes, bob):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "written while unassigned")
    assign = inbox.admin.patch(f"/api/conversations/{conv['id']}/assign", json={"agent_id": bob.agent["id"]})
    assert assign.status_code == 200, assign.text
    for response in (agnes.patch(f"/api/notes/{note['id']}", json={"content": "x"}), agnes.delete(f"/api/notes/{note['id']}")):
        assert response.status_code == 404, response.text
        error = response.json()["error"]
        assert (error["code"], error["message"]) == ("NOT_FOUND", "note not found")
    assert notes_of(bob, conv["id"]) == [note]


def test_an_unchanged_edit_records_nothing(server, inbox, agnes):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "same")
    response = agnes.patch(f"/api/notes/{note['id']}", json={"content": "same"})
    assert response.status_code == 200 and response.json() == note, response.text
    assert [e.type for e in note_events(server, inbox, note["id"])] == ["note.created"]


# ---------------------------------------------------------------- other tenants


def test_another_tenant_cannot_reach_notes(server, inbox, outsider, agnes):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "tenant A only")
    them = outsider.admin
    for response in (them.get(f"/api/conversations/{conv['id']}/notes"),
                     them.post(f"/api/conversations/{conv['id']}/notes", json={"content": "hello"}),
                     them.patch(f"/api/notes/{note['id']}", json={"content": "hijacked"}),
                     them.delete(f"/api/notes/{note['id']}")):
        assert response.status_code == 404 and error_code(response) == "NOT_FOUND", response.text
    assert notes_of(agnes, conv["id"]) == [note]
    assert [e.type for e in note_events(server, inbox, note["id"])] == ["note.created"]


# ---------------------------------------------------------------- events


def test_each_change_records_its_event(server, inbox, agnes):
    conv = conversation(server, inbox, assign_to=agnes)
    note = add_note(agnes, conv["id"], "v1")
    assert agnes.patch(f"/api/notes/{note['id']}", json={"content": "v2"}).status_code == 200
    assert agnes.delete(f"/api/notes/{note['id']}").status_code == 200
    events = note_events(server, inbox, note["id"])
    assert [e.type for e in events] == ["note.created", "note.updated", "note.deleted"]
    for event in events:
        # The conversation and its assignee travel with the event: live delivery filters on them.
        assert str(event.conversation_id) == conv["id"]
        assert str(event.assigned_agent_id) == agnes.agent["id"]
        assert event.actor["actor_id"] == agnes.agent["id"]
        assert event.payload["author_id"] == agnes.agent["id"]
        assert event.payload["conversation_id"] == conv["id"]
    assert [e.payload["content"] for e in events] == ["v1", "v2", "v2"]
