"""Store-once for inbound provider webhooks, shared by every channel's receiver: the raw
event is kept before it is processed, a re-delivery with the same key is a no-op, and the
processing job is enqueued only after the row has committed."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from models.webhooks import InboundWebhook
from resolvers._context import Ctx

PROCESS_JOB = "process_webhook"


async def store_inbound(ctx: Ctx, *, provider: str, dedupe_key: str, body: str) -> dict[str, str]:
    """Call inside a @transactional resolver. Returns the acknowledgement for the provider."""
    if await InboundWebhook.filter(dedupe_key=dedupe_key).exists():
        return {"status": "duplicate"}
    try:
        webhook = await InboundWebhook.create(provider=provider, dedupe_key=dedupe_key, body=body)
    except IntegrityError:  # the same event arrived twice at the same moment
        return {"status": "duplicate"}
    ctx.defer_job(PROCESS_JOB, str(webhook.id), job_id=f"webhook:{webhook.id}")
    return {"status": "received"}
