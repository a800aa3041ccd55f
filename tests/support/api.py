"""Small helpers over real HTTP: register tenants, make agents, call GraphQL."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

_counter = itertools.count()
PASSWORD = "correct-horse-battery"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{next(_counter)}-{uuid.uuid4().hex[:8]}@example.com"


@dataclass
class Actor:
    """Someone holding credentials against the live server."""

    client: httpx.Client
    token: str
    agent: dict[str, Any]
    tenant: dict[str, Any] = field(default_factory=dict)
    password: str = PASSWORD

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("PATCH", path, **kw)

    def put(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("PUT", path, **kw)

    def delete(self, path: str, **kw: Any) -> httpx.Response:
        return self.request("DELETE", path, **kw)

    def gql(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
        response = self.post("/graphql", json={"query": query, "variables": variables or {}}, **kw)
        assert response.status_code == 200, response.text
        return response.json()


def register(client: httpx.Client, org: str = "Acme") -> Actor:
    email = unique_email("admin")
    response = client.post("/api/auth/register", json={
        "organization_name": f"{org} {uuid.uuid4().hex[:6]}", "name": "Ada Admin", "email": email, "password": PASSWORD,
    })
    assert response.status_code == 201, response.text
    body = response.json()
    return Actor(client, body["token"], body["agent"], body["tenant"])


def login(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    return client.post("/api/auth/login", json={"email": email, "password": password})


def add_agent(admin: Actor, role: str = "agent", name: str = "Agent Smith") -> Actor:
    email = unique_email(role)
    response = admin.post("/api/agents", json={"name": name, "email": email, "password": PASSWORD, "role": role})
    assert response.status_code == 201, response.text
    logged = login(admin.client, email)
    assert logged.status_code == 200, logged.text
    body = logged.json()
    # A fresh client: cookies of one actor must not authenticate another.
    client = httpx.Client(base_url=str(admin.client.base_url), timeout=30)
    return Actor(client, body["token"], body["agent"], admin.tenant)
