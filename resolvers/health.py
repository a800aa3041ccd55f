"""Health: the state of each part, without secrets."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tortoise import Tortoise

from connectors.hub import services
from resolvers._context import Ctx

VERSION = "0.1.0"


async def _timed(check) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        ok = await asyncio.wait_for(check(), timeout=2)
        status = "ok" if ok else "down"
    except Exception as exc:  # any failure of a dependency is reported, not raised
        status, ok = "down", False
        return {"status": status, "error": type(exc).__name__}
    return {"status": status, "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


async def _database() -> bool:
    await Tortoise.get_connection("default").execute_query("SELECT 1")
    return True


async def health(ctx: Ctx) -> dict[str, Any]:
    settings = services.settings
    database = await _timed(_database)
    database["backend"] = "sqlite" if settings.uses_sqlite else "postgres"
    if services.pubsub is not None and services.pubsub.backend == "redis":
        redis = await _timed(services.pubsub.ping)
    else:
        redis = {"status": "not_configured"}
    jobs: dict[str, Any] = {"backend": services.jobs.backend if services.jobs else "none"}
    jobs.update(await _timed(services.jobs.ping) if services.jobs else {"status": "down"})
    if jobs["status"] == "ok":
        try:
            jobs.update(await asyncio.wait_for(services.jobs.stats(), timeout=2))
        except Exception:
            jobs["status"] = "degraded"
    parts = [database, jobs] + ([redis] if redis["status"] != "not_configured" else [])
    status = "ok" if all(p["status"] == "ok" for p in parts) else ("down" if database["status"] != "ok" else "degraded")
    return {"status": status, "version": VERSION, "database": database, "redis": redis, "jobs": jobs}
