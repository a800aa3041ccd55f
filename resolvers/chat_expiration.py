"""Chat expiration: per-channel rules saying how long an open conversation may stay quiet
before it expires, and the closing message the customer then gets. One mechanism,
`expire_inactive`, serves the periodic job (each channel's own rule) and the reference's
fixed 24-hour endpoint (POST /api/conversations/expire).

A channel without a stored rule follows the default (enabled, 24 hours, no closing message),
which is what the periodic expiry did before rules existed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import Field
from tortoise.exceptions import IntegrityError

from models.chat_expiration import ChatExpirationRule
from models.conversations import Conversation
from resolvers._context import Ctx
from resolvers._errors import DomainError, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams
from resolvers._run import transactional
from resolvers._scope import new_scoped, scoped
from resolvers.conversations import record_change

DEFAULT_INACTIVITY_HOURS = 24
BATCH = 1000  # conversations expired per channel per run; the next run takes the rest


class ExpirationChannel(StrEnum):
    whatsapp = "whatsapp"
    instagram = "instagram"
    messenger = "messenger"
    email = "email"


class ChatExpirationRuleInput(Input):
    enabled: bool
    inactivity_hours: int = Field(ge=1, le=720, strict=True, description="Hours without a message, 1..720")
    closing_message: str | None = Field(
        None, min_length=1, max_length=4096,
        description="Sent to the customer when the conversation expires (if the channel's window allows); "
                    "null clears it, omitted leaves it unchanged")


@dataclass(frozen=True, slots=True)
class RuleView:
    channel: str
    enabled: bool
    inactivity_hours: int
    closing_message: str | None
    configured: bool  # False: the channel follows the default rule
    updated_at: datetime | None


def _view(channel: str, row: ChatExpirationRule | None) -> RuleView:
    if row is None:
        return RuleView(channel, True, DEFAULT_INACTIVITY_HOURS, None, False, None)
    return RuleView(channel, row.enabled, row.inactivity_hours, row.closing_message, True, row.updated_at)


def _channel(value: str) -> ExpirationChannel:
    try:
        return ExpirationChannel(value)
    except ValueError:
        choices = ", ".join(c.value for c in ExpirationChannel)
        raise ValidationFailed.field("channel", f"must be one of {choices}") from None


async def _rules(ctx: Ctx) -> dict[str, RuleView]:
    rows = {r.channel: r for r in await scoped(ctx, ChatExpirationRule).all()}
    return {c.value: _view(c.value, rows.get(c.value)) for c in ExpirationChannel}


# ---------------------------------------------------------------- rules

async def list_chat_expiration_rules(ctx: Ctx, params: PageParams | dict | None = None) -> Page[RuleView]:
    """One rule per channel, stored or default, in a fixed channel order."""
    ctx.require("chat_expiration.read")
    params = parse(PageParams, params or {})
    rules = list((await _rules(ctx)).values())
    return Page.of_list(rules, params)


@transactional
async def _upsert(ctx: Ctx, channel: ExpirationChannel, data: ChatExpirationRuleInput) -> RuleView:
    values: dict[str, Any] = {"enabled": data.enabled, "inactivity_hours": data.inactivity_hours}
    if "closing_message" in data.model_fields_set:
        values["closing_message"] = data.closing_message
    row = await scoped(ctx, ChatExpirationRule).filter(channel=channel.value).first()
    if row is None:
        row = await new_scoped(ctx, ChatExpirationRule, channel=channel.value, **values)
    else:
        for key, value in values.items():
            setattr(row, key, value)
        await row.save(update_fields=[*values, "updated_at"])
    view = _view(channel.value, row)
    ctx.record("chat_expiration_rule.updated", {
        "channel": view.channel, "enabled": view.enabled, "inactivity_hours": view.inactivity_hours,
        "closing_message": view.closing_message,
    })
    return view


async def set_chat_expiration_rule(ctx: Ctx, channel: str, data: ChatExpirationRuleInput | dict) -> RuleView:
    ctx.require("chat_expiration.manage")
    parsed_channel = _channel(channel)
    data = parse(ChatExpirationRuleInput, data)
    try:
        return await _upsert(ctx, parsed_channel, data)
    except IntegrityError:  # a concurrent first PUT created the row: this one now updates it
        return await _upsert(ctx, parsed_channel, data)


# ---------------------------------------------------------------- expiring

async def _close(ctx: Ctx, conversation: Conversation, closing_message: str | None) -> dict[str, Any] | None:
    """Send the closing message; a refusal (window closed, channel not sendable) is noted, not
    raised. send_message checks before it writes, so a refusal leaves nothing behind."""
    if not closing_message:
        return None
    from resolvers.messages import send_message  # local: messages imports conversations, like us

    try:
        message = await send_message(ctx, conversation.id, {"type": "text", "text": closing_message})
    except DomainError as exc:
        return {"status": "skipped", "reason": str(exc.code), "detail": exc.message}
    return {"status": "sent", "message_id": str(message.id)}


async def expire_inactive(ctx: Ctx, *, channel: str | None, older_than: timedelta, closing_messages: dict[str, str | None],
                          now: datetime | None = None, limit: int = BATCH) -> int:
    """Expire the open conversations (of one channel, or all) whose last message is older than
    `older_than`, each after its channel's closing message. Runs inside the caller's transaction."""
    now = now or datetime.now(UTC)
    cutoff = now - older_than
    qs = scoped(ctx, Conversation).filter(status="open", last_message_at__lt=cutoff)
    if channel is not None:
        qs = qs.filter(channel=channel)
    expired = 0
    for conversation in await qs.order_by("last_message_at").limit(limit):
        # Conditional: a customer who wrote in the meantime, or a concurrent run, keeps it.
        claimed = await scoped(ctx, Conversation).filter(
            id=conversation.id, status="open", last_message_at__lt=cutoff).update(status="expired", updated_at=now)
        if not claimed:
            continue
        closing = await _close(ctx, conversation, closing_messages.get(conversation.channel))
        conversation.status = "expired"
        record_change(ctx, "conversation.expired", conversation, channel=conversation.channel,
                      inactivity_hours=int(older_than.total_seconds() // 3600), closing_message=closing)
        expired += 1
    return expired


@transactional
async def apply_expiration_rules(ctx: Ctx, *, now: datetime | None = None) -> dict[str, Any]:
    """What the periodic job does for one tenant: each enabled channel rule, with its own
    inactivity hours and closing message."""
    ctx.require("conversations.expire")
    expired = 0
    for rule in (await _rules(ctx)).values():
        if rule.enabled:
            expired += await expire_inactive(
                ctx, channel=rule.channel, older_than=timedelta(hours=rule.inactivity_hours),
                closing_messages={rule.channel: rule.closing_message}, now=now)
    return {"message": "Conversations expired", "expired_count": expired}


async def closing_messages(ctx: Ctx) -> dict[str, str | None]:
    """Each channel's closing message, for the fixed 24-hour expiry."""
    return {channel: rule.closing_message for channel, rule in (await _rules(ctx)).items()}
