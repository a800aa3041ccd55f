"""Conversation actions over real HTTP, with the reference's response shapes: assign / unassign
(supervisor+), status, read, tags (replace), takeover, bulk (1..100 ids; only visible ones of
the caller's tenant are touched) and expire (open conversations quiet for 24 h)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import (
    Inbox,
    customer_writes,
    inbox_fixture,
    new_conversations,
    set_conversation,
)

inbox = inbox_fixture("Inbox actions")


@pytest.fixture(scope="module")
def supervisor(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, role="supervisor", name="Sue Supervisor")
    yield actor
    actor.client.close()


@pytest.fixture(scope="module")
def agent(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, name="Agnes Agent")
    yield actor
    actor.client.close()


def conversations(server, inbox: Inbox, count: int) -> list[dict[str, Any]]:
    return new_conversations(server, inbox, [f"help {i}" for i in range(count)])


def fetch(inbox: Inbox, conv: dict[str, Any]) -> dict[str, Any]:
    response = inbox.admin.get(f"/api/conversations/{conv['id']}")
    assert response.status_code == 200, response.text
    return response.json()


def error_code(response) -> str:
    return response.json()["error"]["code"]


# ---------------------------------------------------------------- assign


def test_a_supervisor_assigns_and_unassigns(server, inbox, supervisor, agent):
    [conv] = conversations(server, inbox, 1)
    response = supervisor.patch(f"/api/conversations/{conv['id']}/assign", json={"agent_id": agent.agent["id"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"message", "conversation_id", "assigned_agent_id"}
    assert isinstance(body["message"], str) and body["message"]
    assert body["conversation_id"] == conv["id"] and body["assigned_agent_id"] == agent.agent["id"]
    assert fetch(inbox, conv)["assigned_agent_id"] == agent.agent["id"]
    assert agent.get(f"/api/conversations/{conv['id']}").status_code == 200

    response = supervisor.patch(f"/api/conversations/{conv['id']}/assign", json={"agent_id": None})
    assert response.status_code == 200, response.text
    assert response.json()["conversation_id"] == conv["id"] and response.json()["assigned_agent_id"] is None
    assert fetch(inbox, conv)["assigned_agent_id"] is None


def test_an_agent_cannot_assign(server, inbox, agent):
    [conv] = conversations(server, inbox, 1)
    response = agent.patch(f"/api/conversations/{conv['id']}/assign", json={"agent_id": agent.agent["id"]})
    assert response.status_code == 403, response.text
    assert error_code(response) == "FORBIDDEN"
    assert fetch(inbox, conv)["assigned_agent_id"] is None


@pytest.mark.parametrize("body", [
    {"agent_id": "random"}, {"agent_id": "not-a-uuid"}, {},
], ids=["unknown-agent", "not-a-uuid", "agent_id-missing"])
def test_assigning_to_no_such_agent_is_422(server, inbox, body):
    [conv] = conversations(server, inbox, 1)
    if body.get("agent_id") == "random":
        body = {"agent_id": str(uuid.uuid4())}
    response = inbox.admin.patch(f"/api/conversations/{conv['id']}/assign", json=body)
    assert response.status_code == 422, response.text
    assert error_code(response) == "VALIDATION_FAILED"
    assert fetch(inbox, conv)["assigned_agent_id"] is None


# ---------------------------------------------------------------- status, read, tags


def test_status_changes_answer_the_reference_shape(server, inbox, agent):
    [conv] = conversations(server, inbox, 1)
    for actor, status in ((inbox.admin, "pending"), (agent, "resolved"), (inbox.admin, "expired"),
                          (inbox.admin, "open")):
        response = actor.patch(f"/api/conversations/{conv['id']}/status", json={"status": status})
        assert response.status_code == 200, response.text
        assert response.json() == {"message": response.json()["message"], "conversation_id": conv["id"],
                                   "status": status}
        assert isinstance(response.json()["message"], str)
        assert fetch(inbox, conv)["status"] == status


@pytest.mark.parametrize("body", [{"status": "closed"}, {"status": None}, {}, {"status": "open", "x": 1}])
def test_an_invalid_status_is_422(server, inbox, body):
    [conv] = conversations(server, inbox, 1)
    response = inbox.admin.patch(f"/api/conversations/{conv['id']}/status", json=body)
    assert response.status_code == 422, response.text
    assert fetch(inbox, conv)["status"] == "open"


def test_read_resets_the_unread_count(server, inbox, agent):
    wa_id = "1555" + str(uuid.uuid4().int)[:9]
    customer_writes(server, inbox, wa_id, "one")
    conv = customer_writes(server, inbox, wa_id, "two")
    assert conv["unread_count"] == 2
    response = agent.post(f"/api/conversations/{conv['id']}/read")
    assert response.status_code == 200, response.text
    assert response.json() == {"message": response.json()["message"], "conversation_id": conv["id"],
                               "unread_count": 0}
    assert fetch(inbox, conv)["unread_count"] == 0
    again = agent.post(f"/api/conversations/{conv['id']}/read")  # idempotent
    assert again.status_code == 200 and again.json()["unread_count"] == 0


def test_tags_are_replaced(server, inbox, agent):
    [conv] = conversations(server, inbox, 1)
    path = f"/api/conversations/{conv['id']}/tags"
    response = inbox.admin.patch(path, json={"tags": ["vip", "billing"]})
    assert response.status_code == 200, response.text
    assert response.json() == {"message": response.json()["message"], "conversation_id": conv["id"],
                               "tags": ["vip", "billing"]}
    response = agent.patch(path, json={"tags": ["urgent"]})
    assert response.status_code == 200 and response.json()["tags"] == ["urgent"]
    assert fetch(inbox, conv)["tags"] == ["urgent"]
    response = inbox.admin.patch(path, json={"tags": []})
    assert response.status_code == 200 and response.json()["tags"] == []
    assert fetch(inbox, conv)["tags"] == []


@pytest.mark.parametrize("body", [
    {}, {"tags": "vip"}, {"tags": [""]}, {"tags": ["x" * 65]}, {"tags": [f"t{i}" for i in range(51)]},
    {"tags": [1]},
], ids=["missing", "not-a-list", "empty-tag", "tag-too-long", "too-many", "not-strings"])
def test_invalid_tags_are_422(server, inbox, body):
    [conv] = conversations(server, inbox, 1)
    response = inbox.admin.patch(f"/api/conversations/{conv['id']}/tags", json=body)
    assert response.status_code == 422, response.text
    assert fetch(inbox, conv)["tags"] == []


# ---------------------------------------------------------------- takeover


def test_takeover_assigns_the_caller(server, inbox, supervisor, agent):
    [conv] = conversations(server, inbox, 1)
    response = agent.post(f"/api/conversations/{conv['id']}/takeover")
    assert response.status_code == 200, response.text
    assert response.json() == {"message": response.json()["message"], "conversation_id": conv["id"],
                               "assigned_agent_id": agent.agent["id"]}
    assert fetch(inbox, conv)["assigned_agent_id"] == agent.agent["id"]

    # A supervisor takes it from the agent, who then no longer sees it.
    response = supervisor.post(f"/api/conversations/{conv['id']}/takeover")
    assert response.status_code == 200 and response.json()["assigned_agent_id"] == supervisor.agent["id"]
    assert fetch(inbox, conv)["assigned_agent_id"] == supervisor.agent["id"]
    assert agent.get(f"/api/conversations/{conv['id']}").status_code == 404


# ---------------------------------------------------------------- bulk


def bulk(actor: Actor, ids: list[str], action: dict[str, Any]):
    return actor.post("/api/conversations/bulk", json={"conversation_ids": ids, "action": action})


def test_bulk_resolve_and_reopen(server, inbox, supervisor):
    convs = conversations(server, inbox, 3)
    ids = [c["id"] for c in convs]
    response = bulk(supervisor, [*ids, str(uuid.uuid4())], {"type": "resolve"})
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"message", "affected_count"}
    assert response.json()["affected_count"] == 3
    assert {fetch(inbox, c)["status"] for c in convs} == {"resolved"}
    # Already resolved: nothing to change, nothing counted.
    assert bulk(supervisor, ids[:1], {"type": "resolve"}).json()["affected_count"] == 0
    response = bulk(supervisor, ids[:2], {"type": "reopen"})
    assert response.status_code == 200 and response.json()["affected_count"] == 2
    assert [fetch(inbox, c)["status"] for c in convs] == ["open", "open", "resolved"]


def test_bulk_assign_and_unassign(server, inbox, agent):
    convs = conversations(server, inbox, 2)
    ids = [c["id"] for c in convs]
    response = bulk(inbox.admin, ids + ids, {"type": "assign", "agent_id": agent.agent["id"]})  # repeats count once
    assert response.status_code == 200 and response.json()["affected_count"] == 2
    assert {fetch(inbox, c)["assigned_agent_id"] for c in convs} == {agent.agent["id"]}
    response = bulk(inbox.admin, ids, {"type": "assign", "agent_id": None})
    assert response.status_code == 200 and response.json()["affected_count"] == 2
    assert {fetch(inbox, c)["assigned_agent_id"] for c in convs} == {None}
    response = bulk(inbox.admin, ids, {"type": "assign", "agent_id": str(uuid.uuid4())})
    assert response.status_code == 422, response.text


def test_bulk_add_and_remove_tags(server, inbox):
    convs = conversations(server, inbox, 2)
    ids = [c["id"] for c in convs]
    assert inbox.admin.patch(f"/api/conversations/{ids[0]}/tags", json={"tags": ["vip"]}).status_code == 200
    response = bulk(inbox.admin, ids, {"type": "add_tags", "tags": ["vip", "follow-up"]})
    assert response.status_code == 200 and response.json()["affected_count"] == 2
    assert [fetch(inbox, c)["tags"] for c in convs] == [["vip", "follow-up"], ["vip", "follow-up"]]
    response = bulk(inbox.admin, ids, {"type": "remove_tags", "tags": ["vip"]})
    assert response.status_code == 200 and response.json()["affected_count"] == 2
    assert [fetch(inbox, c)["tags"] for c in convs] == [["follow-up"], ["follow-up"]]
    assert bulk(inbox.admin, ids, {"type": "remove_tags", "tags": ["vip"]}).json()["affected_count"] == 0


@pytest.mark.parametrize("count", [0, 101])
def test_bulk_takes_1_to_100_ids(server, inbox, count):
    [conv] = conversations(server, inbox, 1)
    ids = [conv["id"]] + [str(uuid.uuid4()) for _ in range(count - 1)] if count else []
    response = bulk(inbox.admin, ids, {"type": "resolve"})
    assert response.status_code == 422, response.text
    assert error_code(response) == "VALIDATION_FAILED"
    assert fetch(inbox, conv)["status"] == "open"


def test_bulk_ids_must_be_uuids(server, inbox):
    [conv] = conversations(server, inbox, 1)
    response = bulk(inbox.admin, [conv["id"], "not-a-uuid"], {"type": "resolve"})
    assert response.status_code == 422, response.text
    response = inbox.admin.post("/api/conversations/bulk", json={"conversation_ids": conv["id"],
                                                                 "action": {"type": "resolve"}})
    assert response.status_code == 422, response.text
    assert fetch(inbox, conv)["status"] == "open"


def test_bulk_with_100_ids_is_accepted(server, inbox):
    [conv] = conversations(server, inbox, 1)
    response = bulk(inbox.admin, [conv["id"]] + [str(uuid.uuid4()) for _ in range(99)], {"type": "resolve"})
    assert response.status_code == 200 and response.json()["affected_count"] == 1


@pytest.mark.parametrize("action", [
    {"type": "archive"}, {"type": "add_tags"}, {"type": "remove_tags", "tags": []}, {},
], ids=["unknown-type", "add-without-tags", "remove-empty-tags", "no-type"])
def test_an_invalid_bulk_action_is_422(server, inbox, action):
    [conv] = conversations(server, inbox, 1)
    response = bulk(inbox.admin, [conv["id"]], action)
    assert response.status_code == 422, response.text
    assert fetch(inbox, conv)["status"] == "open" and fetch(inbox, conv)["tags"] == []


def test_an_agent_cannot_bulk(server, inbox, agent):
    [conv] = conversations(server, inbox, 1)
    response = bulk(agent, [conv["id"]], {"type": "resolve"})
    assert response.status_code == 403, response.text
    assert fetch(inbox, conv)["status"] == "open"


def test_bulk_leaves_conversations_the_caller_cannot_see(server, inbox, agent):
    # A custom role that may bulk but only sees its own and unassigned conversations.
    role = inbox.admin.post("/api/roles", json={
        "name": "Bulk worker", "key": f"bulk-{uuid.uuid4().hex[:6]}",
        "permissions": ["conversations.read", "conversations.update", "conversations.bulk"]})
    assert role.status_code == 201, role.text
    worker = add_agent(inbox.admin, role=role.json()["key"], name="Bulk Worker")
    try:
        mine, unassigned, others = conversations(server, inbox, 3)
        for conv, who in ((mine, worker), (others, agent)):
            assert inbox.admin.patch(f"/api/conversations/{conv['id']}/assign",
                                     json={"agent_id": who.agent["id"]}).status_code == 200
        response = bulk(worker, [mine["id"], unassigned["id"], others["id"]], {"type": "resolve"})
        assert response.status_code == 200 and response.json()["affected_count"] == 2
        assert [fetch(inbox, c)["status"] for c in (mine, unassigned, others)] == ["resolved", "resolved", "open"]
    finally:
        worker.client.close()


# ---------------------------------------------------------------- expire


def test_expire_closes_open_conversations_quiet_for_24_hours(server, inbox, supervisor, agent):
    stale, pending_stale, resolved_stale, fresh, nearly = conversations(server, inbox, 5)
    old = datetime.now(UTC) - timedelta(hours=25)
    for conv in (stale, pending_stale, resolved_stale):
        set_conversation(server, inbox, conv["id"], last_message_at=old)
    set_conversation(server, inbox, nearly["id"], last_message_at=datetime.now(UTC) - timedelta(hours=23))
    assert inbox.admin.patch(f"/api/conversations/{pending_stale['id']}/status",
                             json={"status": "pending"}).status_code == 200
    assert inbox.admin.patch(f"/api/conversations/{resolved_stale['id']}/status",
                             json={"status": "resolved"}).status_code == 200

    assert agent.post("/api/conversations/expire").status_code == 403
    assert fetch(inbox, stale)["status"] == "open"

    response = supervisor.post("/api/conversations/expire")
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"message", "expired_count"}
    assert response.json()["expired_count"] == 1
    assert [fetch(inbox, c)["status"] for c in (stale, pending_stale, resolved_stale, fresh, nearly)] == [
        "expired", "pending", "resolved", "open", "open"]
    # Nothing is left to expire.
    assert inbox.admin.post("/api/conversations/expire").json()["expired_count"] == 0
