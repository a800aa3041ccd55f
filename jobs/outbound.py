"""Outbound sends: claim the queued message, call the channel's connector, record the result.
Transient provider errors (429, 5xx, throttling codes) retry with backoff; permanent ones
fail the message at once with the provider's code and message."""

from __future__ import annotations

import logging
from typing import Any

from arq import Retry

from connectors.hub import services
from connectors.jobqueue import MAX_TRIES
from connectors.meta import GraphError, build_whatsapp_send_body
from resolvers import messages

log = logging.getLogger(__name__)


def backoff_seconds(job_try: int, retry_after: float | None = None) -> float:
    return max(retry_after or 0.0, min(60.0, 0.5 * 2 ** (job_try - 1)))


async def send_message(job_ctx: dict[str, Any], message_id: str) -> str:
    send = await messages.claim_outbound(message_id)
    if send is None:
        return "skipped"
    try:
        body = build_whatsapp_send_body(send.to, send.type, send.text, send.content)
    except ValueError as exc:
        await messages.mark_outbound_failed(send.message_id, code="INVALID_MESSAGE", message=str(exc))
        return "failed"
    try:
        wamid = await services.graph.send_whatsapp_message(send.account_external_id, send.access_token, body)
    except GraphError as exc:
        job_try = job_ctx.get("job_try", 1)
        if exc.transient and job_try < MAX_TRIES:
            await messages.release_outbound(send.message_id)
            raise Retry(defer=backoff_seconds(job_try, exc.retry_after)) from None
        details = {"http_status": exc.http_status, "subcode": exc.subcode, "fbtrace_id": exc.fbtrace_id}
        if exc.token_expired:
            details["token_expired"] = True
        await messages.mark_outbound_failed(send.message_id, code=exc.code, message=exc.message,
                                            details={k: v for k, v in details.items() if v is not None})
        return "failed"
    await messages.mark_outbound_sent(send.message_id, wamid)
    return "sent"


async def sweep_outbound(job_ctx: dict[str, Any]) -> int:
    ids = await messages.stale_outbound_ids()
    for message_id in ids:
        await services.jobs.enqueue("send_message", str(message_id), job_id=f"send:{message_id}:sweep")
    return len(ids)
