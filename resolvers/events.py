"""Dispatch of recorded events to their listeners, after commit. Called by the dispatch job
and the sweep; listeners are registered per event type by later domains (outgoing webhooks,
automation, SLA, activity log)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID

from models.events import OutboxEvent
from resolvers._run import after_commit

log = logging.getLogger(__name__)

Listener = Callable[[OutboxEvent], Awaitable[None]]
_LISTENERS: list[tuple[str, Listener]] = []  # (event type or "*", listener)


def listen(event_type: str, listener: Listener) -> None:
    _LISTENERS.append((event_type, listener))


async def dispatch_event(event_id: UUID | str) -> bool:
    """Hand one event to its listeners once. False when it was already dispatched (a job
    runs 'more than zero times': a duplicate must not deliver twice)."""
    claimed = await OutboxEvent.filter(id=event_id, dispatched_at=None).update(dispatched_at=datetime.now(UTC))
    if not claimed:
        return False
    event = await OutboxEvent.get(id=event_id)
    for event_type, listener in _LISTENERS:
        if event_type in ("*", event.type):
            await listener(event)
    return True


async def sweep_undispatched(older_than_seconds: float = 30, limit: int = 500) -> int:
    """Re-publish and re-dispatch events whose after-commit step was lost (crash, Redis down)."""
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than_seconds)
    rows = await OutboxEvent.filter(dispatched_at=None, created_at__lt=cutoff).order_by("created_at").limit(limit)
    if rows:
        log.warning("re-dispatching %d undispatched events", len(rows))
        await after_commit(list(rows))
    return len(rows)
