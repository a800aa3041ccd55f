"""Per-channel integration settings: one row per tenant and channel (whatsapp, instagram,
messenger, email) holding the channel-wide switches that front ends read and write:

- `enabled`: whether the organization uses the channel at all;
- `auto_assign`: whether new conversations of the channel should be assigned automatically;
- `use_working_hours`: whether the organization's working hours (and their out-of-hours
  auto-reply) apply to the channel;
- `display_name`: how the channel is labelled in the organization's inbox.

Who reads them (`channel_switches`, one query on the unique (tenant, channel) index):
- resolvers/messages.send_message refuses every send on a disabled channel (422
  CHANNEL_DISABLED; agents' replies, scheduled messages falling due, closing messages and
  auto-replies all go through it); inbound messages are still recorded;
- resolvers/working_hours.send_auto_reply skips a disabled channel or one with
  `use_working_hours: false`;
- resolvers/auto_assignment assigns new conversations of an enabled `auto_assign` channel.

These are settings records: PUT is an upsert (replaces every field given, keeps the others),
DELETE drops the row so the channel follows the defaults again. The credentials are on the
channel's integration accounts (resolvers/integrations.py); `default_account_id` and
`accounts_count` are read from them, not stored twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import Field
from tortoise.exceptions import IntegrityError

from models.channel_settings import ChannelSettings
from models.integrations import IntegrationAccount
from resolvers._caches import ProcessCache
from resolvers._context import Ctx
from resolvers._errors import ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams
from resolvers._run import transactional
from resolvers._scope import new_scoped, scoped

PERMISSION = "integrations.manage"
DEFAULTS: dict[str, Any] = {"enabled": True, "auto_assign": False, "use_working_hours": True, "display_name": None}


class Channel(StrEnum):
    whatsapp = "whatsapp"
    instagram = "instagram"
    messenger = "messenger"
    email = "email"


class ChannelSettingsInput(Input):
    """Every field optional: an omitted field keeps its current (or default) value."""

    enabled: bool | None = Field(None, strict=True, description="Whether the organization uses the channel")
    auto_assign: bool | None = Field(None, strict=True, description="Assign the channel's new conversations automatically")
    use_working_hours: bool | None = Field(
        None, strict=True, description="Whether the working hours and their out-of-hours auto-reply apply to the channel")
    display_name: str | None = Field(None, min_length=1, max_length=200,
                                     description="The channel's label in the inbox; null clears it")


@dataclass(frozen=True, slots=True)
class ChannelSettingsView:
    channel: str
    enabled: bool
    auto_assign: bool
    use_working_hours: bool
    display_name: str | None
    default_account_id: UUID | None
    accounts_count: int
    configured: bool  # False: the channel follows the defaults
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class ChannelSwitches:
    """The switches the inbox obeys for one channel (stored, or the defaults)."""

    enabled: bool
    auto_assign: bool
    use_working_hours: bool


# What every send, new conversation and auto-reply reads (resolvers/_caches.py).
_switches: ProcessCache[ChannelSwitches] = ProcessCache("channel_switches", ("channel_settings.",))


async def channel_switches(ctx: Ctx, channel: str) -> ChannelSwitches:
    """What the inbox reads per send / new conversation / inbound message: one indexed query,
    then the process's cache until the settings change. A channel without a row (or one this
    module does not know) follows DEFAULTS."""
    tenant_id = ctx.require_tenant()

    async def load() -> ChannelSwitches:
        row = await scoped(ctx, ChannelSettings).filter(channel=channel).values(
            "enabled", "auto_assign", "use_working_hours")
        values = row[0] if row else DEFAULTS
        return ChannelSwitches(enabled=bool(values["enabled"]), auto_assign=bool(values["auto_assign"]),
                               use_working_hours=bool(values["use_working_hours"]))

    switches = await _switches.get_or_load((tenant_id, channel), load, tenant_id)
    assert switches is not None
    return switches


def _channel(value: str) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        choices = ", ".join(c.value for c in Channel)
        raise ValidationFailed.field("channel", f"must be one of {choices}") from None


async def _views(ctx: Ctx, channels: list[Channel]) -> list[ChannelSettingsView]:
    names = [c.value for c in channels]
    rows = {r.channel: r for r in await scoped(ctx, ChannelSettings).filter(channel__in=names)}
    accounts = await scoped(ctx, IntegrationAccount).filter(channel__in=names).order_by(
        "-is_default", "created_at", "id").values("id", "channel")
    views = []
    for name in names:
        row = rows.get(name)
        own = [a["id"] for a in accounts if a["channel"] == name]
        values = DEFAULTS if row is None else {k: getattr(row, k) for k in DEFAULTS}
        views.append(ChannelSettingsView(
            channel=name, **values, default_account_id=UUID(str(own[0])) if own else None,
            accounts_count=len(own), configured=row is not None, updated_at=row.updated_at if row else None))
    return views


async def list_channel_settings(ctx: Ctx, params: PageParams | dict | None = None) -> Page[ChannelSettingsView]:
    """One entry per channel, stored or default, in a fixed channel order."""
    ctx.require(PERMISSION)
    params = parse(PageParams, params or {})
    views = await _views(ctx, list(Channel))
    return Page.of_list(views, params)


async def get_channel_settings(ctx: Ctx, channel: str) -> ChannelSettingsView:
    ctx.require(PERMISSION)
    return (await _views(ctx, [_channel(channel)]))[0]


@transactional
async def _upsert(ctx: Ctx, channel: Channel, data: ChannelSettingsInput) -> ChannelSettingsView:
    # Only fields the caller sent; null is a value for display_name only (it clears it).
    values = {k: getattr(data, k) for k in data.model_fields_set if k == "display_name" or getattr(data, k) is not None}
    row = await scoped(ctx, ChannelSettings).filter(channel=channel.value).first()
    if row is None:
        row = await new_scoped(ctx, ChannelSettings, channel=channel.value, **{**DEFAULTS, **values})
        created = True
    else:
        for key, value in values.items():
            setattr(row, key, value)
        await row.save(update_fields=[*values, "updated_at"])
        created = False
    view = (await _views(ctx, [channel]))[0]
    ctx.record("channel_settings.updated", {
        "channel": view.channel, "created": created, "enabled": view.enabled, "auto_assign": view.auto_assign,
        "use_working_hours": view.use_working_hours, "display_name": view.display_name,
    })
    return view


async def set_channel_settings(ctx: Ctx, channel: str, data: ChannelSettingsInput | dict) -> ChannelSettingsView:
    """Create or update the channel's settings (upsert)."""
    ctx.require(PERMISSION)
    parsed = _channel(channel)
    data = parse(ChannelSettingsInput, data)
    for key in ("enabled", "auto_assign", "use_working_hours"):
        if key in data.model_fields_set and getattr(data, key) is None:
            raise ValidationFailed.field(key, "must be true or false (omit it to keep the current value)")
    try:
        return await _upsert(ctx, parsed, data)
    except IntegrityError:  # a concurrent first PUT created the row: this one now updates it
        return await _upsert(ctx, parsed, data)


@transactional
async def delete_channel_settings(ctx: Ctx, channel: str) -> dict[str, Any]:
    """Drop the channel's settings: it follows the defaults again. Idempotent; the channel's
    integration accounts are not touched."""
    ctx.require(PERMISSION)
    parsed = _channel(channel)
    deleted = await scoped(ctx, ChannelSettings).filter(channel=parsed.value).delete()
    if deleted:
        ctx.record("channel_settings.deleted", {"channel": parsed.value})
    return {"message": "Channel settings deleted" if deleted else "The channel had no settings; it uses the defaults",
            "channel": parsed.value, "deleted": bool(deleted)}
