"""The job queue: arq on Redis in production, an in-process runner in the embedded default.
Both run the same arq-style job functions `async def job(ctx: dict, *args)`, retry only on
arq's `Retry`, and de-duplicate by job id while a job is pending or running."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from arq import Retry

log = logging.getLogger(__name__)

JobFunction = Callable[..., Awaitable[Any]]
MAX_TRIES = 5
QUEUE_NAME = "omnistream:jobs"


class JobQueue:
    backend = "abstract"

    async def enqueue(
        self,
        name: str,
        *args: Any,
        job_id: str | None = None,
        defer_by: float | None = None,
        defer_until: datetime | None = None,
    ) -> bool:
        raise NotImplementedError

    async def enqueue_new(self, name: str, *args: Any, job_id: str) -> bool:
        """Enqueue a job whose id was never used before (a row just inserted names it): queues
        may skip the check for an existing job of that id."""
        return await self.enqueue(name, *args, job_id=job_id)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def ping(self) -> bool:
        return True

    async def stats(self) -> dict[str, Any]:
        return {}


class InProcessJobQueue(JobQueue):
    backend = "in-process"

    def __init__(self, functions: dict[str, JobFunction], max_tries: int = MAX_TRIES) -> None:
        self._functions = functions
        self._max_tries = max_tries
        self._pending: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._completed = 0
        self._failed = 0
        self._closed = False

    async def enqueue(
        self,
        name: str,
        *args: Any,
        job_id: str | None = None,
        defer_by: float | None = None,
        defer_until: datetime | None = None,
    ) -> bool:
        if name not in self._functions:
            raise KeyError(f"unknown job {name!r}")
        if self._closed:
            return False
        if job_id is not None:
            if job_id in self._pending:
                return False
            self._pending.add(job_id)
        delay = defer_by or 0.0
        if defer_until is not None:
            delay = max(0.0, (defer_until - datetime.now(UTC)).total_seconds())
        task = asyncio.create_task(self._run(name, args, job_id, delay), name=f"job:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _run(self, name: str, args: tuple[Any, ...], job_id: str | None, delay: float) -> None:
        try:
            for job_try in range(1, self._max_tries + 1):
                if delay:
                    await asyncio.sleep(delay)
                try:
                    await self._functions[name]({"job_try": job_try, "job_id": job_id}, *args)
                    self._completed += 1
                    return
                except Retry as retry:
                    delay = _defer_seconds(retry.defer_score, job_try)
                except Exception:
                    log.exception("job %s failed", name)
                    self._failed += 1
                    return
            log.error("job %s gave up after %d tries", name, self._max_tries)
            self._failed += 1
        finally:
            if job_id is not None:
                self._pending.discard(job_id)

    async def drain(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109 - a bound for tests, not a cancel scope
        """Wait until no job is pending (used by tests and the CLI)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._tasks and loop.time() < deadline:
            await asyncio.wait(tuple(self._tasks), timeout=max(0.0, deadline - loop.time()))

    async def close(self) -> None:
        self._closed = True
        for task in tuple(self._tasks):
            task.cancel()
        for task in tuple(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def stats(self) -> dict[str, Any]:
        return {"queued": len(self._tasks), "completed": self._completed, "failed": self._failed}


def _defer_seconds(defer_score: int | None, job_try: int) -> float:
    # arq stores the defer as milliseconds; without one, back off 0.5 s, 1 s, 2 s ...
    if defer_score:
        return defer_score / 1000
    return 0.5 * 2 ** (job_try - 1)


class ArqJobQueue(JobQueue):
    backend = "arq"

    def __init__(self, redis_url: str, queue_name: str = QUEUE_NAME) -> None:
        self._redis_url = redis_url
        self._queue_name = queue_name
        self._pool: Any = None

    async def start(self) -> None:
        from arq import create_pool
        from arq.connections import RedisSettings

        if self._pool is None:
            self._pool = await create_pool(RedisSettings.from_dsn(self._redis_url), default_queue_name=self._queue_name)

    async def enqueue(
        self,
        name: str,
        *args: Any,
        job_id: str | None = None,
        defer_by: float | None = None,
        defer_until: datetime | None = None,
    ) -> bool:
        await self.start()
        job = await self._pool.enqueue_job(
            name, *args, _job_id=job_id, _defer_by=defer_by, _defer_until=defer_until, _queue_name=self._queue_name
        )
        return job is not None

    async def enqueue_new(self, name: str, *args: Any, job_id: str) -> bool:
        # arq's enqueue_job WATCHes the job key and asks whether it exists before its MULTI: three
        # round trips. A new id cannot exist, so the job and its queue entry go in one (SET NX
        # still refuses to overwrite, should the id be reused after all).
        from arq.constants import job_key_prefix
        from arq.jobs import serialize_job
        from arq.utils import timestamp_ms

        await self.start()
        now = timestamp_ms()
        job = serialize_job(name, args, {}, None, now, serializer=self._pool.job_serializer)
        async with self._pool.pipeline(transaction=True) as pipe:
            pipe.set(job_key_prefix + job_id, job, px=self._pool.expires_extra_ms, nx=True)
            pipe.zadd(self._queue_name, {job_id: now}, nx=True)
            stored, _ = await pipe.execute()
        return bool(stored)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None

    async def ping(self) -> bool:
        try:
            await self.start()
            return bool(await self._pool.ping())
        except Exception:
            return False

    async def stats(self) -> dict[str, Any]:
        await self.start()
        queued = await self._pool.zcard(self._queue_name)
        health = await self._pool.get(self._queue_name + ":health-check")
        return {"queued": int(queued), "worker": health.decode() if health else None}
