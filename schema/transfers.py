"""Transfers over GraphQL: the history entry of rest_compat.presenters.transfers in camelCase,
and the transfer itself, through the same resolvers as REST."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import transfers
from schema._base import Paged, as_data, ctx_of, paged


@strawberry.type(name="Transfer")
class TransferType:
    id: UUID
    conversation_id: UUID
    from_agent_id: UUID | None
    to_agent_id: UUID | None
    from_division_id: UUID | None
    to_division_id: UUID | None
    reason: str | None
    transferred_by: UUID | None = strawberry.field(description="The agent who transferred it")
    created_at: datetime

    @classmethod
    def from_model(cls, t: Any) -> TransferType:
        return cls(
            id=t.id, conversation_id=t.conversation_id, from_agent_id=t.from_agent_id, to_agent_id=t.to_agent_id,
            from_division_id=t.from_division_id, to_division_id=t.to_division_id, reason=t.reason,
            transferred_by=t.transferred_by_id, created_at=t.created_at,
        )


@sp.input(model=transfers.TransferInput, all_fields=True, name="TransferInput")
class TransferInput:
    pass


@strawberry.type
class TransferQuery:
    @strawberry.field(description="A conversation's transfer history, newest first")
    async def conversation_transfers(self, info: Info, id: UUID, page: int = 1, per_page: int = 20
                                     ) -> Paged[TransferType]:
        page_ = await transfers.list_transfers(ctx_of(info), id, {"page": page, "per_page": per_page})
        return paged(page_, TransferType.from_model)


@strawberry.type
class TransferMutation:
    @strawberry.mutation(description="Transfer a conversation to an agent, a division, or an agent of a division")
    async def transfer_conversation(self, info: Info, id: UUID, input: TransferInput) -> TransferType:
        return TransferType.from_model(await transfers.transfer_conversation(ctx_of(info), id, as_data(input)))
