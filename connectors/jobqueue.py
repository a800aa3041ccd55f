"""The job queue: arq on Redis in production, an in-process runner in the embedded default.
Both run the same arq-style job functions `async def job(ctx: dict, *args)`, retry only on
arq's `Retry`, and de-duplicate by job id while a job is pending or running. Both can also
coalesce many small enqueues into one job of a list (`enqueue_batched`)."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from arq import Retry

log = logging.getLogger(__name__)

JobFunction = Callable[..., Awaitable[Any]]
MAX_TRIES = 5
QUEUE_NAME = "omnistream:jobs"
# How long closing the in-process queue lets the batches it just flushed run before cancelling.
CLOSE_GRACE_SECONDS = 5.0


class JobQueue:
    backend = "abstract"

    def __init__(self) -> None:
        # Batched jobs still collecting: job name -> items, and the timer that will enqueue them.
        self._batches: dict[str, list[Any]] = {}
        self._batch_timers: dict[str, asyncio.TimerHandle] = {}
        self._flushing: set[asyncio.Task[None]] = set()

    def enqueue_batched(self, name: str, item: Any, *, window: float, max_items: int) -> None:
        """Add `item` to the job `name(items)` this process is collecting: it is enqueued, as
        one job with id `name:<first item>`, `window` seconds after its first item or as soon
        as it holds `max_items`. Returns at once (no round trip). Items must be recoverable by
        other means (a sweep): a crash before the flush, or a failed enqueue (logged), loses
        the batch."""
        items = self._batches.setdefault(name, [])
        items.append(item)
        if len(items) >= max_items:
            self._flush_batch(name)
        elif len(items) == 1:
            # A batch belongs to no request: a fresh context keeps the first request's
            # context variables (diagnostics, transaction) away from the job.
            self._batch_timers[name] = asyncio.get_running_loop().call_later(
                window, self._flush_batch, name, context=contextvars.Context())

    def _flush_batch(self, name: str) -> None:
        timer = self._batch_timers.pop(name, None)
        if timer is not None:
            timer.cancel()
        items = self._batches.pop(name, None)
        if not items:
            return
        task = asyncio.get_running_loop().create_task(self._enqueue_batch(name, items), name=f"batch:{name}",
                                                      context=contextvars.Context())
        self._flushing.add(task)
        task.add_done_callback(self._flushing.discard)

    async def _enqueue_batch(self, name: str, items: list[Any]) -> None:
        try:
            await self.enqueue_new(name, items, job_id=f"{name}:{items[0]}")
        except Exception:
            log.exception("enqueueing a batch of %d for %s failed; its sweep will pick them up", len(items), name)

    async def flush_batches(self) -> None:
        """Enqueue every batch still collecting and wait until they are (shutdown, tests)."""
        for name in list(self._batches):
            self._flush_batch(name)
        if self._flushing:
            await asyncio.wait(tuple(self._flushing))

    def _batches_waiting(self) -> int:
        """Jobs not yet in the queue: batches collecting or being enqueued."""
        return len(self._batches) + len(self._flushing)

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
        super().__init__()
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
        """Wait until no job is pending, batches still collecting included (tests, the CLI)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            await self.flush_batches()
            if not self._tasks:
                return
            await asyncio.wait(tuple(self._tasks), timeout=max(0.0, deadline - loop.time()))

    async def close(self) -> None:
        # The batches still collecting hold accepted work: start them and let them finish
        # (bounded) rather than leave them to the next start's sweep.
        running = set(self._tasks)
        await self.flush_batches()
        if started := self._tasks - running:
            await asyncio.wait(started, timeout=CLOSE_GRACE_SECONDS)
        self._closed = True
        for task in tuple(self._tasks):
            task.cancel()
        for task in tuple(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def stats(self) -> dict[str, Any]:
        return {"queued": len(self._tasks) + self._batches_waiting(), "completed": self._completed,
                "failed": self._failed}


def _defer_seconds(defer_score: int | None, job_try: int) -> float:
    # arq stores the defer as milliseconds; without one, back off 0.5 s, 1 s, 2 s ...
    if defer_score:
        return defer_score / 1000
    return 0.5 * 2 ** (job_try - 1)


class ArqJobQueue(JobQueue):
    backend = "arq"

    def __init__(self, redis_url: str, queue_name: str = QUEUE_NAME) -> None:
        super().__init__()
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
        await self.flush_batches()  # accepted work still collecting goes to Redis, for a worker
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
        return {"queued": int(queued) + self._batches_waiting(), "worker": health.decode() if health else None}
