"""@mentions in notes: the token a picker inserts (`@[Name](agent-id)`), a typed full email or
email local part, what is plain text instead, refusals (unknown, suspended, another tenant's
agent), and the note.mentioned events: one per newly mentioned agent other than the writer."""

from __future__ import annotations

import uuid

import pytest

from tests.notes.conftest import add_note, conversation, error_code, local_part, note_events, notes_of, token
from tests.support.api import PASSWORD, Actor, add_agent, unique_email


def mentioned_ids(server, inbox, note_id: str) -> list[str]:
    return [e.payload["mentioned_agent_id"] for e in note_events(server, inbox, note_id) if e.type == "note.mentioned"]


def test_a_token_mentions_its_agent_and_records_an_event_naming_them(server, inbox, agnes, bob):
    conv = conversation(server, inbox, assign_to=agnes)
    content = f"{token(bob)} can you check the refund?"
    note = add_note(agnes, conv["id"], content)
    assert note["mentions"] == [bob.agent["id"]]
    assert note["content"] == content  # stored as written: the client renders tokens

    [event] = [e for e in note_events(server, inbox, note["id"]) if e.type == "note.mentioned"]
    assert event.payload == {
        "note_id": note["id"], "conversation_id": conv["id"], "author_id": agnes.agent["id"], "content": content,
        "mentions": [bob.agent["id"]], "mentioned_agent_id": bob.agent["id"], "mentioned_by": agnes.agent["id"],
    }
    assert str(event.conversation_id) == conv["id"]


def test_typed_handles_full_email_and_local_part(server, inbox, agnes, bob, carol, supervisor):
    conv = conversation(server, inbox)
    content = (f"cc @{bob.agent['email']} and @{local_part(carol).upper()}, also {token(supervisor)}. "
               f"Thanks @{local_part(bob)}.")  # Bob twice: mentioned once
    note = add_note(agnes, conv["id"], content)
    # In order of first appearance.
    assert note["mentions"] == [bob.agent["id"], carol.agent["id"], supervisor.agent["id"]]
    assert sorted(mentioned_ids(server, inbox, note["id"])) == sorted(note["mentions"])


@pytest.mark.parametrize("text", [
    "write to {email} please",             # an address in the text is not a mention
    "meet @ 5pm, @nobody-here knows",      # a bare @ and an unknown handle are plain text
    "see https://example.com/@{local}",   # part of a URL
    "@[{name}](not-a-uuid) is not a token",
    "ping x@{local}",                      # glued to a word
], ids=["address", "unknown-handle", "url", "malformed-token", "glued"])
def test_what_is_not_a_mention(server, inbox, agnes, bob, text):
    conv = conversation(server, inbox)
    content = text.format(email=bob.agent["email"], local=local_part(bob), name=bob.agent["name"])
    note = add_note(agnes, conv["id"], content)
    assert note["mentions"] == []
    assert mentioned_ids(server, inbox, note["id"]) == []


def test_a_local_part_shared_by_two_agents_is_ambiguous(server, inbox, agnes):
    handle = f"twin{uuid.uuid4().hex[:6]}"
    twins = []
    for domain in ("one.example.com", "two.example.com"):
        response = inbox.admin.post("/api/agents", json={
            "name": "Twin", "email": f"{handle}@{domain}", "password": "correct-horse-battery", "role": "agent"})
        assert response.status_code == 201, response.text
        twins.append(response.json())
    conv = conversation(server, inbox)
    ambiguous = add_note(agnes, conv["id"], f"@{handle} ?")
    assert ambiguous["mentions"] == []
    precise = add_note(agnes, conv["id"], f"@{handle}@two.example.com ?")
    assert precise["mentions"] == [twins[1]["id"]]


