"""Scheduled messages: the delivery job (one per scheduled message, deferred until its send_at)
and the sweep, which enqueues pending rows as they come within the enqueue horizon and
re-enqueues due ones still pending, so a message due while the worker was down, or whose job was
lost, goes out when the worker is back. Exactly-once is the resolver's
(resolvers.scheduled_messages.deliver_scheduled_message), not the queue's."""

from __future__ import annotations

from typing import Any

from arq import Retry

from connectors.hub import services
from resolvers import scheduled_messages

# A job that wakes a little early (the queue's clock against the database's send_at) waits the
# rest; one that is far too early was enqueued by hand, and the sweep will find the row when due.
EARLY_RETRY_SECONDS = 300.0


async def deliver_scheduled_message(job_ctx: dict[str, Any], scheduled_message_id: str) -> str:
    result = await scheduled_messages.deliver_scheduled_message(scheduled_message_id)
    if result.outcome == "not_due" and result.due_in <= EARLY_RETRY_SECONDS:
        raise Retry(defer=result.due_in + 0.05)
    return result.outcome


async def sweep_scheduled_messages(job_ctx: dict[str, Any]) -> int:
    rows = await scheduled_messages.scheduled_messages_to_enqueue()
    for scheduled_message_id, send_at in rows:
        # Not the scheduling job's id: that one may still wait in the queue for a time since moved.
        # One id for every sweep, so sweeps in a row do not pile up jobs for the same row.
        await services.jobs.enqueue(scheduled_messages.DELIVER_JOB, str(scheduled_message_id),
                                    job_id=f"scheduled:{scheduled_message_id}:sweep", defer_until=send_at)
    return len(rows)
