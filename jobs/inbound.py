"""Inbound webhooks: apply a stored webhook; the sweep picks up any left unprocessed."""

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


async def sweep_webhooks(job_ctx: dict[str, Any]) -> int:
    ids = await webhooks.unprocessed_webhook_ids()
    for webhook_id in ids:
        await services.jobs.enqueue("process_webhook", webhook_id, job_id=f"webhook:{webhook_id}")
    return len(ids)
