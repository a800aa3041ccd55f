"""The per-process credentials cache (resolvers/auth.py `principals`, resolvers/_caches.py): a repeated request resolves its
session or API key without SQL, and every change that could alter the answer takes effect at
once - in this process through the commit, in other processes through pub/sub.

Counted by the server (X-SQL-Statements, tests/graphql_inbox/test_sql_statements.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.contract.support import cookieless_client
from tests.support.api import add_agent, register
from tests.support.team import error, ok

AUTH_STATEMENTS = 2  # revocation check + agent with role and tenant (session); key with owner (API key)


@pytest.fixture(scope="module")
def http(server) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


def statements(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.headers["x-sql-statements"])


def test_a_repeated_request_resolves_its_session_without_sql(http):
    boss = register(http, org="Cache Org")
    first = statements(boss.get("/api/conversations"))
    second = statements(boss.get("/api/conversations"))
    assert second == first - AUTH_STATEMENTS, (first, second)


def test_a_repeated_request_resolves_its_api_key_without_sql(http):
    boss = register(http, org="Cache Key Org")
    key = ok(boss.post("/api/api-keys", json={"name": "cache"}), 201)["key"]
    headers = {"X-API-Key": key}
    first = statements(http.get("/api/conversations", headers=headers))
    second = statements(http.get("/api/conversations", headers=headers))
    assert second < first, (first, second)


def test_changes_take_effect_at_once(http):
    boss = register(http, org="Cache Change Org")
    agent = add_agent(boss, role="supervisor")
    statements(agent.get("/api/activity-logs"))
    statements(agent.get("/api/activity-logs"))  # resolved from the cache now
    ok(boss.patch(f"/api/agents/{agent.agent['id']}", json={"role": "agent"}))
    # The demoted supervisor's next request already carries the agent role's permissions.
    assert error(agent.get("/api/activity-logs"), 403)["code"] == "FORBIDDEN"
    ok(boss.patch(f"/api/agents/{agent.agent['id']}", json={"account_status": "suspended"}))
    assert error(agent.get("/api/conversations"), 401)["code"] == "UNAUTHENTICATED"


def test_a_logout_ends_the_cached_session_at_once(http):
    boss = register(http, org="Cache Logout Org")
    statements(boss.get("/api/conversations"))
    statements(boss.get("/api/conversations"))
    ok(boss.post("/api/auth/logout"))
    assert error(boss.get("/api/conversations"), 401)["code"] == "UNAUTHENTICATED"


def test_another_process_s_change_drops_the_cached_credentials(http, server):
    """What a change committed in another process publishes: this process forgets the tenant's
    resolved credentials and asks the database again."""
    from connectors.hub import services
    from resolvers._caches import CACHES_CHANNEL

    boss = register(http, org="Cache Remote Org")
    first = statements(boss.get("/api/conversations"))
    assert statements(boss.get("/api/conversations")) == first - AUTH_STATEMENTS

    async def publish(tenant_id: str) -> None:
        await services.pubsub.publish(CACHES_CHANNEL, f"principals:{tenant_id}".encode())

    server.run(publish(str(uuid.uuid4())))  # another tenant's change: this one stays cached
    server.run(publish(boss.tenant["id"]))
    # Redis delivers asynchronously: within a short while the next request resolves afresh.
    for _ in range(50):
        if statements(boss.get("/api/conversations")) == first:
            break
        server.run(_sleep(0.02))
    else:
        raise AssertionError("the published change never dropped the cached session")


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)
