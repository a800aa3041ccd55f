"""Notes through the GraphQL door: the same resolvers as REST, so the same data (camelCase) and
the same error codes; plus `author`, and `note(id)`."""

from __future__ import annotations

import uuid
from typing import Any

from tests.notes.conftest import add_note, conversation, notes_of, token
from tests.support.api import Actor

FIELDS = "id conversationId authorId content mentions createdAt updatedAt"
NOTES = f"query($c: UUID!, $p: Int!, $n: Int!) {{ notes(conversationId: $c, page: $p, perPage: $n) {{ total page perPage items {{ {FIELDS} }} }} }}"
NOTE = f"query($id: UUID!) {{ note(id: $id) {{ {FIELDS} author {{ id name }} }} }}"
CREATE = f"mutation($c: UUID!, $input: NoteInput!) {{ createNote(conversationId: $c, input: $input) {{ {FIELDS} }} }}"
UPDATE = f"mutation($id: UUID!, $input: NoteInput!) {{ updateNote(id: $id, input: $input) {{ {FIELDS} }} }}"
DELETE = "mutation($id: UUID!) { deleteNote(id: $id) { message id } }"


def camel(note: dict[str, Any]) -> dict[str, Any]:
    """A REST note as GraphQL spells it."""
    return {"id": note["id"], "conversationId": note["conversation_id"], "authorId": note["author_id"],
            "content": note["content"], "mentions": note["mentions"], "createdAt": note["created_at"],
            "updatedAt": note["updated_at"]}


def code(result: dict[str, Any]) -> str:
    assert result.get("errors"), result
    return result["errors"][0]["extensions"]["code"]


def create(actor: Actor, conversation_id: str, content: str) -> dict[str, Any]:
    result = actor.gql(CREATE, {"c": conversation_id, "input": {"content": content}})
    assert "errors" not in result, result
    return result["data"]["createNote"]


def test_create_list_update_delete(server, inbox, agnes, bob):
    conv = conversation(server, inbox)
    made = create(agnes, conv["id"], f"hello {token(bob)}")
    assert made["authorId"] == agnes.agent["id"] and made["mentions"] == [bob.agent["id"]]
    assert made["createdAt"].endswith("Z")
    # The REST door reads exactly what the GraphQL door wrote.
    assert [camel(n) for n in notes_of(agnes, conv["id"])] == [made]

    second = create(agnes, conv["id"], "second")
    listed = agnes.gql(NOTES, {"c": conv["id"], "p": 1, "n": 1})["data"]["notes"]
    assert (listed["total"], listed["page"], listed["perPage"]) == (2, 1, 1)
    assert listed["items"] == [made]  # oldest first
    assert agnes.gql(NOTES, {"c": conv["id"], "p": 2, "n": 1})["data"]["notes"]["items"] == [second]

    updated = agnes.gql(UPDATE, {"id": made["id"], "input": {"content": "changed"}})
    assert "errors" not in updated, updated
    assert updated["data"]["updateNote"]["content"] == "changed"
    assert updated["data"]["updateNote"]["mentions"] == []

    deleted = agnes.gql(DELETE, {"id": made["id"]})
    assert deleted == {"data": {"deleteNote": {"message": "Note deleted", "id": made["id"]}}}
    assert [n["id"] for n in notes_of(agnes, conv["id"])] == [second["id"]]


def test_note_reads_like_rest_and_resolves_its_author(server, inbox, agnes):
    conv = conversation(server, inbox)
    rest = add_note(agnes, conv["id"], "via REST")
    result = agnes.gql(NOTE, {"id": rest["id"]})
    assert "errors" not in result, result
    node = result["data"]["note"]
    assert node.pop("author") == {"id": agnes.agent["id"], "name": agnes.agent["name"]}
    assert node == camel(rest)

    introspected = agnes.gql('{ __type(name: "Note") { fields { name } } }')["data"]["__type"]["fields"]
    assert {f["name"] for f in introspected} == set(camel(rest)) | {"author"}


def test_the_same_errors_as_rest(server, inbox, outsider, agnes, bob):
    conv = conversation(server, inbox)
    note = add_note(agnes, conv["id"], "Agnes's")
    bobs = conversation(server, inbox, assign_to=bob)

    # Someone else's note: FORBIDDEN, as REST's 403.
    assert code(bob.gql(UPDATE, {"id": note["id"], "input": {"content": "x"}})) == "FORBIDDEN"
    assert code(bob.gql(DELETE, {"id": note["id"]})) == "FORBIDDEN"
    # Validation: VALIDATION_FAILED, as REST's 422.
    assert code(agnes.gql(CREATE, {"c": conv["id"], "input": {"content": "  "}})) == "VALIDATION_FAILED"
    assert code(agnes.gql(CREATE, {"c": conv["id"], "input": {"content": f"@[X]({uuid.uuid4()})"}})) == "VALIDATION_FAILED"
    # A conversation the caller cannot see, and another tenant's ids: NOT_FOUND.
    assert code(agnes.gql(NOTES, {"c": bobs["id"], "p": 1, "n": 20})) == "NOT_FOUND"
    assert code(agnes.gql(CREATE, {"c": bobs["id"], "input": {"content": "x"}})) == "NOT_FOUND"
    them = outsider.admin
    assert code(them.gql(NOTE, {"id": note["id"]})) == "NOT_FOUND"
    assert code(them.gql(NOTES, {"c": conv["id"], "p": 1, "n": 20})) == "NOT_FOUND"
    assert code(them.gql(UPDATE, {"id": note["id"], "input": {"content": "x"}})) == "NOT_FOUND"
    assert code(them.gql(DELETE, {"id": note["id"]})) == "NOT_FOUND"
    assert code(them.gql(CREATE, {"c": conv["id"], "input": {"content": "x"}})) == "NOT_FOUND"
    # Paging limits as REST.
    assert code(agnes.gql(NOTES, {"c": conv["id"], "p": 1, "n": 101})) == "VALIDATION_FAILED"

    assert notes_of(agnes, conv["id"]) == [note]
    assert notes_of(bob, bobs["id"]) == []


def test_a_moderator_edits_anyones_note(server, inbox, agnes, supervisor):
    conv = conversation(server, inbox, assign_to=agnes)
    note = create(agnes, conv["id"], "draft")
    result = supervisor.gql(UPDATE, {"id": note["id"], "input": {"content": "moderated"}})
    assert "errors" not in result, result
    assert result["data"]["updateNote"]["content"] == "moderated"
    assert result["data"]["updateNote"]["authorId"] == agnes.agent["id"]
    assert "errors" not in supervisor.gql(DELETE, {"id": note["id"]})
    assert notes_of(agnes, conv["id"]) == []
