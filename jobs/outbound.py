"""Outbound sends: claim the queued message, call the channel's connector, record the result.
Transient provider errors (429, 5xx, throttling codes) retry with backoff; permanent ones
fail the message at once with the provider's code and message."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from arq import Retry

from connectors.hub import services
from connectors.jobqueue import MAX_TRIES
from connectors.meta import GraphError, build_whatsapp_send_body
from connectors.storage import StorageError
from resolvers import media, messages

log = logging.getLogger(__name__)


def backoff_seconds(job_try: int, retry_after: float | None = None) -> float:
    return max(retry_after or 0.0, min(60.0, 0.5 * 2 ** (job_try - 1)))


class SendFailed(Exception):
    """A channel sender's failure, in one shape for every channel."""

    def __init__(self, code: Any, message: str, *, details: dict[str, Any] | None = None, transient: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details or None
        self.transient, self.retry_after = transient, retry_after


def _graph_failed(exc: GraphError) -> SendFailed:
    details = {"http_status": exc.http_status, "subcode": exc.subcode, "fbtrace_id": exc.fbtrace_id,
               "token_expired": True if exc.token_expired else None}
    return SendFailed(exc.code, exc.message, details={k: v for k, v in details.items() if v is not None},
                      transient=exc.transient, retry_after=exc.retry_after)


async def _our_file(send: messages.OutboundSend) -> tuple[Any, bytes] | None:
    """The row and bytes of the uploaded file a media message names (content.media_file), if any."""
    ours = (send.content or {}).get("media_file")
    if not ours:
        return None
    try:
        return await media.read_media_bytes(send.tenant_id, ours["id"])
    except StorageError as exc:
        raise SendFailed("MEDIA_UNAVAILABLE", f"The media file cannot be read: {exc}") from None


async def send_whatsapp(send: messages.OutboundSend) -> str:
    content = send.content
    try:
        ours = await _our_file(send)
        if ours is not None:  # upload first: the send names the media id Meta gives back
            row, data = ours
            media_id = await services.graph.upload_whatsapp_media(
                send.account_external_id, send.access_token, data, row.content_type, row.filename)
            content = {**content, "id": media_id}
    except GraphError as exc:
        raise _graph_failed(exc) from None
    try:
        body = build_whatsapp_send_body(send.to, send.type, send.text, content)
    except ValueError as exc:
        raise SendFailed("INVALID_MESSAGE", str(exc)) from None
    try:
        return await services.graph.send_whatsapp_message(send.account_external_id, send.access_token, body)
    except GraphError as exc:
        raise _graph_failed(exc) from None


async def send_meta_messaging(send: messages.OutboundSend) -> str:
    """Messenger / Instagram Send API: POST /{page or IG account id}/messages with the page token."""
    from connectors.meta_messaging import build_messaging_send_body

    try:
        body = build_messaging_send_body(send.to, send.type, send.text, send.content)
    except ValueError as exc:
        raise SendFailed("INVALID_MESSAGE", str(exc)) from None
    ours = await _our_file(send)
    path = f"{send.account_external_id}/messages"
    try:
        if ours is None:
            data = await services.graph.post(path, send.access_token, body)
        else:  # upload and send in one request: JSON fields as form fields, the bytes as `filedata`
            row, file_bytes = ours
            form = {k: v if isinstance(v, str) else orjson.dumps(v).decode() for k, v in body.items()}
            data = await services.graph.post_multipart(path, send.access_token, form,
                                                       {"filedata": (row.filename, file_bytes, row.content_type)})
    except GraphError as exc:
        raise _graph_failed(exc) from None
    mid = data.get("message_id")
    if not isinstance(mid, str) or not mid:
        # Accepted but unidentifiable: a blind retry could double-send.
        raise SendFailed("INVALID_RESPONSE", "Send API response has no message_id")
    return mid


async def send_email(send: messages.OutboundSend) -> str:
    """SMTP with the thread's headers; the provider id is the reply's Message-ID (replies to it thread)."""
    from connectors.smtp import SmtpError
    from connectors.smtp import send_email as smtp_send
    from resolvers.email import prepare_outbound_email

    try:
        smtp_url, msg = await prepare_outbound_email(send)
    except ValueError as exc:
        raise SendFailed("INVALID_MESSAGE", str(exc)) from None
    try:
        await smtp_send(smtp_url, msg)
    except SmtpError as exc:
        raise SendFailed(exc.code or "SMTP_FAILED", exc.message, transient=exc.transient) from None
    return str(msg["Message-ID"])


# One sender per channel: async (OutboundSend) -> provider message id, raising SendFailed.
SENDERS: dict[str, Callable[[messages.OutboundSend], Awaitable[str]]] = {
    "whatsapp": send_whatsapp,
    "email": send_email,
    "messenger": send_meta_messaging,
    "instagram": send_meta_messaging,
}


async def send_message(job_ctx: dict[str, Any], message_id: str) -> str:
    send = await messages.claim_outbound(message_id)
    if send is None:
        return "skipped"
    sender = SENDERS.get(send.channel)
    try:
        if sender is None:
            raise SendFailed("UNSUPPORTED_CHANNEL", f"No sender for the {send.channel} channel")
        provider_id = await sender(send)
    except SendFailed as exc:
        job_try = job_ctx.get("job_try", 1)
        if exc.transient and job_try < MAX_TRIES:
            await messages.release_outbound(send.message_id)
            raise Retry(defer=backoff_seconds(job_try, exc.retry_after)) from None
        await messages.mark_outbound_failed(send.message_id, code=exc.code, message=exc.message, details=exc.details)
        return "failed"
    await messages.mark_outbound_sent(send.message_id, provider_id)
    return "sent"


async def sweep_outbound(job_ctx: dict[str, Any]) -> int:
    ids = await messages.stale_outbound_ids()
    for message_id in ids:
        await services.jobs.enqueue("send_message", str(message_id), job_id=f"send:{message_id}:sweep")
    return len(ids)
