"""Inbound webhooks: apply the batch of webhooks accepted together (or one stored webhook);
the sweep picks up any left unprocessed - a batch lost with its process, or a failed one."""

from __future__ import annotations

from typing import Any

from arq import Retry
from tortoise.exceptions import IntegrityError

from connectors.hub import services
from resolvers import webhooks


async def process_webhook(job_ctx: dict[str, Any], webhook_id: str) -> int:
    try:
        return await webhooks.process_webhook(webhook_id)
    except IntegrityError:
        # Two webhooks for one new contact raced; re-applying is safe (each item is idempotent).
        raise Retry(defer=0.2 * job_ctx.get("job_try", 1)) from None


async def process_webhooks(job_ctx: dict[str, Any], webhook_ids: list[str]) -> int:
    try:
        return await webhooks.process_webhooks(webhook_ids)
    except IntegrityError:
        # As above; the retry skips the webhooks this try has processed and resumes in order.
        raise Retry(defer=0.2 * job_ctx.get("job_try", 1)) from None


async def sweep_webhooks(job_ctx: dict[str, Any]) -> int:
    ids = await webhooks.unprocessed_webhook_ids()
    # One job each, under the id the accept path used before batching: a sweep's jobs
    # de-duplicate against the previous sweep's (and such older jobs) still queued.
    for webhook_id in ids:
        await services.jobs.enqueue("process_webhook", webhook_id, job_id=f"webhook:{webhook_id}")
    return len(ids)
