"""Helpers over real HTTP shared by the division and transfer tests."""

from __future__ import annotations

import uuid
from typing import Any

from tests.support.api import Actor


def new_division(admin: Actor, name: str | None = None, **extra: Any) -> dict[str, Any]:
    response = admin.post("/api/divisions", json={"name": name or f"Team {uuid.uuid4().hex[:8]}", **extra})
    assert response.status_code == 201, response.text
    return response.json()


def add_agents(admin: Actor, division: dict[str, Any], *agents: Actor) -> dict[str, Any]:
    response = admin.post(f"/api/divisions/{division['id']}/agents",
                          json={"agent_ids": [a.agent["id"] for a in agents]})
    assert response.status_code == 200, response.text
    return response.json()


def get(actor: Actor, path: str) -> Any:
    response = actor.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    return error


def gql_data(actor: Actor, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = actor.gql(query, variables)
    assert not body.get("errors"), body
    return body["data"]


def gql_error(actor: Actor, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = actor.gql(query, variables)
    assert body.get("errors") and len(body["errors"]) == 1, body
    return body["errors"][0]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)
