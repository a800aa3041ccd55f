"""Event fan-out: the dispatch job (one per commit; one per row for the sweep) and the sweep that re-dispatches rows
whose job was lost."""

from __future__ import annotations

from typing import Any

from resolvers import events


async def dispatch_event(job_ctx: dict[str, Any], event_id: str) -> bool:
    return await events.dispatch_event(event_id)


async def dispatch_events(job_ctx: dict[str, Any], event_ids: list[str]) -> int:
    return await events.dispatch_events(event_ids)


async def sweep_outbox(job_ctx: dict[str, Any]) -> int:
    return await events.sweep_undispatched()
