"""Dispatch of recorded events to their listeners, after commit. Called by the dispatch job
and the sweep; listeners are registered per event type by later domains (outgoing webhooks,
automation, SLA, activity log)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID

from tortoise.expressions import F

from connectors.hub import services
from models.events import OutboxEvent
from resolvers._run import publish_live

log = logging.getLogger(__name__)

Listener = Callable[[OutboxEvent], Awaitable[None]]
_LISTENERS: list[tuple[str, Listener]] = []  # (event type or "*", listener)


def listen(event_type: str, listener: Listener) -> None:
    """Called by the composition root (omnistream/wiring.py LISTENERS) at start-up."""
    _LISTENERS.append((event_type, listener))


def clear_listeners() -> None:
    _LISTENERS.clear()


async def dispatch_event(event_id: UUID | str) -> bool:
    """Hand one event to its listeners, then mark it dispatched. False when it already was."""
    return await dispatch_events([event_id]) == 1


async def dispatch_events(event_ids: list[UUID | str]) -> int:
    """Hand the events of one commit to their listeners, in the order they were recorded, then
    mark them dispatched; returns how many this call marked. One job per commit, not per event:
    an inbound message records three or four events, and a job costs more than most listeners.

    Marking comes last so a crash or a failing listener leaves the row for a retry or the sweep;
    the price is that a listener may see an event twice (jobs run "more than zero times"
    anyway), so every listener is idempotent. A failing event does not hold back the others of
    its commit: they are marked, and the failure is raised after, so the job is retried for it."""
    order = {str(i): n for n, i in enumerate(event_ids)}
    rows = sorted(await OutboxEvent.filter(id__in=list(order), dispatched_at=None), key=lambda r: order[str(r.id)])
    done: list[UUID] = []
    failure: Exception | None = None
    for event in rows:
        try:
            for event_type, listener in _LISTENERS:
                if event_type in ("*", event.type):
                    await listener(event)
        except Exception as exc:
            log.exception("a listener of event %s (%s) failed", event.id, event.type)
            failure = failure or exc
            continue
        done.append(event.id)
    marked = 0
    if done:
        marked = await OutboxEvent.filter(id__in=done, dispatched_at=None).update(dispatched_at=datetime.now(UTC))
    if failure is not None:
        raise failure
    return marked


MAX_SWEEPS = 5


async def sweep_undispatched(older_than_seconds: float = 30, limit: int = 500) -> int:
    """Rescue events whose after-commit step was lost (crash, Redis down): re-dispatch them,
    and on the first rescue re-publish them to live subscribers, who most likely missed them.
    An event whose listeners keep failing is given up after MAX_SWEEPS (and logged)."""
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than_seconds)
    rows = await OutboxEvent.filter(dispatched_at=None, created_at__lt=cutoff, sweeps__lt=MAX_SWEEPS).order_by(
        "created_at").limit(limit)
    if not rows:
        return 0
    log.warning("re-dispatching %d undispatched events", len(rows))
    await OutboxEvent.filter(id__in=[r.id for r in rows]).update(sweeps=F("sweeps") + 1)
    await publish_live([row for row in rows if row.sweeps == 0])
    for row in rows:
        await services.jobs.enqueue("dispatch_event", str(row.id), job_id=f"event:{row.id}:sweep{row.sweeps + 1}")
        if row.sweeps + 1 == MAX_SWEEPS:
            log.error("event %s (%s) could not be dispatched after %d sweeps", row.id, row.type, MAX_SWEEPS)
    return len(rows)
