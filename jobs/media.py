"""Inbound media: fetch a message's media from the provider and store it once. Transient
failures (timeouts, 429, 5xx) retry with the outbound job's backoff; on the last try, or at once
for a permanent failure, the message's content records why the file is missing."""

from __future__ import annotations

from typing import Any

from arq import Retry

from connectors.hub import services
from connectors.jobqueue import MAX_TRIES
from jobs.outbound import backoff_seconds
from resolvers import media


async def fetch_message_media(job_ctx: dict[str, Any], message_id: str) -> int:
    job_try = job_ctx.get("job_try", 1)
    try:
        return await media.fetch_message_media(message_id, final=job_try >= MAX_TRIES)
    except media.FetchFailed as exc:
        raise Retry(defer=backoff_seconds(job_try, exc.retry_after)) from None


async def sweep_message_media(job_ctx: dict[str, Any]) -> int:
    """Re-enqueue fetches whose job was lost (a worker restarted with the in-process queue)."""
    ids = await media.pending_media_message_ids()
    for message_id in ids:
        # Its own job id: arq keeps the lost job's id blocked while it keeps that job's result.
        await services.jobs.enqueue(media.FETCH_JOB, message_id, job_id=f"media:{message_id}:sweep")
    return len(ids)
