"""One organization per test module with a supervisor and an agent beside its admin (the
`boss`), over a cookieless client, plus the two response helpers those modules share.
Use: `http, boss, supervisor, agent = team_fixtures("Org name")` at module level."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.contract.support import cookieless_client
from tests.support.api import Actor, add_agent, register


def team_fixtures(org: str) -> tuple[Any, Any, Any, Any]:
    @pytest.fixture(scope="module")
    def http(server) -> Iterator[httpx.Client]:
        # Cookieless: several organizations register through it, and a session cookie left by one
        # must not ride along with another's bearer token.
        with cookieless_client(server.url) as client:
            yield client

    @pytest.fixture(scope="module")
    def boss(http) -> Actor:
        return register(http, org=org)

    @pytest.fixture(scope="module")
    def supervisor(boss) -> Iterator[Actor]:
        actor = add_agent(boss, role="supervisor", name="Sue Supervisor")
        yield actor
        actor.client.close()

    @pytest.fixture(scope="module")
    def agent(boss) -> Iterator[Actor]:
        actor = add_agent(boss, name="Agnes Agent")
        yield actor
        actor.client.close()

    return http, boss, supervisor, agent


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()["error"]


def inbox_team_fixtures(org: str) -> tuple[Any, Any, Any, Any, Any, Any]:
    """A module's organization with a WhatsApp inbox (tests/support/inbox_rest.py), its admin, a
    supervisor, two agents (alice, bob) and an outsider of another organization."""
    from tests.support.inbox_rest import inbox_fixture

    inbox = inbox_fixture(org)

    @pytest.fixture(scope="module")
    def admin(inbox) -> Actor:
        return inbox.admin

    @pytest.fixture(scope="module")
    def supervisor(admin) -> Actor:
        return add_agent(admin, role="supervisor", name="Sue Supervisor")

    @pytest.fixture(scope="module")
    def alice(admin) -> Actor:
        return add_agent(admin, name="Alice Agent")

    @pytest.fixture(scope="module")
    def bob(admin) -> Actor:
        return add_agent(admin, name="Bob Agent")

    @pytest.fixture(scope="module")
    def outsider(server) -> Iterator[Actor]:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            yield register(c, org="Other org")

    return inbox, admin, supervisor, alice, bob, outsider


def member_fixture(role: str, name: str, scope: str = "module") -> Any:
    """A pytest fixture of an agent added to the `inbox` fixture's organization (its client
    closed afterwards): `supervisor = member_fixture("supervisor", "Sue Supervisor")`."""

    @pytest.fixture(scope=scope)
    def fixture(inbox: Any) -> Iterator[Actor]:
        actor = add_agent(inbox.admin, role=role, name=name)
        yield actor
        actor.client.close()

    return fixture
