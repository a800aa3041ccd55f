"""Transfers over real HTTP: to an agent, to a division (its queue, unassigned), to an agent of a
division; the history entry and list; validation; an agent transfers only what they can see;
other tenants get 404; GraphQL gives the same entries and codes."""

from __future__ import annotations

import uuid

from tests.divisions.support import add_agents, camel, error_of, get, gql_data, gql_error, new_division
from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import Inbox, iso, new_conversations
from tests.support.team import inbox_team_fixtures

ENTRY_FIELDS = {"id", "conversation_id", "from_agent_id", "to_agent_id", "from_division_id", "to_division_id",
                "reason", "transferred_by", "created_at"}
TRANSFER = "mutation($id: UUID!, $input: TransferInput!) { transferConversation(id: $id, input: $input) { %s } }"
HISTORY = "query($id: UUID!) { conversationTransfers(id: $id) { total items { %s } } }"


inbox, admin, supervisor, alice, bob, outsider = inbox_team_fixtures("Transfers")


def fresh(server, inbox: Inbox, count: int = 1) -> list[dict]:
    return new_conversations(server, inbox, [f"please help {i}" for i in range(count)])


def transfer(actor: Actor, conversation: dict, **body) -> dict:
    response = actor.post(f"/api/conversations/{conversation['id']}/transfer", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def conversation_now(admin: Actor, conversation: dict) -> dict:
    return get(admin, f"/api/conversations/{conversation['id']}")


def history(actor: Actor, conversation: dict) -> list[dict]:
    return get(actor, f"/api/conversations/{conversation['id']}/transfers?per_page=100")


# ---------------------------------------------------------------- the three kinds of transfer


def test_to_an_agent(server, inbox, admin, alice, bob):
    [conversation] = fresh(server, inbox)
    first = transfer(admin, conversation, to_agent_id=alice.agent["id"], reason="Speaks Portuguese")
    assert set(first) == ENTRY_FIELDS
    assert first["conversation_id"] == conversation["id"]
    assert (first["from_agent_id"], first["to_agent_id"], first["from_division_id"], first["to_division_id"]) == (
        None, alice.agent["id"], None, None)
    assert (first["reason"], first["transferred_by"]) == ("Speaks Portuguese", admin.agent["id"])
    assert first["created_at"].endswith("Z")
    assert conversation_now(admin, conversation)["assigned_agent_id"] == alice.agent["id"]

    second = transfer(alice, conversation, to_agent_id=bob.agent["id"])  # a plain agent hands it on
    assert (second["from_agent_id"], second["to_agent_id"], second["reason"], second["transferred_by"]) == (
        alice.agent["id"], bob.agent["id"], None, alice.agent["id"])
    listed = admin.get(f"/api/conversations/{conversation['id']}/transfers")
    assert listed.status_code == 200 and listed.headers["x-total-count"] == "2"
    assert listed.json() == [second, first]  # newest first
    assert iso(second["created_at"]) >= iso(first["created_at"])


def test_to_a_division_puts_it_in_the_queue_unassigned(server, inbox, admin, alice):
    support = new_division(admin)
    [conversation] = fresh(server, inbox)
    transfer(admin, conversation, to_agent_id=alice.agent["id"])
    entry = transfer(admin, conversation, to_division_id=support["id"], reason="Needs the support team")
    assert (entry["from_agent_id"], entry["to_agent_id"], entry["from_division_id"], entry["to_division_id"]) == (
        alice.agent["id"], None, None, support["id"])
    now = conversation_now(admin, conversation)
    assert (now["assigned_agent_id"], now["division_id"]) == (None, support["id"])


def test_to_an_agent_of_a_division(server, inbox, admin, alice, bob):
    sales, support = new_division(admin), new_division(admin)
    add_agents(admin, sales, alice)
    [conversation] = fresh(server, inbox)
    transfer(admin, conversation, to_division_id=support["id"])

    error = error_of(admin.post(f"/api/conversations/{conversation['id']}/transfer",
                                json={"to_agent_id": bob.agent["id"], "to_division_id": sales["id"]}),
                     422, "VALIDATION_FAILED")
    assert error["details"] == [{"field": "to_agent_id", "message": "the agent does not belong to to_division_id"}]
    entry = transfer(admin, conversation, to_agent_id=alice.agent["id"], to_division_id=sales["id"])
    assert (entry["from_agent_id"], entry["to_agent_id"], entry["from_division_id"], entry["to_division_id"]) == (
        None, alice.agent["id"], support["id"], sales["id"])
    now = conversation_now(admin, conversation)
    assert (now["assigned_agent_id"], now["division_id"]) == (alice.agent["id"], sales["id"])


def test_to_an_agent_alone_follows_their_only_division(server, inbox, admin):
    carol = add_agent(admin, name="Carol Agent")  # her own: the module's agents join other divisions
    billing = add_agents(admin, new_division(admin), carol)
    [conversation] = fresh(server, inbox)
    entry = transfer(admin, conversation, to_agent_id=carol.agent["id"])
    assert (entry["to_agent_id"], entry["to_division_id"]) == (carol.agent["id"], billing["id"])


def test_a_transfer_that_changes_nothing_is_refused(server, inbox, admin, alice):
    [conversation] = fresh(server, inbox)
    transfer(admin, conversation, to_agent_id=alice.agent["id"])
    error_of(admin.post(f"/api/conversations/{conversation['id']}/transfer", json={"to_agent_id": alice.agent["id"]}),
             409, "CONFLICT")
    assert len(history(admin, conversation)) == 1


# ---------------------------------------------------------------- validation


def test_bad_targets_are_refused_and_nothing_is_written(server, inbox, admin, outsider):
    [conversation] = fresh(server, inbox)
    suspended = add_agent(admin, name="Suspended Agent")
    assert admin.patch(f"/api/agents/{suspended.agent['id']}", json={"account_status": "suspended"}).status_code == 200
    gone = add_agent(admin, name="Gone Agent")
    assert admin.delete(f"/api/agents/{gone.agent['id']}").status_code == 200
    theirs = new_division(outsider)
    cases = [
        ({}, None),
        ({"reason": "no target"}, None),
        ({"to_agent_id": None, "to_division_id": None}, None),
        ({"to_agent_id": outsider.agent["id"]}, "to_agent_id"),
        ({"to_agent_id": str(uuid.uuid4())}, "to_agent_id"),
        ({"to_agent_id": suspended.agent["id"]}, "to_agent_id"),
        ({"to_agent_id": gone.agent["id"]}, "to_agent_id"),
        ({"to_agent_id": "not-a-uuid"}, "to_agent_id"),
        ({"to_division_id": theirs["id"]}, "to_division_id"),
        ({"to_division_id": str(uuid.uuid4())}, "to_division_id"),
        ({"to_agent_id": admin.agent["id"], "reason": "r" * 1001}, "reason"),
        ({"to_agent_id": admin.agent["id"], "priority": "high"}, "priority"),
    ]
    for body, field in cases:
        error = error_of(admin.post(f"/api/conversations/{conversation['id']}/transfer", json=body),
                         422, "VALIDATION_FAILED")
        if field is not None:
            assert error["details"][0]["field"] == field, (body, error)
    now = conversation_now(admin, conversation)
    assert (now["assigned_agent_id"], now["division_id"]) == (None, None)
    assert history(admin, conversation) == []
    assert get(outsider, f"/api/divisions/{theirs['id']}")["id"] == theirs["id"]


# ---------------------------------------------------------------- who may transfer what


def test_an_agent_transfers_only_what_they_can_see(server, inbox, admin, alice, bob):
    own, theirs, unassigned = fresh(server, inbox, 3)
    transfer(admin, own, to_agent_id=alice.agent["id"])
    transfer(admin, theirs, to_agent_id=bob.agent["id"])

    error_of(alice.post(f"/api/conversations/{theirs['id']}/transfer", json={"to_agent_id": alice.agent["id"]}),
             404, "NOT_FOUND")
    error_of(alice.get(f"/api/conversations/{theirs['id']}/transfers"), 404, "NOT_FOUND")
    assert conversation_now(admin, theirs)["assigned_agent_id"] == bob.agent["id"]
    assert len(history(admin, theirs)) == 1

    assert len(history(alice, own)) == 1  # her own conversation's history is hers to read
    transfer(alice, unassigned, to_agent_id=alice.agent["id"], reason="I'll take it")
    transfer(alice, own, to_agent_id=bob.agent["id"])
    error_of(alice.get(f"/api/conversations/{own['id']}"), 404, "NOT_FOUND")  # handed on: no longer hers
    assert conversation_now(admin, own)["assigned_agent_id"] == bob.agent["id"]


def test_every_role_may_transfer(server, inbox, admin, supervisor, alice):
    for actor in (admin, supervisor, alice):
        [conversation] = fresh(server, inbox)
        assert transfer(actor, conversation, to_agent_id=actor.agent["id"])["transferred_by"] == actor.agent["id"]


def test_another_tenants_conversation_is_not_found(server, inbox, admin, alice, outsider):
    [conversation] = fresh(server, inbox)
    transfer(admin, conversation, to_agent_id=alice.agent["id"])
    for body in ({"to_agent_id": outsider.agent["id"]}, {"to_agent_id": alice.agent["id"]}):
        error_of(outsider.post(f"/api/conversations/{conversation['id']}/transfer", json=body), 404, "NOT_FOUND")
    error_of(outsider.get(f"/api/conversations/{conversation['id']}/transfers"), 404, "NOT_FOUND")
    assert conversation_now(admin, conversation)["assigned_agent_id"] == alice.agent["id"]
    assert len(history(admin, conversation)) == 1


# ---------------------------------------------------------------- GraphQL


def test_graphql_gives_the_same_entries_and_codes(server, inbox, admin, alice, outsider):
    [conversation] = fresh(server, inbox)
    division = add_agents(admin, new_division(admin), alice)
    fields = " ".join(camel(f) for f in sorted(ENTRY_FIELDS))
    made = gql_data(admin, TRANSFER % fields, {"id": conversation["id"], "input": {
        "toAgentId": alice.agent["id"], "toDivisionId": division["id"], "reason": "Over GraphQL"}})
    entry = made["transferConversation"]
    [rest] = history(admin, conversation)
    assert {camel(k): v for k, v in rest.items() if k != "created_at"} == {
        k: v for k, v in entry.items() if k != "createdAt"}
    assert iso(rest["created_at"]) == iso(entry["createdAt"])
    listed = gql_data(admin, HISTORY % "id", {"id": conversation["id"]})["conversationTransfers"]
    assert listed == {"total": 1, "items": [{"id": entry["id"]}]}
    node = gql_data(admin, "query($id: UUID!) { conversation(id: $id) { divisionId assignedAgentId } }",
                    {"id": conversation["id"]})["conversation"]
    assert node == {"divisionId": division["id"], "assignedAgentId": alice.agent["id"]}

    assert gql_error(admin, TRANSFER % "id", {"id": conversation["id"], "input": {"reason": "nowhere"}}
                     )["extensions"]["code"] == "VALIDATION_FAILED"
    assert gql_error(outsider, TRANSFER % "id", {"id": conversation["id"], "input": {
        "toAgentId": outsider.agent["id"]}})["extensions"]["code"] == "NOT_FOUND"
    assert gql_error(outsider, HISTORY % "id", {"id": conversation["id"]})["extensions"]["code"] == "NOT_FOUND"
