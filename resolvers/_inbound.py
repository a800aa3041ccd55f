"""Store-once for inbound provider webhooks, shared by every channel's receiver: the raw
event is kept before it is processed, a re-delivery with the same key is a no-op, and the
processing job is enqueued once the row is stored.

No transaction: the single INSERT is the whole write, and the unique `dedupe_key` decides a
re-delivery (even two arriving at the same moment) - no look-up first. If enqueueing fails,
the inbound sweep (jobs/inbound.py) processes the stored row later."""

from __future__ import annotations

import logging

from tortoise.exceptions import IntegrityError

from connectors.hub import services
from models.webhooks import InboundWebhook

log = logging.getLogger(__name__)

PROCESS_JOB = "process_webhook"


async def store_inbound(*, provider: str, dedupe_key: str, body: str) -> dict[str, str]:
    """Returns the acknowledgement for the provider."""
    try:
        webhook = await InboundWebhook.create(provider=provider, dedupe_key=dedupe_key, body=body)
    except IntegrityError:
        return {"status": "duplicate"}
    try:
        await services.jobs.enqueue_new(PROCESS_JOB, str(webhook.id), job_id=f"webhook:{webhook.id}")
    except Exception:
        log.exception("enqueueing webhook %s failed; the inbound sweep will process it", webhook.id)
    return {"status": "received"}