def test_a_token_that_is_not_an_active_agent_here_is_422_and_writes_nothing(server, inbox, outsider, agnes):
    conv = conversation(server, inbox)
    suspended = add_agent(inbox.admin, name="Sam Suspended")
    suspended.client.close()
    response = inbox.admin.patch(f"/api/agents/{suspended.agent['id']}", json={"account_status": "suspended"})
    assert response.status_code == 200, response.text
    strangers = {
        "unknown": str(uuid.uuid4()),
        "other tenant": outsider.admin.agent["id"],
        "suspended": suspended.agent["id"],
    }
    for why, agent_id in strangers.items():
        response = agnes.post(f"/api/conversations/{conv['id']}/notes", json={"content": f"hi @[X]({agent_id})"})
        assert response.status_code == 422, (why, response.text)
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_FAILED"
        assert error["details"] == [{"field": "content", "message": f"no active agent {agent_id} in this organization"}]
    assert notes_of(agnes, conv["id"]) == []
    # A handle of another tenant's agent is simply not one of ours: plain text.
    note = add_note(agnes, conv["id"], f"@{outsider.admin.agent['email']}")
    assert note["mentions"] == []


def test_mentioning_oneself_is_stored_but_notifies_nobody(server, inbox, agnes):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], f"reminder for {token(agnes)}")
    assert note["mentions"] == [agnes.agent["id"]]
    assert mentioned_ids(server, inbox, note["id"]) == []


def test_an_edit_notifies_only_the_newly_mentioned(server, inbox, agnes, bob, carol):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], f"{token(bob)} first")
    assert mentioned_ids(server, inbox, note["id"]) == [bob.agent["id"]]
    edited = agnes.patch(f"/api/notes/{note['id']}", json={"content": f"{token(bob)} and {token(carol)}"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["mentions"] == [bob.agent["id"], carol.agent["id"]]
    assert mentioned_ids(server, inbox, note["id"]) == [bob.agent["id"], carol.agent["id"]]
    # Dropping a mention notifies nobody; the stored list follows the content.
    dropped = agnes.patch(f"/api/notes/{note['id']}", json={"content": f"only {token(carol)} now"})
    assert dropped.json()["mentions"] == [carol.agent["id"]]
    assert len(mentioned_ids(server, inbox, note["id"])) == 2


def test_an_edit_may_keep_a_mention_of_an_agent_suspended_since(server, inbox, agnes):
    conv = conversation(server, inbox)
    leaving: Actor = add_agent(inbox.admin, name="Lee Leaving")
    leaving.client.close()
    note = add_note(agnes, conv["id"], f"{token(leaving)} owns this")
    suspend = inbox.admin.patch(f"/api/agents/{leaving.agent['id']}", json={"account_status": "suspended"})
    assert suspend.status_code == 200, suspend.text
    edited = agnes.patch(f"/api/notes/{note['id']}", json={"content": f"{token(leaving)} owned this"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["mentions"] == [leaving.agent["id"]]
    # ...but cannot newly mention them.
    fresh = agnes.post(f"/api/conversations/{conv['id']}/notes", json={"content": f"{token(leaving)} again"})
    assert fresh.status_code == 422 and error_code(fresh) == "VALIDATION_FAILED", fresh.text


def test_a_supervisors_edit_names_them_as_the_mentioner(server, inbox, agnes, bob, supervisor):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "plain")
    edited = supervisor.patch(f"/api/notes/{note['id']}", json={"content": f"plain, {token(bob)} take a look"})
    assert edited.status_code == 200, edited.text
    [event] = [e for e in note_events(server, inbox, note["id"]) if e.type == "note.mentioned"]
    assert event.payload["mentioned_by"] == supervisor.agent["id"]
    assert event.payload["author_id"] == agnes.agent["id"]


def test_more_than_50_mentions_is_422(server, inbox, agnes):
    crowd = []
    for _ in range(51):
        response = inbox.admin.post("/api/agents", json={
            "name": "Crowd", "email": unique_email("crowd"), "password": PASSWORD, "role": "agent"})
        assert response.status_code == 201, response.text
        crowd.append(response.json()["id"])
    conv = conversation(server, inbox)
    fifty = add_note(agnes, conv["id"], " ".join(f"@[C]({i})" for i in crowd[:50]))
    assert fifty["mentions"] == crowd[:50]
    response = agnes.post(f"/api/conversations/{conv['id']}/notes",
                          json={"content": " ".join(f"@[C]({i})" for i in crowd)})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"] == [{"field": "content", "message": "mentions at most 50 agents"}]
    assert notes_of(agnes, conv["id"]) == [fifty]
