"""Chat expiration rules over GraphQL: the same resolvers as REST (resolvers.chat_expiration).
The channel is a string, validated by the resolver, so a wrong one fails with the same
VALIDATION_FAILED code through both doors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from resolvers import chat_expiration
from schema._base import Paged, as_data, ctx_of, paged


@strawberry.type(name="ChatExpirationRule")
class ChatExpirationRuleType:
    channel: str
    enabled: bool
    inactivity_hours: int
    closing_message: str | None
    configured: bool = strawberry.field(description="False while the channel follows the default rule")
    updated_at: datetime | None

    @classmethod
    def from_view(cls, rule: Any) -> ChatExpirationRuleType:
        return cls(channel=rule.channel, enabled=rule.enabled, inactivity_hours=rule.inactivity_hours,
                   closing_message=rule.closing_message, configured=rule.configured, updated_at=rule.updated_at)


@strawberry.input(name="ChatExpirationRuleInput")
class ChatExpirationRuleInput:
    enabled: bool
    inactivity_hours: int = strawberry.field(description="Hours without a message, 1..720")
    # UNSET, not None: omitted leaves the message as it is, null clears it (as over REST).
    closing_message: str | None = strawberry.UNSET


@strawberry.type
class ChatExpirationQuery:
    @strawberry.field(description="One rule per channel (whatsapp, instagram, messenger, email)")
    async def chat_expiration_rules(self, info: Info, page: int = 1, per_page: int = 20
                                    ) -> Paged[ChatExpirationRuleType]:
        result = await chat_expiration.list_chat_expiration_rules(ctx_of(info), {"page": page, "per_page": per_page})
        return paged(result, ChatExpirationRuleType.from_view)


@strawberry.type
class ChatExpirationMutation:
    @strawberry.mutation(description="Set a channel's rule: inactivity hours before expiry, optional closing message")
    async def set_chat_expiration_rule(self, info: Info, channel: str, input: ChatExpirationRuleInput
                                       ) -> ChatExpirationRuleType:
        rule = await chat_expiration.set_chat_expiration_rule(ctx_of(info), channel, as_data(input))
        return ChatExpirationRuleType.from_view(rule)
