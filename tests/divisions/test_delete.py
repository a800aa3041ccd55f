"""Deleting a division: refused (409 with the count) while it holds open or pending
conversations, unless move_to_division_id (JSON body or query string) names the division that
takes over all of its conversations; closed ones are detached otherwise. The transfer history
keeps naming the deleted division."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.divisions.support import add_agents, error_of, get, new_division
from tests.support.api import Actor, add_agent, register
from tests.support.inbox_rest import Inbox, inbox_fixture, new_conversations

inbox = inbox_fixture("Division deletes")


@pytest.fixture(scope="module")
def admin(inbox) -> Actor:
    return inbox.admin


@pytest.fixture(scope="module")
def outsider(server) -> Iterator[Actor]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c, org="Other org")


def into_division(server, inbox: Inbox, division: dict, statuses: list[str]) -> list[dict]:
    """New conversations transferred into the division, then given these statuses."""
    conversations = new_conversations(server, inbox, [f"customer {i}" for i in range(len(statuses))])
    for conversation, status in zip(conversations, statuses, strict=True):
        moved = inbox.admin.post(f"/api/conversations/{conversation['id']}/transfer",
                                 json={"to_division_id": division["id"]})
        assert moved.status_code == 201, moved.text
        if status != "open":
            changed = inbox.admin.patch(f"/api/conversations/{conversation['id']}/status", json={"status": status})
            assert changed.status_code == 200, changed.text
    return conversations


def division_of(admin: Actor, conversation: dict) -> str | None:
    return get(admin, f"/api/conversations/{conversation['id']}")["division_id"]


def test_an_empty_division_is_deleted_with_its_memberships(admin):
    agent = add_agent(admin, name="Member Agent")
    division = add_agents(admin, new_division(admin), agent)
    response = admin.delete(f"/api/divisions/{division['id']}")
    assert response.status_code == 200, response.text
    assert response.json() == {"message": "Division deleted", "division_id": division["id"],
                               "moved_to_division_id": None, "moved_conversations": 0}
    error_of(admin.get(f"/api/divisions/{division['id']}"), 404, "NOT_FOUND")
    error_of(admin.delete(f"/api/divisions/{division['id']}"), 404, "NOT_FOUND")
    assert get(admin, f"/api/agents/{agent.agent['id']}")["id"] == agent.agent["id"]  # the agent stays


def test_open_or_pending_conversations_block_the_delete(server, inbox, admin):
    division = new_division(admin)
    conversations = into_division(server, inbox, division, ["open", "pending", "resolved"])
    error = error_of(admin.delete(f"/api/divisions/{division['id']}"), 409, "CONFLICT")
    assert error["details"] == {"open_conversations": 2}
    assert "2 open or pending" in error["message"] and "move_to_division_id" in error["message"]
    assert get(admin, f"/api/divisions/{division['id']}")["id"] == division["id"]
    assert [division_of(admin, c) for c in conversations] == [division["id"]] * 3


def test_closed_conversations_alone_do_not_block_and_are_detached(server, inbox, admin):
    division = new_division(admin)
    conversations = into_division(server, inbox, division, ["resolved", "expired"])
    response = admin.delete(f"/api/divisions/{division['id']}")
    assert response.status_code == 200, response.text
    assert [division_of(admin, c) for c in conversations] == [None, None]


@pytest.mark.parametrize("where", ["body", "query"])
def test_move_to_division_id_moves_every_conversation_first(server, inbox, admin, where):
    division, heir = new_division(admin), new_division(admin)
    conversations = into_division(server, inbox, division, ["open", "pending", "resolved"])
    request = ({"json": {"move_to_division_id": heir["id"]}} if where == "body"
               else {"params": {"move_to_division_id": heir["id"]}})
    response = admin.request("DELETE", f"/api/divisions/{division['id']}", **request)
    assert response.status_code == 200, response.text
    assert response.json() == {"message": "Division deleted", "division_id": division["id"],
                               "moved_to_division_id": heir["id"], "moved_conversations": 3}
    assert [division_of(admin, c) for c in conversations] == [heir["id"]] * 3
    error_of(admin.get(f"/api/divisions/{division['id']}"), 404, "NOT_FOUND")
    # The history still says where the conversation went, though that division is gone.
    [entry] = get(admin, f"/api/conversations/{conversations[0]['id']}/transfers")
    assert entry["to_division_id"] == division["id"]


def test_a_bad_move_target_is_refused_and_nothing_moves(server, inbox, admin, outsider):
    division, heir = new_division(admin), new_division(admin)
    [conversation] = into_division(server, inbox, division, ["open"])
    theirs = new_division(outsider)
    path = f"/api/divisions/{division['id']}"
    for request in ({"json": {"move_to_division_id": division["id"]}},
                    {"json": {"move_to_division_id": theirs["id"]}},
                    {"params": {"move_to_division_id": str(uuid.uuid4())}},
                    {"params": {"move_to_division_id": "nope"}},
                    {"json": {"move_to_division_id": heir["id"]}, "params": {"move_to_division_id": theirs["id"]}},
                    {"json": {"move_to": heir["id"]}}):
        error = error_of(admin.request("DELETE", path, **request), 422, "VALIDATION_FAILED")
        assert error["details"][0]["field"] in ("move_to_division_id", "move_to"), error
    assert get(admin, path)["id"] == division["id"]
    assert division_of(admin, conversation) == division["id"]
    assert get(outsider, f"/api/divisions/{theirs['id']}")["id"] == theirs["id"]
