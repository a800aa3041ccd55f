"""arq worker settings: `omnistream worker` (or `arq jobs.worker.WorkerSettings`).
Tuned so a job starts within milliseconds of being enqueued (arq's default poll is 0.5 s)."""

from __future__ import annotations

from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import func

from connectors.jobqueue import MAX_TRIES


async def _startup(ctx: dict[str, Any]) -> None:
    # Only when run by the arq CLI: the runtime is this process's own.
    from omnistream.runtime import Runtime
    from omnistream.settings import load_settings

    runtime = Runtime(load_settings())
    await runtime.start(migrate=False, serve_jobs=False)
    ctx["runtime"] = runtime


async def _shutdown(ctx: dict[str, Any]) -> None:
    runtime = ctx.get("runtime")
    if runtime is not None:
        await runtime.stop()


def _cron_jobs() -> list[Any]:
    from omnistream.wiring import JOB_FUNCTIONS, PERIODIC

    jobs = []
    for periodic in PERIODIC:
        seconds = set(range(0, 60, periodic.every_seconds)) if periodic.every_seconds < 60 else {0}
        minutes = set(range(0, 60, periodic.every_seconds // 60)) if periodic.every_seconds >= 60 else None
        jobs.append(cron(JOB_FUNCTIONS[periodic.name], name=periodic.name, second=seconds, minute=minutes, unique=True))
    return jobs


def worker_options(settings: Any) -> dict[str, Any]:
    from omnistream.wiring import JOB_FUNCTIONS

    return {
        "functions": [func(fn, name=name) for name, fn in JOB_FUNCTIONS.items()],
        "cron_jobs": _cron_jobs() if settings.periodic_jobs else [],
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "queue_name": settings.job_queue_name,
        "poll_delay": 0.01,
        "max_jobs": 100,
        "queue_read_limit": 1000,
        "max_tries": MAX_TRIES,
        "keep_result": 60,
        "job_timeout": 300,
    }


def __getattr__(name: str) -> Any:
    """`arq jobs.worker.WorkerSettings` reads settings only when asked, not at import."""
    if name == "WorkerSettings":
        from omnistream.settings import load_settings

        options = worker_options(load_settings())
        return type("WorkerSettings", (), {**options, "on_startup": _startup, "on_shutdown": _shutdown})
    raise AttributeError(name)
