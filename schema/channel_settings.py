"""Per-channel integration settings over GraphQL: the same resolvers as REST
(resolvers.channel_settings). The channel is a string validated by the resolver, so a wrong
one fails with the same VALIDATION_FAILED code through both doors."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from resolvers import channel_settings
from schema._base import Paged, as_data, ctx_of, paged


@strawberry.type(name="ChannelSettings")
class ChannelSettingsType:
    channel: str
    enabled: bool
    auto_assign: bool
    use_working_hours: bool
    display_name: str | None
    default_account_id: UUID | None = strawberry.field(description="The channel's default integration account")
    accounts_count: int
    configured: bool = strawberry.field(description="False while the channel follows the defaults")
    updated_at: datetime | None

    @classmethod
    def from_view(cls, v: Any) -> ChannelSettingsType:
        return cls(channel=v.channel, enabled=v.enabled, auto_assign=v.auto_assign,
                   use_working_hours=v.use_working_hours, display_name=v.display_name,
                   default_account_id=v.default_account_id, accounts_count=v.accounts_count,
                   configured=v.configured, updated_at=v.updated_at)


@strawberry.input(name="ChannelSettingsInput")
class ChannelSettingsInput:
    # UNSET: an omitted field keeps its value (as over REST); null clears displayName.
    enabled: bool | None = strawberry.UNSET
    auto_assign: bool | None = strawberry.UNSET
    use_working_hours: bool | None = strawberry.UNSET
    display_name: str | None = strawberry.UNSET


@strawberry.type
class ChannelSettingsDeletedPayload:
    message: str
    channel: str
    deleted: bool = strawberry.field(description="False when the channel had no settings")


@strawberry.type
class ChannelSettingsQuery:
    @strawberry.field(description="One settings entry per channel (whatsapp, instagram, messenger, email)")
    async def channel_integrations(self, info: Info, page: int = 1, per_page: int = 20) -> Paged[ChannelSettingsType]:
        result = await channel_settings.list_channel_settings(ctx_of(info), {"page": page, "per_page": per_page})
        return paged(result, ChannelSettingsType.from_view)

    @strawberry.field(description="One channel's settings (defaults when never set)")
    async def channel_integration(self, info: Info, channel: str) -> ChannelSettingsType:
        return ChannelSettingsType.from_view(await channel_settings.get_channel_settings(ctx_of(info), channel))


@strawberry.type
class ChannelSettingsMutation:
    @strawberry.mutation(description="Create or update a channel's settings (upsert; omitted fields keep their value)")
    async def set_channel_integration(self, info: Info, channel: str, input: ChannelSettingsInput
                                      ) -> ChannelSettingsType:
        view = await channel_settings.set_channel_settings(ctx_of(info), channel, as_data(input))
        return ChannelSettingsType.from_view(view)

    @strawberry.mutation(description="Drop a channel's settings: it follows the defaults again")
    async def delete_channel_integration(self, info: Info, channel: str) -> ChannelSettingsDeletedPayload:
        r = await channel_settings.delete_channel_settings(ctx_of(info), channel)
        return ChannelSettingsDeletedPayload(message=r["message"], channel=r["channel"], deleted=r["deleted"])
