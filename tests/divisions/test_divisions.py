"""Divisions over real HTTP: create/list/get/update (admins), agents added and removed
idempotently (only the tenant's own agents; a 422 names the others and writes nothing), reads
for every role, other tenants' divisions not found, and a conversation following its agent into
their division on assignment."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.divisions.support import add_agents, error_of, get, new_division
from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import new_conversations
from tests.support.team import inbox_team_fixtures

DIVISION_FIELDS = {"id", "name", "description", "agent_count", "created_at", "updated_at"}


inbox, admin, supervisor, alice, bob, outsider = inbox_team_fixtures("Divisions")


def member_ids(division: dict) -> list[str]:
    return [a["id"] for a in division["agents"]]


# ---------------------------------------------------------------- create, read, update


def test_create_get_and_list(admin):
    name = f"Sales {uuid.uuid4().hex[:6]}"
    response = admin.post("/api/divisions", json={"name": f"  {name}  ", "description": "Closers"})
    assert response.status_code == 201, response.text
    created = response.json()
    assert set(created) == DIVISION_FIELDS | {"agents"}
    assert (created["name"], created["description"], created["agent_count"], created["agents"]) == (
        name, "Closers", 0, [])
    assert created["created_at"].endswith("Z")
    assert get(admin, f"/api/divisions/{created['id']}") == created

    listed = admin.get("/api/divisions", params={"q": name.split()[1], "per_page": 100})
    assert listed.status_code == 200 and listed.headers["x-total-count"] == "1", listed.text
    [row] = listed.json()
    assert row == {k: v for k, v in created.items() if k != "agents"}


def test_list_is_paginated_and_ordered_by_name(admin):
    tag = uuid.uuid4().hex[:6]
    for letter in "cab":
        new_division(admin, f"{tag} {letter}")
    first = admin.get("/api/divisions", params={"q": tag, "per_page": 2})
    second = admin.get("/api/divisions", params={"q": tag, "per_page": 2, "page": 2})
    assert first.headers["x-total-count"] == second.headers["x-total-count"] == "3"
    assert [d["name"] for d in first.json() + second.json()] == [f"{tag} a", f"{tag} b", f"{tag} c"]
    assert error_of(admin.get("/api/divisions", params={"per_page": 0}), 422, "VALIDATION_FAILED")


@pytest.mark.parametrize("body", [
    {}, {"name": ""}, {"name": "   "}, {"name": "x" * 101}, {"name": "Ok", "description": "d" * 1001},
    {"name": "Ok", "colour": "red"}, {"name": 42},
])
def test_create_refuses_bad_input(admin, body):
    before = admin.get("/api/divisions", params={"per_page": 1}).headers["x-total-count"]
    error_of(admin.post("/api/divisions", json=body), 422, "VALIDATION_FAILED")
    assert admin.get("/api/divisions", params={"per_page": 1}).headers["x-total-count"] == before


def test_names_are_unique_in_a_tenant_whatever_the_case(admin, outsider):
    name = f"Support {uuid.uuid4().hex[:6]}"
    new_division(admin, name)
    error = error_of(admin.post("/api/divisions", json={"name": name.upper()}), 409, "CONFLICT")
    assert error["details"] == [{"field": "name", "message": "already taken"}]
    new_division(outsider, name)  # another tenant may use the same name


def test_update_renames_and_clears_the_description(admin):
    division = new_division(admin, description="Old text")
    taken = new_division(admin)
    path = f"/api/divisions/{division['id']}"

    renamed = admin.patch(path, json={"name": "Renamed " + division["name"]})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["description"] == "Old text"  # absent fields stay
    cleared = admin.patch(path, json={"description": None}).json()
    assert (cleared["name"], cleared["description"]) == ("Renamed " + division["name"], None)
    assert cleared["updated_at"] >= division["updated_at"]

    error_of(admin.patch(path, json={"name": taken["name"]}), 409, "CONFLICT")
    error_of(admin.patch(path, json={"name": None}), 422, "VALIDATION_FAILED")
    error_of(admin.patch(path, json={"name": ""}), 422, "VALIDATION_FAILED")
    assert get(admin, path) == cleared
    error_of(admin.patch(f"/api/divisions/{uuid.uuid4()}", json={"name": "Nobody"}), 404, "NOT_FOUND")
    error_of(admin.get("/api/divisions/not-a-uuid"), 422, "VALIDATION_FAILED")


# ---------------------------------------------------------------- agents


def test_adding_and_removing_agents_is_idempotent(admin, alice, bob):
    division = new_division(admin)
    path = f"/api/divisions/{division['id']}/agents"
    added = admin.post(path, json={"agent_ids": [bob.agent["id"], alice.agent["id"], bob.agent["id"]]})
    assert added.status_code == 200, added.text
    body = added.json()
    assert member_ids(body) == [alice.agent["id"], bob.agent["id"]]  # by name, once each
    assert body["agent_count"] == 2
    assert body["agents"][0] == get(admin, f"/api/agents/{alice.agent['id']}")  # the agent object

    again = admin.post(path, json={"agent_ids": [alice.agent["id"]]})
    assert again.status_code == 200 and member_ids(again.json()) == member_ids(body)

    listed = admin.get(path, params={"per_page": 1})
    assert listed.status_code == 200 and listed.headers["x-total-count"] == "2"
    assert [a["id"] for a in listed.json()] == [alice.agent["id"]]

    removed = admin.request("DELETE", path, json={"agent_ids": [alice.agent["id"]]})
    assert removed.status_code == 200, removed.text
    assert member_ids(removed.json()) == [bob.agent["id"]] and removed.json()["agent_count"] == 1
    again = admin.request("DELETE", path, json={"agent_ids": [alice.agent["id"]]})
    assert again.status_code == 200 and member_ids(again.json()) == [bob.agent["id"]]
    assert admin.post(path, json={"agent_ids": []}).json()["agent_count"] == 1  # an empty list changes nothing


def test_an_agent_may_be_in_several_divisions(admin, alice):
    first, second = new_division(admin), new_division(admin)
    add_agents(admin, first, alice)
    add_agents(admin, second, alice)
    for division in (first, second):
        assert member_ids(get(admin, f"/api/divisions/{division['id']}")) == [alice.agent["id"]]
    counts = {d["id"]: d["agent_count"] for d in get(admin, "/api/divisions?per_page=100")}
    assert counts[first["id"]] == counts[second["id"]] == 1


def test_other_tenants_agents_are_named_and_nothing_is_written(admin, alice, bob, outsider):
    division = add_agents(admin, new_division(admin), bob)
    path = f"/api/divisions/{division['id']}/agents"
    stranger, ghost = outsider.agent["id"], str(uuid.uuid4())
    for method in ("POST", "DELETE"):
        response = admin.request(method, path, json={"agent_ids": [alice.agent["id"], stranger, ghost]})
        error = error_of(response, 422, "VALIDATION_FAILED")
        assert stranger in error["message"] and ghost in error["message"]
        assert error["details"] == [
            {"field": "agent_ids.1", "message": "no such agent in this organization", "value": stranger},
            {"field": "agent_ids.2", "message": "no such agent in this organization", "value": ghost},
        ]
        assert member_ids(get(admin, f"/api/divisions/{division['id']}")) == [bob.agent["id"]]
    for body in ({}, {"agent_ids": ["not-a-uuid"]}, {"agent_ids": "x"}, {"agent_ids": [str(uuid.uuid4())] * 101}):
        error_of(admin.post(path, json=body), 422, "VALIDATION_FAILED")


def test_deleted_agents_drop_out_and_cannot_be_added(admin):
    leaving = add_agent(admin, name="Leaving Agent")
    division = add_agents(admin, new_division(admin), leaving)
    assert admin.delete(f"/api/agents/{leaving.agent['id']}").status_code == 200
    assert get(admin, f"/api/divisions/{division['id']}")["agents"] == []
    assert get(admin, f"/api/divisions/{division['id']}")["agent_count"] == 0
    path = f"/api/divisions/{division['id']}/agents"
    error_of(admin.post(path, json={"agent_ids": [leaving.agent["id"]]}), 422, "VALIDATION_FAILED")
    # Removing the leftover membership of a deleted agent is allowed.
    assert admin.request("DELETE", path, json={"agent_ids": [leaving.agent["id"]]}).status_code == 200


# ---------------------------------------------------------------- roles and tenants


def test_every_role_reads_only_admins_manage(admin, supervisor, alice):
    division = add_agents(admin, new_division(admin), alice)
    path = f"/api/divisions/{division['id']}"
    for reader in (supervisor, alice):
        assert get(reader, path) == get(admin, path)
        assert division["id"] in {d["id"] for d in get(reader, "/api/divisions?per_page=100")}
        assert [a["id"] for a in get(reader, f"{path}/agents")] == [alice.agent["id"]]
        for method, sub, body in (("POST", "", {"name": "Mine"}), ("PATCH", path, {"name": "Mine"}),
                                  ("DELETE", path, None), ("POST", f"{path}/agents", {"agent_ids": []}),
                                  ("DELETE", f"{path}/agents", {"agent_ids": [alice.agent["id"]]})):
            target = sub or "/api/divisions"
            error_of(reader.request(method, target, json=body), 403, "FORBIDDEN")
    assert get(admin, path) == get(supervisor, path) and member_ids(get(admin, path)) == [alice.agent["id"]]


def test_another_tenants_division_is_not_found(admin, alice, outsider):
    division = add_agents(admin, new_division(admin), alice)
    path = f"/api/divisions/{division['id']}"
    before = get(admin, path)
    for method, target, body in (("GET", path, None), ("PATCH", path, {"name": "Hijacked"}), ("DELETE", path, None),
                                 ("GET", f"{path}/agents", None),
                                 ("POST", f"{path}/agents", {"agent_ids": [outsider.agent["id"]]}),
                                 ("DELETE", f"{path}/agents", {"agent_ids": [alice.agent["id"]]})):
        error_of(outsider.request(method, target, json=body), 404, "NOT_FOUND")
    assert get(admin, path) == before
    assert division["id"] not in {d["id"] for d in get(outsider, "/api/divisions?per_page=100")}


# ---------------------------------------------------------------- conversations follow their agent


def test_assignment_moves_a_conversation_into_the_agents_only_division(server, inbox, admin):
    sales, support = new_division(admin), new_division(admin)
    # Agents of their own: the module's agents are in divisions of other tests.
    alice, bob, carol = (add_agent(admin, name=name) for name in ("Alice Follow", "Bob Follow", "Carol Follow"))
    add_agents(admin, sales, alice)
    add_agents(admin, support, bob, carol)
    add_agents(admin, sales, carol)  # carol is in both
    first, second = new_conversations(server, inbox, ["follow me", "stay put"])
    assert first["division_id"] is None

    def assign(conversation: dict, agent: Actor) -> dict:
        response = admin.patch(f"/api/conversations/{conversation['id']}/assign", json={"agent_id": agent.agent["id"]})
        assert response.status_code == 200, response.text
        return get(admin, f"/api/conversations/{conversation['id']}")

    assert assign(first, alice)["division_id"] == sales["id"]  # alice is only in sales
    assert assign(first, bob)["division_id"] == support["id"]  # bob is only in support
    assert assign(first, carol)["division_id"] == support["id"]  # carol is in support too: it stays
    unassigned = admin.patch(f"/api/conversations/{first['id']}/assign", json={"agent_id": None})
    assert unassigned.status_code == 200
    assert get(admin, f"/api/conversations/{first['id']}")["division_id"] == support["id"]
    # Several divisions and none of them the conversation's: no guess, it stays.
    assert assign(second, carol)["division_id"] is None
    assert assign(second, admin)["division_id"] is None  # the admin is in no division


def test_concurrent_adds_of_the_same_agents_all_succeed_once(server, admin, alice, bob):
    division = new_division(admin)
    body = {"agent_ids": [alice.agent["id"], bob.agent["id"], admin.agent["id"]]}

    def add(_: int) -> int:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            return c.post(f"/api/divisions/{division['id']}/agents", json=body, headers=admin.headers).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(add, range(6)))
    assert statuses == [200] * 6
    assert get(admin, f"/api/divisions/{division['id']}")["agent_count"] == 3
    assert admin.get(f"/api/divisions/{division['id']}/agents").headers["x-total-count"] == "3"
