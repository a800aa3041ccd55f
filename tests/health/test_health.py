"""Health: public, reports each part, never leaks a secret."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import META_APP_SECRET, TEST_JWT_SECRET, backend_label


@pytest.fixture()
def anonymous(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def test_health_is_public_and_reports_every_part(anonymous):
    response = anonymous.get("/api/health")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"]
    assert body["database"]["status"] == "ok"
    assert body["database"]["backend"] == ("postgres" if backend_label() == "postgres+redis" else "sqlite")
    assert body["database"]["latency_ms"] >= 0
    jobs = body["jobs"]
    assert jobs["status"] == "ok"
    if backend_label() == "postgres+redis":
        assert jobs["backend"] == "arq"
        assert body["redis"]["status"] == "ok"
    else:
        assert jobs["backend"] == "in-process"
        assert body["redis"] == {"status": "not_configured"}
    assert isinstance(jobs["queued"], int)


def test_health_never_shows_a_secret(anonymous, server, server_env):
    text = anonymous.get("/api/health").text
    secrets = [TEST_JWT_SECRET, META_APP_SECRET, server_env["SUPER_ADMIN_PASSWORD"], server_env["DATABASE_URL"],
               server.settings.database_url]
    if server_env.get("REDIS_URL"):
        secrets.append(server_env["REDIS_URL"])
    for secret in secrets:
        assert secret not in text
    lowered = text.lower()
    for word in ("password", "secret", "postgres://", "redis://", "sqlite://"):
        assert word not in lowered, word


def test_health_answers_head_and_graphql(anonymous):
    assert anonymous.head("/api/health").status_code == 200
    gql = anonymous.post("/graphql", json={"query": "{ health }"})
    assert gql.status_code == 200
    assert gql.json()["data"]["health"]["database"]["status"] == "ok"


def test_a_failing_part_is_reported_not_raised(anonymous, server):
    """The job queue failing turns health 'degraded' (still 200); the database is still ok."""
    from connectors.hub import services

    real = services.jobs

    class BrokenQueue:
        backend = "broken"

        def __getattr__(self, name: str):  # anything else (enqueue...) still works meanwhile
            return getattr(real, name)

        async def ping(self) -> bool:
            raise ConnectionError("queue at redis://:hunter2@queue:6379 is down")

        async def stats(self) -> dict:
            raise AssertionError("not asked once ping failed")

    services.jobs = BrokenQueue()
    try:
        response = anonymous.get("/api/health")
    finally:
        services.jobs = real
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"]["status"] == "ok"
    assert body["jobs"]["status"] == "down" and body["jobs"]["backend"] == "broken"
    assert "hunter2" not in response.text  # the failure's message is not echoed
    assert anonymous.get("/api/health").json()["status"] == "ok"
