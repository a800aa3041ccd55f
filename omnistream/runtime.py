"""Start and stop the process's services: database, pub/sub, key-value store, job queue and,
where this process runs jobs itself, the worker and its periodic jobs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from connectors.hub import services
from connectors.jobqueue import ArqJobQueue, InProcessJobQueue
from connectors.kv import KeyValue, RedisKeyValue
from connectors.pubsub import PubSub, RedisPubSub
from omnistream import db
from omnistream.settings import Settings
from omnistream.wiring import JOB_FUNCTIONS, LISTENERS, PERIODIC

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._tasks: list[asyncio.Task[Any]] = []
        self._worker: Any = None

    async def start(self, *, migrate: bool = True, serve_jobs: bool | None = None) -> None:
        settings = self.settings
        await db.init_db(settings)
        if migrate:
            await db.migrate(settings)
        services.settings = settings
        install_listeners()
        if settings.redis_url:
            services.pubsub = RedisPubSub(settings.redis_url)
            services.kv = RedisKeyValue(settings.redis_url)
            services.jobs = ArqJobQueue(settings.redis_url, settings.job_queue_name)
        else:
            services.pubsub = PubSub()
            services.kv = KeyValue()
            services.jobs = InProcessJobQueue(JOB_FUNCTIONS)
        from connectors.meta import GraphClient

        services.graph = GraphClient(settings.meta_graph_url)
        await services.pubsub.start()
        await services.jobs.start()
        from resolvers import _caches

        _caches.clear_all()
        self._tasks.append(asyncio.create_task(_caches.follow_invalidations(), name="cache-invalidations"))
        run_jobs = settings.worker_in_process if serve_jobs is None else serve_jobs
        if run_jobs:
            if settings.redis_url:
                self._worker = build_arq_worker(settings, burst=False)
                self._tasks.append(asyncio.create_task(self._worker.async_run(), name="arq-worker"))
            elif settings.periodic_jobs:
                for periodic in PERIODIC:
                    self._tasks.append(asyncio.create_task(self._every(periodic.name, periodic.every_seconds)))
        await ensure_super_admin(settings)

    async def _every(self, name: str, seconds: int) -> None:
        while True:
            await asyncio.sleep(seconds)
            await services.jobs.enqueue(name, job_id=f"periodic:{name}")

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._worker is not None:
            with contextlib.suppress(Exception):
                await self._worker.close()
        for part in (services.jobs, services.pubsub, services.kv):
            if part is not None:
                with contextlib.suppress(Exception):
                    await part.close()
        if services.graph is not None:
            with contextlib.suppress(Exception):
                await services.graph.aclose()
        services.jobs = services.pubsub = services.kv = services.graph = None
        await db.close_db()


def install_listeners() -> None:
    from resolvers import events

    events.clear_listeners()
    for event_type, listener in LISTENERS:
        events.listen(event_type, listener)


def build_arq_worker(settings: Settings, *, burst: bool = False) -> Any:
    from arq.worker import Worker

    from jobs.worker import worker_options

    return Worker(**worker_options(settings), burst=burst, handle_signals=False)


async def ensure_super_admin(settings: Settings) -> None:
    """SUPER_ADMIN_EMAIL/PASSWORD name an account that exists after start-up."""
    if not settings.super_admin_email:
        return
    from models.super_admin import SuperAdmin
    from resolvers._passwords import hash_password, verify_password

    admin = await SuperAdmin.filter(email=settings.super_admin_email).first()
    if admin is None:
        await SuperAdmin.create(email=settings.super_admin_email, name="Super admin",
                                password_hash=hash_password(settings.super_admin_password))
    elif not verify_password(admin.password_hash, settings.super_admin_password):
        admin.password_hash = hash_password(settings.super_admin_password)
        await admin.save(update_fields=["password_hash", "updated_at"])
