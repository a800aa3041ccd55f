"""Test legs. Without DATABASE_URL/REDIS_URL: the embedded default (SQLite file, in-process
jobs and pub/sub). With DATABASE_URL=postgres://... (and REDIS_URL): a fresh PostgreSQL
database created for this run (dropped afterwards) and Redis (arq worker + pub/sub)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import pytest

from omnistream.settings import load_settings
from tests.support.api import Actor, register
from tests.support.fake_graph import FakeGraphServer
from tests.support.live import LiveServer
from tests.support.s3 import LocalS3

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEST_JWT_SECRET = "test-secret-" + "x" * 40
META_APP_SECRET = "test-meta-app-secret"
META_VERIFY_TOKEN = "test-verify-token"
META_APP_ID = "100200300400500"
META_OAUTH_REDIRECT_URI = "https://app.omnistream.test/oauth/meta"
META_EMBEDDED_SIGNUP_CONFIG_ID = "900800700600500"


def backend_label() -> str:
    return "postgres+redis" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    return f"omnistream test leg: {backend_label()}"


def _with_database(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


async def _pg_admin(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_with_database(url.replace("postgres://", "postgresql://", 1), "postgres"))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | None]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None
        return
    name = f"omnistream_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(url, f'CREATE DATABASE "{name}"'))
    yield _with_database(url, name)
    asyncio.run(_pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str | None]:
    url = os.environ.get("REDIS_URL")
    if not url:
        yield None
        return
    # Every key a run writes is unique to it (its own queue name, uuid job ids, its own tenants),
    # so runs can share a Redis database without flushing each other's work.
    yield _with_database(url, os.environ.get("TEST_REDIS_DB", "13"))


@pytest.fixture(scope="session")
def fake_graph() -> Iterator[FakeGraphServer]:
    server = FakeGraphServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def local_s3() -> Iterator[LocalS3]:
    s3 = LocalS3().start()
    yield s3
    s3.stop()


@pytest.fixture(scope="session")
def server_env(tmp_path_factory: pytest.TempPathFactory, pg_database: str | None, redis_url: str | None,
               fake_graph: FakeGraphServer, local_s3: LocalS3) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("omnistream-var")
    env = {
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": pg_database or f"sqlite://{data_dir}/test.sqlite3",
        "JWT_SECRET": TEST_JWT_SECRET,
        "META_APP_SECRET": META_APP_SECRET,
        "META_VERIFY_TOKEN": META_VERIFY_TOKEN,
        "META_GRAPH_URL": fake_graph.base_url,
        "META_APP_ID": META_APP_ID,
        "META_OAUTH_REDIRECT_URI": META_OAUTH_REDIRECT_URI,
        "META_EMBEDDED_SIGNUP_CONFIG_ID": META_EMBEDDED_SIGNUP_CONFIG_ID,
        "SUPER_ADMIN_EMAIL": "root@omnistream.test",
        "SUPER_ADMIN_PASSWORD": "super-admin-password",
        "LOGIN_MAX_FAILURES": "5",
        "LOGIN_MAX_FAILURES_PER_IP": "100000",
        "LOG_LEVEL": "WARNING",
        # Hashing at production cost is ~0.2 s per login: the suite logs in hundreds of times.
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "1024",
        "SQL_STATEMENT_HEADER": "true",
        "PERIODIC_JOBS": "false",  # tests run sweeps and expiry themselves, when they mean to  # X-SQL-Statements on every response: N+1 checks
        # Logouts and suspensions end live sockets at once anyway; the timer catches key expiry.
        "SUBSCRIPTION_RECHECK_SECONDS": "1",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["WORKER_IN_PROCESS"] = "true"  # the live server runs the arq worker beside it
        # A queue of its own: concurrent runs on one Redis must not take each other's jobs.
        env["JOB_QUEUE_NAME"] = f"omnistream:test:{uuid.uuid4().hex[:8]}"
    env.update(local_s3.env())  # POST /api/media/s3 stores into moto's S3 server
    return env


@pytest.fixture(scope="session")
def server(server_env: dict[str, str]) -> Iterator[LiveServer]:
    live = LiveServer(load_settings(server_env)).start()
    yield live
    live.stop()


@pytest.fixture()
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture()
def admin(client: httpx.Client) -> Actor:
    """The first admin of a fresh tenant (each test gets its own tenant)."""
    return register(client)


@pytest.fixture()
def other_admin(server: LiveServer) -> Iterator[Actor]:
    """An admin of a second tenant, for isolation checks."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c, org="Globex")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not present at {SHARED} (it is on CI and developer machines)")
    return SHARED
