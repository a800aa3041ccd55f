"""Tenants shared by the contract tests: two registrations for the whole run instead of one per
case keep hundreds of generated cases fast. Each case gets a fresh session (support.fresh_session),
so no case can end another's session; no test depends on what the others created."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.contract.support import cookieless_client
from tests.support.api import PASSWORD, Actor, register, unique_email
from tests.support.live import LiveServer


@pytest.fixture(scope="session")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


@pytest.fixture(scope="session", autouse=True)
def _graph_for_targets(fake_graph) -> None:
    """Isolation factories that need Meta's answer (WhatsApp templates) stub the fake Graph API."""
    from tests.contract import isolation_targets

    isolation_targets.GRAPH[:] = [fake_graph]


@pytest.fixture(scope="session")
def tenant_a(http: httpx.Client) -> Actor:
    """The admin of tenant A: the caller of the matrices."""
    return register(http, org="Contract A")


@pytest.fixture(scope="session")
def tenant_b(http: httpx.Client) -> Actor:
    """The admin of tenant B: owns the objects tenant A must not reach."""
    return register(http, org="Contract B")


def member(admin: Actor, role: str) -> Actor:
    """An agent with `role` in the admin's tenant (no login: support.fresh_session mints sessions)."""
    response = admin.post("/api/agents", json={
        "name": f"Contract {role}", "email": unique_email(role), "password": PASSWORD, "role": role,
    })
    assert response.status_code == 201, response.text
    return Actor(admin.client, "", response.json(), admin.tenant)


@pytest.fixture(scope="session")
def team(tenant_a: Actor) -> dict[str, Actor]:
    """One agent per built-in role in tenant A (tokens are minted per case)."""
    return {"admin": tenant_a, "supervisor": member(tenant_a, "supervisor"), "agent": member(tenant_a, "agent")}
