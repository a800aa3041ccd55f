"""Divisions over GraphQL: the same data as REST field for field, the same resolvers (so the same
rules and error codes), and `Division.agents` batched on lists."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.divisions.support import add_agents, camel, get, gql_data, gql_error, new_division
from tests.support.api import Actor, add_agent, register
from tests.support.inbox_rest import inbox_fixture, new_conversations

AGENT_FIELDS = "id tenantId name email role permissions status accountStatus lastSeenAt createdAt updatedAt"
DIVISION = f"id name description agentCount createdAt updatedAt agents {{ {AGENT_FIELDS} }}"
CREATE = f"mutation($input: DivisionCreateInput!) {{ createDivision(input: $input) {{ {DIVISION} }} }}"
UPDATE = f"mutation($id: UUID!, $input: DivisionUpdateInput!) {{ updateDivision(id: $id, input: $input) {{ {DIVISION} }} }}"
GET = f"query($id: UUID!) {{ division(id: $id) {{ {DIVISION} }} }}"
ADD = "mutation($id: UUID!, $ids: [UUID!]!) { addDivisionAgents(id: $id, agentIds: $ids) { agentCount agents { id } } }"
REMOVE = "mutation($id: UUID!, $ids: [UUID!]!) { removeDivisionAgents(id: $id, agentIds: $ids) { agentCount agents { id } } }"
DELETE = """mutation($id: UUID!, $to: UUID) {
  deleteDivision(id: $id, moveToDivisionId: $to) { message divisionId movedToDivisionId movedConversations }
}"""


inbox = inbox_fixture("Divisions GraphQL")


@pytest.fixture(scope="module")
def admin(inbox) -> Actor:
    return inbox.admin


@pytest.fixture(scope="module")
def agent(admin) -> Actor:
    return add_agent(admin, name="Gina Agent")


@pytest.fixture(scope="module")
def outsider(server) -> Iterator[Actor]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c, org="Other org")


def as_rest(value: Any) -> Any:
    """A GraphQL value compared with REST's: timestamps as instants (Z vs +00:00)."""
    if isinstance(value, dict):
        return {k: as_rest(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_rest(v) for v in value]
    if isinstance(value, str) and len(value) > 19 and value[4] == "-" and value[10] == "T":
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def camelised(rest: Any) -> Any:
    if isinstance(rest, dict):
        return {camel(k): camelised(v) for k, v in rest.items()}
    if isinstance(rest, list):
        return [camelised(v) for v in rest]
    return rest


def test_a_division_reads_the_same_through_both_doors(admin, agent):
    created = gql_data(admin, CREATE, {"input": {"name": f"Parity {uuid.uuid4().hex[:6]}", "description": "Both"}})
    division = created["createDivision"]
    assert (division["agentCount"], division["agents"]) == (0, [])
    add_agents(admin, division, agent)
    rest = get(admin, f"/api/divisions/{division['id']}")
    fields = {f["name"] for f in admin.gql('{ __type(name: "Division") { fields { name } } }')["data"]["__type"]["fields"]}
    assert fields == {camel(k) for k in rest}
    node = gql_data(admin, GET, {"id": division["id"]})["division"]
    assert as_rest(node) == as_rest(camelised(rest))

    listed = gql_data(admin, "query($q: String!) { divisions(q: $q) { total items { id agentCount } } }",
                      {"q": division["name"]})["divisions"]
    assert listed == {"total": 1, "items": [{"id": division["id"], "agentCount": 1}]}


def test_update_keeps_absent_fields_and_clears_an_explicit_null(admin):
    division = new_division(admin, description="Keep me")
    renamed = gql_data(admin, UPDATE, {"id": division["id"], "input": {"name": "GQL " + division["name"]}})
    assert renamed["updateDivision"]["description"] == "Keep me"
    cleared = gql_data(admin, UPDATE, {"id": division["id"], "input": {"description": None}})["updateDivision"]
    assert (cleared["name"], cleared["description"]) == ("GQL " + division["name"], None)
    error = gql_error(admin, UPDATE, {"id": division["id"], "input": {"name": None}})
    assert error["extensions"]["code"] == "VALIDATION_FAILED"


def test_agents_are_added_and_removed_with_the_same_rules(admin, agent, outsider):
    division = new_division(admin)
    ids = [agent.agent["id"], admin.agent["id"]]
    added = gql_data(admin, ADD, {"id": division["id"], "ids": ids})["addDivisionAgents"]
    assert added["agentCount"] == 2 and {a["id"] for a in added["agents"]} == set(ids)
    assert gql_data(admin, ADD, {"id": division["id"], "ids": ids})["addDivisionAgents"]["agentCount"] == 2

    error = gql_error(admin, ADD, {"id": division["id"], "ids": [outsider.agent["id"]]})
    assert error["extensions"]["code"] == "VALIDATION_FAILED" and outsider.agent["id"] in error["message"]
    removed = gql_data(admin, REMOVE, {"id": division["id"], "ids": [agent.agent["id"]]})["removeDivisionAgents"]
    assert removed == {"agentCount": 1, "agents": [{"id": admin.agent["id"]}]}
    paged = gql_data(admin, "query($id: UUID!) { divisionAgents(id: $id) { total items { id } } }",
                     {"id": division["id"]})["divisionAgents"]
    assert paged == {"total": 1, "items": [{"id": admin.agent["id"]}]}


def test_delete_is_refused_while_open_conversations_remain(server, inbox, admin):
    division, heir = new_division(admin), new_division(admin)
    [conversation] = new_conversations(server, inbox, ["still open"])
    moved = admin.post(f"/api/conversations/{conversation['id']}/transfer", json={"to_division_id": division["id"]})
    assert moved.status_code == 201, moved.text

    error = gql_error(admin, DELETE, {"id": division["id"]})
    assert error["extensions"]["code"] == "CONFLICT" and error["extensions"]["details"] == {"open_conversations": 1}
    deleted = gql_data(admin, DELETE, {"id": division["id"], "to": heir["id"]})["deleteDivision"]
    assert deleted == {"message": "Division deleted", "divisionId": division["id"], "movedToDivisionId": heir["id"],
                       "movedConversations": 1}
    node = gql_data(admin, "query($id: UUID!) { conversation(id: $id) { divisionId } }", {"id": conversation["id"]})
    assert node["conversation"]["divisionId"] == heir["id"]


def test_roles_and_tenants_hold_through_graphql(admin, agent, outsider):
    division = new_division(admin)
    assert gql_data(agent, GET, {"id": division["id"]})["division"]["id"] == division["id"]
    for query, variables in ((CREATE, {"input": {"name": "Agent's own"}}),
                             (UPDATE, {"id": division["id"], "input": {"name": "Agent's"}}),
                             (ADD, {"id": division["id"], "ids": [agent.agent["id"]]}),
                             (DELETE, {"id": division["id"]})):
        assert gql_error(agent, query, variables)["extensions"]["code"] == "FORBIDDEN"
    for query, variables in ((GET, {"id": division["id"]}),
                             (UPDATE, {"id": division["id"], "input": {"name": "Hijacked"}}),
                             (REMOVE, {"id": division["id"], "ids": [outsider.agent["id"]]}),
                             (DELETE, {"id": division["id"]})):
        assert gql_error(outsider, query, variables)["extensions"]["code"] == "NOT_FOUND"
    assert get(admin, f"/api/divisions/{division['id']}")["name"] == division["name"]


def test_agents_of_a_page_of_divisions_cost_one_query(admin, agent):
    tag = uuid.uuid4().hex[:6]
    for i in range(7):  # one more than the largest page: every page counts its total the same way
        add_agents(admin, new_division(admin, f"{tag} {i}"), agent, admin)
    query = "query($q: String!, $n: Int!) { divisions(q: $q, perPage: $n) { items { agents { name } } } }"
    counts = {}
    for per_page in (1, 6):
        response = admin.post("/graphql", json={"query": query, "variables": {"q": tag, "n": per_page}})
        body = response.json()
        assert not body.get("errors"), body
        assert [len(d["agents"]) for d in body["data"]["divisions"]["items"]] == [2] * per_page
        counts[per_page] = int(response.headers["x-sql-statements"])
    assert counts[1] == counts[6], counts
