"""Inbound provider webhooks: verify, store once, answer fast; a job applies them later.
Meta re-delivers for days: a byte-identical re-delivery is a no-op at storage, and every item
inside is applied at most once (unique provider message id, monotonic statuses)."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from typing import Any

import orjson
from tortoise.exceptions import IntegrityError

from connectors import meta
from connectors.hub import services
from models.webhooks import InboundWebhook
from resolvers._context import Ctx
from resolvers._errors import BadRequest, Forbidden, Unauthenticated
from resolvers._run import transactional
from resolvers.integrations import account_for_inbound, account_secrets
from resolvers.messages import apply_status, receive_inbound

log = logging.getLogger(__name__)

PROCESS_JOB = "process_webhook"


async def verify_meta_subscription(ctx: Ctx, params: dict[str, Any]) -> str:
    """Meta's GET handshake: echo hub.challenge when hub.verify_token is ours."""
    expected = services.settings.meta_verify_token
    if (params.get("hub.mode") == "subscribe" and expected and params.get("hub.verify_token") == expected
            and params.get("hub.challenge")):
        return str(params["hub.challenge"])
    raise Forbidden("Webhook verification failed")


async def _app_secret_for(payload: dict[str, Any]) -> str | None:
    """The routed account's own app secret when it has one, else the platform's META_APP_SECRET."""
    for phone_number_id in sorted(meta.phone_number_ids(payload)):
        account = await account_for_inbound("whatsapp", phone_number_id)
        if account is not None:
            secret = account_secrets(account).get("app_secret")
            if secret:
                return secret
            break
    return services.settings.meta_app_secret


@transactional
async def receive_meta_webhook(ctx: Ctx, raw: bytes, headers: Any) -> dict[str, str]:
    try:
        payload = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("The webhook body is not JSON") from None
    if not isinstance(payload, dict):
        raise BadRequest("The webhook body must be a JSON object")
    secret = await _app_secret_for(payload)
    if not secret or not meta.verify_signature(raw, headers.get("x-hub-signature-256"), secret):
        raise Unauthenticated("Missing or invalid X-Hub-Signature-256")
    key = "meta:" + hashlib.sha256(raw).hexdigest()
    if await InboundWebhook.filter(dedupe_key=key).exists():
        return {"status": "duplicate"}
    try:
        webhook = await InboundWebhook.create(provider="meta", dedupe_key=key, body=raw.decode("utf-8"))
    except IntegrityError:  # the same body arrived twice at the same moment
        return {"status": "duplicate"}
    ctx.defer_job(PROCESS_JOB, str(webhook.id), job_id=f"webhook:{webhook.id}")
    return {"status": "received"}


async def process_webhook(webhook_id: str) -> int:
    """Apply a stored webhook; returns how many items changed something. Safe to run again."""
    webhook = await InboundWebhook.filter(id=webhook_id).first()
    if webhook is None or webhook.processed_at is not None:
        return 0
    applied = 0
    try:
        payload = orjson.loads(webhook.body)
        for item in meta.parse_whatsapp_webhook(payload):
            applied += await _apply_item(item)
    except Exception as exc:
        await InboundWebhook.filter(id=webhook.id).update(error=f"{type(exc).__name__}: {exc}"[:2000],
                                                          attempts=webhook.attempts + 1)
        raise
    await InboundWebhook.filter(id=webhook.id).update(processed_at=datetime.now(UTC), error=None,
                                                      attempts=webhook.attempts + 1)
    return applied


async def _apply_item(item: Any) -> int:
    if isinstance(item, meta.InboundMessage | meta.InboundStatus):
        account = await account_for_inbound("whatsapp", item.phone_number_id)
        if account is None:
            log.warning("webhook for unknown phone_number_id %s ignored", item.phone_number_id)
            return 0
        ctx = Ctx.system(account.tenant_id)
        if isinstance(item, meta.InboundMessage):
            return 1 if await receive_inbound(ctx, account, item) is not None else 0
        return 1 if await apply_status(ctx, item) else 0
    # Template status and account updates belong to the templates domain (not built yet): the
    # raw webhook stays stored, so they can be replayed when it is.
    return 0


async def unprocessed_webhook_ids(limit: int = 500) -> list[str]:
    rows = await InboundWebhook.filter(processed_at=None, attempts__lt=10).order_by("received_at").limit(limit)
    return [str(r.id) for r in rows]
