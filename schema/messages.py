"""Messages over GraphQL: a conversation's history, search, and sending (the same resolvers as
REST). `Message` carries the fields of rest_compat.presenters.messages.MessageObjectOut in
camelCase; `InboxMessage` is the small snapshot live events carry (built without a query)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import messages
from schema._base import Paged, as_data, ctx_of, paged


@strawberry.type(name="Message")
class MessageType:
    id: UUID
    conversation_id: UUID
    direction: str = strawberry.field(description="inbound | outbound")
    type: str = strawberry.field(description="text, template, image, ..., reaction, unsupported")
    text: str | None
    content: JSON = strawberry.field(description="The structured content of the message, by type")
    status: str = strawberry.field(description="received | queued | sent | delivered | read | failed")
    provider_message_id: str | None
    error: JSON | None = strawberry.field(description="The provider's error of a failed message: {code, message, details}")
    sender_agent_id: UUID | None
    context_message_id: str | None = strawberry.field(description="Provider id of the message this one replies to")
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    read_at: datetime | None
    failed_at: datetime | None
    # JSON like `content` and `error`, so REST and GraphQL show the same object (REST `media_file`).
    media_file: JSON | None = strawberry.field(
        description="The stored media file {id, filename, content_type, size, url} (GET url for the bytes); "
                    "null while an inbound fetch is pending or when it failed (content.media_error)")

    @classmethod
    def from_model(cls, m: Any) -> MessageType:
        return cls(
            id=m.id, conversation_id=m.conversation_id, direction=m.direction, type=m.type, text=m.text,
            content=m.content or {}, status=m.status, provider_message_id=m.provider_message_id, error=m.error,
            sender_agent_id=m.sender_agent_id, context_message_id=m.context_message_id, created_at=m.created_at,
            sent_at=m.sent_at, delivered_at=m.delivered_at, read_at=m.read_at, failed_at=m.failed_at,
            media_file=(m.content or {}).get("media_file"),
        )


@strawberry.type
class InboxMessage:
    """A message as live events carry it (resolvers.messages.message_snapshot): enough to show it
    in the inbox; the full object is `Query.messages`."""

    id: UUID
    conversation_id: UUID
    direction: str
    type: str
    text: str | None = strawberry.field(description="The first 500 characters")
    status: str
    sender_agent_id: UUID | None
    created_at: datetime

    @classmethod
    def from_snapshot(cls, s: dict[str, Any]) -> InboxMessage:
        return cls(
            id=UUID(s["message_id"]), conversation_id=UUID(s["conversation_id"]), direction=s["direction"],
            type=s["type"], text=s.get("text"), status=s["status"],
            sender_agent_id=UUID(s["sender_agent_id"]) if s.get("sender_agent_id") else None,
            created_at=datetime.fromisoformat(s["created_at"]),
        )


@sp.input(model=messages.TemplateSpec, all_fields=True, name="TemplateSpecInput")
class TemplateSpecInput:
    # Template components are free-form objects (Meta's schema): a list of JSON values.
    components: list[JSON]


@sp.input(model=messages.MediaSpec, all_fields=True, name="MediaSpecInput")
class MediaSpecInput:
    pass


@sp.input(model=messages.SendMessageInput, all_fields=True, name="SendMessageInput")
class SendMessageInput:
    pass


@strawberry.type
class MessageQuery:
    @strawberry.field(description="A conversation's messages, newest first; `before` pages back by time")
    async def messages(self, info: Info, conversation_id: UUID, page: int = 1, per_page: int = 20,
                       before: datetime | None = None) -> Paged[MessageType]:
        params = {"page": page, "per_page": per_page, "before": before}
        return paged(await messages.list_messages(ctx_of(info), conversation_id, params), MessageType.from_model)

    @strawberry.field(description="Full-text search in the messages of the conversations the caller sees, best first")
    async def search_messages(self, info: Info, q: str, page: int = 1, per_page: int = 20) -> Paged[MessageType]:
        params = {"q": q, "page": page, "per_page": per_page}
        return paged(await messages.search_messages(ctx_of(info), params), MessageType.from_model)


@strawberry.type
class MessageMutation:
    @strawberry.mutation(description="Queue a message to the customer; a job sends it (status queued -> sent | failed)")
    async def send_message(self, info: Info, conversation_id: UUID, input: SendMessageInput) -> MessageType:
        message = await messages.send_message(ctx_of(info), conversation_id, as_data(input))
        return MessageType.from_model(message)
