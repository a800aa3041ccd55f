"""REST/GraphQL parity: the same scenario through both doors gives the same data (REST snake_case
== GraphQL camelCase, field for field) and the same error code (REST error.code == GraphQL
errors[0].extensions.code), with the REST status the catalogue gives that code."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from resolvers._errors import HTTP_STATUS, ErrorCode
from tests.contract.support import error_of, fresh_session
from tests.support.api import PASSWORD, Actor, unique_email

CREATE_AGENT = "mutation($input: AgentCreateInput!) { createAgent(input: $input) { id } }"
GET_AGENT = "query($id: UUID!) { agent(id: $id) { id } }"
DELETE_AGENT = "mutation($id: UUID!) { deleteAgent(id: $id) { message } }"
UPDATE_AGENT = "mutation($id: UUID!, $input: AgentUpdateInput!) { updateAgent(id: $id, input: $input) { id } }"


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def _same(rest: Any, gql: Any) -> bool:
    if isinstance(rest, str) and isinstance(gql, str) and re.match(r"\d{4}-\d\d-\d\dT", rest):
        return datetime.fromisoformat(rest) == datetime.fromisoformat(gql)  # Z vs +00:00
    return rest == gql


def test_agent_reads_the_same_through_both_doors(tenant_a: Actor) -> None:
    admin = fresh_session(tenant_a)
    created = admin.post("/api/agents", json={
        "name": "Parity Agent", "email": unique_email("parity"), "password": PASSWORD, "role": "supervisor",
    })
    assert created.status_code == 201, created.text
    rest = admin.get(f"/api/agents/{created.json()['id']}").json()
    assert rest == created.json()

    fields = {snake: camel(snake) for snake in rest}
    introspected = admin.gql('{ __type(name: "Agent") { fields { name } } }')["data"]["__type"]["fields"]
    assert {f["name"] for f in introspected} == set(fields.values()), "GraphQL Agent and REST agent differ in fields"

    selection = " ".join(fields.values())
    result = admin.gql(f"query($id: UUID!) {{ agent(id: $id) {{ {selection} }} }}", {"id": rest["id"]})
    assert "errors" not in result, result
    node = result["data"]["agent"]
    different = {snake: (rest[snake], node[name]) for snake, name in fields.items() if not _same(rest[snake], node[name])}
    assert not different, f"REST vs GraphQL: {different}"


def _gql_error(result: dict[str, Any]) -> str:
    assert result.get("errors"), f"GraphQL succeeded where REST failed: {result}"
    return result["errors"][0].get("extensions", {}).get("code")


Scenario = Callable[[Actor, Actor, Actor], tuple[httpx.Response, dict[str, Any]]]


def _create(payload: dict[str, Any]) -> Scenario:
    def run(admin: Actor, agent: Actor, other: Actor) -> tuple[httpx.Response, dict[str, Any]]:
        return admin.post("/api/agents", json=payload), admin.gql(CREATE_AGENT, {"input": payload})
    return run


def _new_agent(**overrides: Any) -> dict[str, Any]:
    return {"name": "Someone", "email": unique_email("parity"), "password": PASSWORD, "role": "agent", **overrides}


def _agent_creates_agent(admin: Actor, agent: Actor, other: Actor) -> tuple[httpx.Response, dict[str, Any]]:
    payload = _new_agent()
    return agent.post("/api/agents", json=payload), agent.gql(CREATE_AGENT, {"input": payload})


def _other_tenant_read(admin: Actor, agent: Actor, other: Actor) -> tuple[httpx.Response, dict[str, Any]]:
    theirs = other.agent["id"]
    return admin.get(f"/api/agents/{theirs}"), admin.gql(GET_AGENT, {"id": theirs})


def _other_tenant_update(admin: Actor, agent: Actor, other: Actor) -> tuple[httpx.Response, dict[str, Any]]:
    theirs = other.agent["id"]
    return (admin.patch(f"/api/agents/{theirs}", json={"name": "Hijacked"}),
            admin.gql(UPDATE_AGENT, {"id": theirs, "input": {"name": "Hijacked"}}))


def _other_tenant_delete(admin: Actor, agent: Actor, other: Actor) -> tuple[httpx.Response, dict[str, Any]]:
    theirs = other.agent["id"]
    return admin.delete(f"/api/agents/{theirs}"), admin.gql(DELETE_AGENT, {"id": theirs})


def _anonymous(admin: Actor, agent: Actor, other: Actor) -> tuple[httpx.Response, dict[str, Any]]:
    client = admin.client
    gql = client.post("/graphql", json={"query": GET_AGENT, "variables": {"id": admin.agent["id"]}})
    assert gql.status_code == 200, gql.text
    return client.get(f"/api/agents/{admin.agent['id']}"), gql.json()


SCENARIOS: dict[str, tuple[Scenario, ErrorCode]] = {
    "short password": (_create(_new_agent(password="short")), ErrorCode.VALIDATION_FAILED),
    "unknown role": (_create(_new_agent(role="no-such-role")), ErrorCode.VALIDATION_FAILED),
    "invalid email": (_create(_new_agent(email="not-an-email")), ErrorCode.VALIDATION_FAILED),
    "agent role creates an agent": (_agent_creates_agent, ErrorCode.FORBIDDEN),
    "other tenant's agent: read": (_other_tenant_read, ErrorCode.NOT_FOUND),
    "other tenant's agent: update": (_other_tenant_update, ErrorCode.NOT_FOUND),
    "other tenant's agent: delete": (_other_tenant_delete, ErrorCode.NOT_FOUND),
    "no credentials": (_anonymous, ErrorCode.UNAUTHENTICATED),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_same_error_through_both_doors(name: str, tenant_a: Actor, tenant_b: Actor, team: dict[str, Actor]) -> None:
    scenario, expected = SCENARIOS[name]
    before = fresh_session(tenant_a).get("/api/agents", params={"per_page": 1}).headers["x-total-count"]
    rest, gql = scenario(fresh_session(tenant_a), fresh_session(team["agent"]), fresh_session(tenant_b))
    assert rest.status_code == HTTP_STATUS[expected], rest.text
    assert error_of(rest)["code"] == expected
    assert _gql_error(gql) == expected, gql
    # Neither door wrote anything on its way to the error.
    assert fresh_session(tenant_a).get("/api/agents", params={"per_page": 1}).headers["x-total-count"] == before
    theirs = fresh_session(tenant_b).get(f"/api/agents/{tenant_b.agent['id']}")
    assert theirs.status_code == 200 and theirs.json()["name"] == tenant_b.agent["name"]
