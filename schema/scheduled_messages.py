"""Scheduled messages over GraphQL (the same resolvers as REST). `ScheduledMessage` carries the
fields of rest_compat.presenters.scheduled_messages.ScheduledMessageOut in camelCase, plus
`creator`, read through the per-request agents DataLoader. Rules (validation, who may cancel,
exactly-once delivery): resolvers/scheduled_messages.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import agents, scheduled_messages
from resolvers.scheduled_messages import ScheduledMessageStatus, ScheduledMessageType
from schema._base import Paged, as_data, ctx_of, loader, paged
from schema.agents import AgentType
from schema.messages import TemplateSpecInput


@strawberry.type(name="ScheduledMessage")
class ScheduledMessageTypeGQL:
    id: UUID
    conversation_id: UUID
    status: ScheduledMessageStatus
    send_at: datetime
    type: ScheduledMessageType
    text: str | None
    content: JSON = strawberry.field(description="{template: {...}} for a template, as on Message")
    created_by: UUID | None = strawberry.field(description="The agent who scheduled it (the sender when it goes)")
    sent_message_id: UUID | None = strawberry.field(description="The outbound message it became, once sent")
    error: JSON | None = strawberry.field(description="Why it failed: {code, message, details}")
    created_at: datetime
    cancelled_at: datetime | None

    @strawberry.field(description="The agent who scheduled it (batched: one query per request)")
    async def creator(self, info: Info) -> AgentType | None:
        if self.created_by is None:
            return None
        agent = await loader(info, "agents", agents.agents_by_ids).load(self.created_by)
        return AgentType.from_model(agent) if agent is not None else None

    @classmethod
    def from_model(cls, s: Any) -> ScheduledMessageTypeGQL:
        return cls(
            id=s.id, conversation_id=s.conversation_id, status=ScheduledMessageStatus(s.status), send_at=s.send_at,
            type=ScheduledMessageType(s.type), text=s.text, content=s.content or {}, created_by=s.created_by_id,
            sent_message_id=s.sent_message_id, error=s.error, created_at=s.created_at, cancelled_at=s.cancelled_at,
        )


@sp.input(model=scheduled_messages.ScheduleMessageInput, all_fields=True, name="ScheduleMessageInput")
class ScheduleMessageInput:
    template: TemplateSpecInput | None = None
    # The resolver insists on an offset; the DateTime scalar hands over whatever was written.
    send_at: datetime


@strawberry.type
class ScheduledMessageQuery:
    @strawberry.field(description="A conversation's scheduled messages, soonest first")
    async def scheduled_messages(self, info: Info, conversation_id: UUID, page: int = 1, per_page: int = 20,
                                 status: ScheduledMessageStatus | None = None) -> Paged[ScheduledMessageTypeGQL]:
        params = {"page": page, "per_page": per_page, "status": status}
        page_ = await scheduled_messages.list_scheduled_messages(ctx_of(info), conversation_id, params)
        return paged(page_, ScheduledMessageTypeGQL.from_model)

    @strawberry.field(description="One scheduled message (e.g. the one a scheduled_message.* event names)")
    async def scheduled_message(self, info: Info, id: UUID) -> ScheduledMessageTypeGQL:
        return ScheduledMessageTypeGQL.from_model(await scheduled_messages.get_scheduled_message(ctx_of(info), id))


@strawberry.type
class ScheduledMessageMutation:
    @strawberry.mutation(description="Schedule a text or template message; it is sent at sendAt (ISO-8601 with "
                                     "an offset, within a year), if the conversation still allows it then")
    async def schedule_message(self, info: Info, conversation_id: UUID,
                               input: ScheduleMessageInput) -> ScheduledMessageTypeGQL:
        row = await scheduled_messages.schedule_message(ctx_of(info), conversation_id, as_data(input))
        return ScheduledMessageTypeGQL.from_model(row)

    @strawberry.mutation(description="Cancel a pending scheduled message: one's own, or anyone's with "
                                     "scheduled_messages.manage_all")
    async def cancel_scheduled_message(self, info: Info, id: UUID) -> ScheduledMessageTypeGQL:
        row = await scheduled_messages.cancel_scheduled_message(ctx_of(info), id)
        return ScheduledMessageTypeGQL.from_model(row)
