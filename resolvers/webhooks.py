"""Inbound provider webhooks: verify, store once, answer fast; a job applies them later.
Meta re-delivers for days: a byte-identical re-delivery is a no-op at storage, and every item
inside is applied at most once (unique provider message id, monotonic statuses)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import orjson
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from connectors import meta, meta_messaging
from connectors.hub import services
from models.integrations import IntegrationAccount
from models.webhooks import InboundWebhook
from resolvers._caches import ProcessCache
from resolvers._context import Ctx
from resolvers._errors import BadRequest, Forbidden, Unauthenticated
from resolvers._inbound import store_inbound
from resolvers.email import apply_stored_email
from resolvers.integrations import account_for_inbound, account_secrets
from resolvers.messages import apply_status, mark_inbound_deleted, outbound_ids_up_to, receive_inbound
from resolvers.templates import apply_template_status, apply_template_update

log = logging.getLogger(__name__)

SWEEP_GRACE_SECONDS = 10
RACE_RETRIES = 2  # in-place re-tries of a batched webhook that lost a race with another job

# (channel, provider account id) -> its account: what one job has looked up already.
Accounts = dict[tuple[str, str], IntegrationAccount | None]


async def verify_meta_subscription(ctx: Ctx, params: dict[str, Any]) -> str:
    """Meta's GET handshake: echo hub.challenge when hub.verify_token is ours."""
    expected = services.settings.meta_verify_token
    if (params.get("hub.mode") == "subscribe" and expected and params.get("hub.verify_token") == expected
            and params.get("hub.challenge")):
        return str(params["hub.challenge"])
    raise Forbidden("Webhook verification failed")


@dataclass(frozen=True, slots=True)
class _Signer:
    """Who signs an inbound account's webhooks: its own app secret, or None for the platform's."""

    tenant_id: UUID
    app_secret: str | None


# So that a webhook accept costs one INSERT and no look-up (resolvers/_caches.py).
_signers: ProcessCache[_Signer] = ProcessCache("inbound_signers", ("integration_account.",))


async def _signer(channel: str, external_id: str) -> _Signer | None:
    """The signer of the account routed to; None when no tenant has that account."""

    async def load() -> _Signer | None:
        account = await account_for_inbound(channel, external_id)
        if account is None:
            return None
        return _Signer(account.tenant_id, account_secrets(account).get("app_secret") or None)

    return await _signers.get_or_load((channel, external_id), load)


async def _app_secret_for(payload: dict[str, Any]) -> str | None:
    """The routed account's own app secret when it has one, else the platform's META_APP_SECRET.
    WhatsApp routes by phone number id; Messenger / Instagram (object page / instagram) by the
    entry's page / Instagram account id."""
    channel = meta_messaging.channel_of(payload)
    if channel is not None:
        routing = [(channel, i) for i in sorted(meta_messaging.account_ids(payload))]
    else:
        routing = [("whatsapp", i) for i in sorted(meta.phone_number_ids(payload))]
    for channel, external_id in routing:
        signer = await _signer(channel, external_id)
        if signer is not None:
            return signer.app_secret or services.settings.meta_app_secret
    return services.settings.meta_app_secret


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
    return await store_inbound(provider="meta", dedupe_key=key, body=raw.decode("utf-8"))


# Messenger and Instagram have their own callback URLs in the Meta app dashboard; the handshake,
# signature and pipeline are the same (the body's `object` selects the parser).
async def verify_messenger_subscription(ctx: Ctx, params: dict[str, Any]) -> str:
    return await verify_meta_subscription(ctx, params)


async def receive_messenger_webhook(ctx: Ctx, raw: bytes, headers: Any) -> dict[str, str]:
    return await receive_meta_webhook(ctx, raw, headers)


async def verify_instagram_subscription(ctx: Ctx, params: dict[str, Any]) -> str:
    return await verify_meta_subscription(ctx, params)


async def receive_instagram_webhook(ctx: Ctx, raw: bytes, headers: Any) -> dict[str, str]:
    return await receive_meta_webhook(ctx, raw, headers)


async def process_webhook(webhook_id: str) -> int:
    """Apply a stored webhook; returns how many items changed something. Safe to run again."""
    webhook = await InboundWebhook.filter(id=webhook_id).first()
    if webhook is None or webhook.processed_at is not None:
        return 0
    try:
        applied = await _apply_webhook(webhook, {})
    except Exception as exc:
        await _record_failure(webhook, exc)
        raise
    await InboundWebhook.filter(id=webhook.id).update(processed_at=datetime.now(UTC), error=None,
                                                      attempts=webhook.attempts + 1)
    return applied


async def process_webhooks(webhook_ids: list[str]) -> int:
    """Apply stored webhooks in the order given (the order they were accepted); returns how many
    items changed something. Safe to run again: processed ones are skipped. A webhook that fails
    keeps its error and stays unprocessed for the sweep while the rest go on; one that keeps
    losing a race (IntegrityError) stops the batch and is raised, so that a retry of the job
    resumes in order."""
    pending = {str(w.id): w for w in await InboundWebhook.filter(id__in=webhook_ids, processed_at=None)}
    accounts: Accounts = {}  # a batch mostly goes to a few accounts
    applied = 0
    done: list[UUID] = []
    try:
        for webhook_id in dict.fromkeys(webhook_ids):
            webhook = pending.get(webhook_id)
            if webhook is None:
                continue
            try:
                applied += await _apply_racing(webhook, accounts)
            except IntegrityError as exc:
                await _record_failure(webhook, exc)
                raise
            except Exception as exc:
                await _record_failure(webhook, exc)
                log.exception("inbound webhook %s failed; the sweep will retry it", webhook_id)
                continue
            done.append(webhook.id)
    finally:
        if done:  # one UPDATE for the batch (a crash before it only means re-applying, which is safe)
            await InboundWebhook.filter(id__in=done).update(processed_at=datetime.now(UTC), error=None,
                                                            attempts=F("attempts") + 1)
    return applied


