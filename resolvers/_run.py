"""Transactions, the outbox, and what happens after commit.

A write resolver is decorated with @transactional: its changes and the outbox rows of the
events it recorded commit together; only after commit are the events published to live
subscribers and handed to the dispatch job. If publishing or enqueueing fails, the sweep
(jobs/events.py) finds the undispatched rows later, so an event is delayed, never lost."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

import orjson
from tortoise.transactions import in_transaction

from connectors.hub import services
from models.events import OutboxEvent
from resolvers import _caches
from resolvers._context import Ctx

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def tenant_channel(tenant_id: Any) -> str:
    return f"tenant:{tenant_id}"


def transactional(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        ctx = args[0]
        assert isinstance(ctx, Ctx), "a resolver's first argument is the Ctx"
        if ctx.in_transaction:  # nested resolver call: the outer one commits
            return await fn(*args, **kwargs)
        ctx.in_transaction = True
        try:
            async with in_transaction():
                result = await fn(*args, **kwargs)
                rows = await _write_outbox(ctx)
        except BaseException:
            ctx.events.clear()  # nothing was committed, so nothing happened
            ctx.jobs.clear()
            raise
        finally:
            ctx.in_transaction = False
        jobs, ctx.jobs = ctx.jobs, []
        await after_commit(rows)
        await _enqueue(jobs)
        return result

    return wrapper


async def _write_outbox(ctx: Ctx) -> list[OutboxEvent]:
    if not ctx.events:
        return []
    actor = ctx.principal()
    rows = [
        OutboxEvent(
            tenant_id=ctx.tenant_id,
            type=event.type,
            payload=event.payload,
            actor=actor,
            conversation_id=event.conversation_id,
            assigned_agent_id=event.assigned_agent_id,
        )
        for event in ctx.events
    ]
    ctx.events.clear()
    if len(rows) == 1:
        await rows[0].save()
    else:  # one round trip for a change's events (ids and created_at are filled before the INSERT)
        await OutboxEvent.bulk_create(rows)
    return rows


async def _enqueue(jobs: list[tuple[str, tuple[Any, ...], str | None, datetime | None]]) -> None:
    for name, args, job_id, defer_until in jobs:
        try:
            await services.jobs.enqueue(name, *args, job_id=job_id, defer_until=defer_until)
        except Exception:  # the owning domain's sweep re-enqueues work whose job was lost
            log.exception("enqueueing job %s failed", name)


def live_message(rows: list[OutboxEvent]) -> bytes:
    """What live subscribers receive: one tenant's events of one commit, in order, as a JSON list.
    One message per commit means one publish, and each subscriber's socket is woken once for the
    commit, not once per event. Each event is small, so fan-out stays cheap; details are re-fetched."""
    return orjson.dumps([
        {
            "id": str(row.id),
            "type": row.type,
            "tenant_id": str(row.tenant_id) if row.tenant_id else None,
            "conversation_id": str(row.conversation_id) if row.conversation_id else None,
            "assigned_agent_id": str(row.assigned_agent_id) if row.assigned_agent_id else None,
            "payload": row.payload,
            "created_at": row.created_at.isoformat() if row.created_at else None,
        }
        for row in rows
    ])


async def publish_live(rows: list[OutboxEvent]) -> None:
    if services.pubsub is None:
        return
    by_tenant: dict[Any, list[OutboxEvent]] = {}
    for row in rows:
        if row.tenant_id is not None:
            by_tenant.setdefault(row.tenant_id, []).append(row)
    for tenant_id, batch in by_tenant.items():
        try:
            await services.pubsub.publish(tenant_channel(tenant_id), live_message(batch))
        except Exception:
            log.exception("publishing events %s failed; subscribers miss them", [str(r.id) for r in batch])


# How long a dispatch batch collects events, and at most how many it takes.
DISPATCH_WINDOW_SECONDS = 0.01
DISPATCH_BATCH = 200


async def after_commit(rows: list[OutboxEvent]) -> None:
    await _caches.invalidate_after_commit(rows)
    await publish_live(rows)
    if rows and services.jobs is not None:
        # Listeners run in a dispatch job (resolvers/events.py dispatch_events), also when a job
        # committed the events: they are secondary work, and under a burst of inbound messages
        # the messages themselves must not wait behind them (running the listeners in place cut
        # inbound processing from 192 to 142 messages/s in the benchmark). The events of the
        # commits of the next few milliseconds share one job, in commit order; a batch lost
        # with its process is the outbox sweep's.
        for row in rows:
            services.jobs.enqueue_batched("dispatch_events", str(row.id), window=DISPATCH_WINDOW_SECONDS,
                                          max_items=DISPATCH_BATCH)