async def _apply_racing(webhook: InboundWebhook, accounts: Accounts) -> int:
    """Apply a webhook, again at once when it lost a race: the IntegrityError comes after the
    other job's row committed, so the next try finds it (re-applied items are no-ops). Retrying
    here keeps the batch in order and spares the rest of it a deferred job retry."""
    for _ in range(RACE_RETRIES):
        try:
            return await _apply_webhook(webhook, accounts)
        except IntegrityError:
            continue
    return await _apply_webhook(webhook, accounts)


async def _record_failure(webhook: InboundWebhook, exc: Exception) -> None:
    await InboundWebhook.filter(id=webhook.id).update(error=f"{type(exc).__name__}: {exc}"[:2000],
                                                      attempts=webhook.attempts + 1)


async def _apply_webhook(webhook: InboundWebhook, accounts: Accounts) -> int:
    """Apply one stored webhook's items."""
    payload = orjson.loads(webhook.body)
    channel = meta_messaging.channel_of(payload)
    applied = 0
    if webhook.provider == "email":  # one parsed email per row, stored by resolvers.email
        applied += await apply_stored_email(payload)
    elif channel is not None:
        for item in meta_messaging.parse_messaging_webhook(payload):
            applied += await _apply_messaging_item(channel, item, accounts)
    else:
        for item in meta.parse_whatsapp_webhook(payload):
            applied += await _apply_item(item, accounts)
    return applied


async def _account(accounts: Accounts, channel: str, external_id: str) -> IntegrationAccount | None:
    """account_for_inbound, asked once per account within one job."""
    key = (channel, external_id)
    if key not in accounts:
        accounts[key] = await account_for_inbound(channel, external_id)
    return accounts[key]


async def _apply_item(item: Any, accounts: Accounts) -> int:
    if isinstance(item, meta.InboundMessage | meta.InboundStatus):
        account = await _account(accounts, "whatsapp", item.phone_number_id)
        if account is None:
            log.warning("webhook for unknown phone_number_id %s ignored", item.phone_number_id)
            return 0
        ctx = Ctx.system(account.tenant_id)
        if isinstance(item, meta.InboundMessage):
            return 1 if await receive_inbound(ctx, account, item) is not None else 0
        return 1 if await apply_status(ctx, item) else 0
    if isinstance(item, meta.TemplateStatusUpdate):  # routed by WABA id to the stored templates
        return await apply_template_status(item)
    if isinstance(item, meta.OtherChange) and (update := meta.template_update(item)) is not None:
        return await apply_template_update(update)  # quality, category, components: same routing
    # Account and phone-number quality updates are not applied yet (the account health is read
    # live from Meta, nothing stores it): the raw webhook stays stored, so they can be replayed.
    return 0


async def _apply_messaging_item(channel: str, item: Any, accounts: Accounts) -> int:
    """Messenger / Instagram: the same pipeline as WhatsApp, routed by page / IG account id."""
    if isinstance(item, meta.OtherChange):
        return 0  # referrals, opt-ins, account linking: kept in the stored webhook
    account_id = item.phone_number_id if isinstance(item, meta.InboundMessage | meta.InboundStatus) else item.account_id
    account = await _account(accounts, channel, account_id)
    if account is None:
        log.warning("%s webhook for unknown account %s ignored", channel, account_id)
        return 0
    ctx = Ctx.system(account.tenant_id)
    if isinstance(item, meta.InboundMessage):
        if not item.provider_message_id or not item.wa_id:
            return 0
        return 1 if await receive_inbound(ctx, account, item) is not None else 0
    if isinstance(item, meta.InboundStatus):
        return 1 if await apply_status(ctx, item) else 0
    if isinstance(item, meta_messaging.Unsend):
        return 1 if await mark_inbound_deleted(ctx, account, item.user_id, item.provider_message_id,
                                               item.timestamp) else 0
    changed = 0
    for provider_message_id in await outbound_ids_up_to(ctx, account, item.user_id, item.watermark):
        status = meta.InboundStatus(phone_number_id=account_id, provider_message_id=provider_message_id,
                                    status=item.status, timestamp=item.watermark, recipient_id=item.user_id)
        changed += 1 if await apply_status(ctx, status) else 0
    return changed


async def unprocessed_webhook_ids(limit: int = 500) -> list[str]:
    """Stored webhooks no job has processed, oldest first, but for the last SWEEP_GRACE_SECONDS'
    ones: their batch is normally still collecting or queued."""
    received_before = datetime.now(UTC) - timedelta(seconds=SWEEP_GRACE_SECONDS)
    ids = await InboundWebhook.filter(processed_at=None, attempts__lt=10, received_at__lt=received_before).order_by(
        "received_at").limit(limit).values_list("id", flat=True)
    return [str(i) for i in ids]
