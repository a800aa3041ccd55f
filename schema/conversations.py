"""The inbox over GraphQL: conversations (queries and actions, the same resolvers as REST) and
the live `inboxEvents` subscription.

`Conversation` carries the fields of rest_compat.presenters.conversations.ConversationOut in
camelCase, plus `contact` and `assignee`, each read through a per-request DataLoader, so a page
of conversations costs the same number of SQL statements whatever its size. Actions answer
like REST (a message plus echo fields), and can return the updated `conversation` on request.

`inboxEvents` yields the message.*, conversation.* and contact.* events of the caller's tenant
that the caller may see (filtered before any GraphQL execution, see schema.live), as typed
events behind the `InboxEvent` interface. Each is built from the published event alone: no
query per subscriber per event, and one execution per group of identical subscriptions."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import agents, contacts, conversations
from resolvers.conversations import ConversationStatus
from schema._base import Paged, as_data, ctx_of, loader, paged
from schema.agents import AgentType
from schema.contacts import ContactType
from schema.events import may_see
from schema.live import deliveries
from schema.messages import InboxMessage


@strawberry.type(name="Conversation")
class ConversationType:
    id: UUID
    contact_id: UUID
    assigned_agent_id: UUID | None
    status: ConversationStatus
    last_message_at: datetime
    unread_count: int
    created_at: datetime
    updated_at: datetime
    contact_name: str | None
    contact_phone: str | None
    contact_channel: str
    tags: list[str]
    integration_account_id: UUID | None
    last_message_preview: str | None
    division_id: UUID | None = strawberry.field(description="The division it belongs to, if any")

    @strawberry.field(description="The customer (batched: one query per request, not per conversation)")
    async def contact(self, info: Info) -> ContactType:
        contact = await loader(info, "contacts", contacts.contacts_by_ids).load(self.contact_id)
        return ContactType.from_model(contact)

    @strawberry.field(description="The assigned agent, if any (batched like `contact`)")
    async def assignee(self, info: Info) -> AgentType | None:
        if self.assigned_agent_id is None:
            return None
        agent = await loader(info, "agents", agents.agents_by_ids).load(self.assigned_agent_id)
        return AgentType.from_model(agent) if agent is not None else None

    @classmethod
    def from_model(cls, c: Any) -> ConversationType:
        # The resolvers fetch conversations with their contact (select_related): the flattened
        # contact fields cost no query.
        contact = c.contact
        return cls(
            id=c.id, contact_id=c.contact_id, assigned_agent_id=c.assigned_agent_id,
            status=ConversationStatus(c.status), last_message_at=c.last_message_at, unread_count=c.unread_count,
            created_at=c.created_at, updated_at=c.updated_at, contact_name=contact.name,
            contact_phone=contact.phone, contact_channel=c.channel, tags=list(c.tags or []),
            integration_account_id=c.integration_account_id, last_message_preview=c.last_message_preview,
            division_id=c.division_id,
        )


# ---------------------------------------------------------------- action payloads (the REST acks)

@strawberry.interface
class ConversationAck:
    """An action on one conversation: the REST door's `message` and `conversation_id`, and the
    conversation as it is now, read only when selected."""

    message: str
    conversation_id: UUID

    @strawberry.field
    async def conversation(self, info: Info) -> ConversationType:
        return ConversationType.from_model(await conversations.get_conversation(ctx_of(info), self.conversation_id))


@strawberry.type
class ConversationAssignedPayload(ConversationAck):
    assigned_agent_id: UUID | None


@strawberry.type
class ConversationStatusPayload(ConversationAck):
    status: ConversationStatus


@strawberry.type
class ConversationReadPayload(ConversationAck):
    unread_count: int


@strawberry.type
class ConversationTagsPayload(ConversationAck):
    tags: list[str]


@strawberry.type
class BulkConversationsPayload:
    message: str
    affected_count: int = strawberry.field(description="Conversations that changed (others' and invisible ids never do)")


@strawberry.type
class ExpireConversationsPayload:
    message: str
    expired_count: int


@sp.input(model=conversations.BulkAction, all_fields=True, name="BulkActionInput")
class BulkActionInput:
    pass


@sp.input(model=conversations.BulkInput, all_fields=True, name="BulkConversationsInput")
class BulkConversationsInput:
    pass


def _uuid(value: Any) -> UUID | None:
    return UUID(str(value)) if value else None


# ---------------------------------------------------------------- queries and mutations

@strawberry.type
class ConversationQuery:
    @strawberry.field(description="The inbox: conversations the caller sees, newest activity first")
    async def conversations(self, info: Info, page: int = 1, per_page: int = 20, status: ConversationStatus | None = None,
                            assigned_agent_id: UUID | None = None) -> Paged[ConversationType]:
        params = {"page": page, "per_page": per_page, "status": status, "assigned_agent_id": assigned_agent_id}
        return paged(await conversations.list_conversations(ctx_of(info), params), ConversationType.from_model)

    @strawberry.field
    async def conversation(self, info: Info, id: UUID) -> ConversationType:
        return ConversationType.from_model(await conversations.get_conversation(ctx_of(info), id))

    @strawberry.field(description="A contact's conversations that the caller sees, newest activity first")
    async def contact_conversations(self, info: Info, id: UUID, page: int = 1, per_page: int = 20
                                    ) -> Paged[ConversationType]:
        page_ = await contacts.list_contact_conversations(ctx_of(info), id, {"page": page, "per_page": per_page})
        return paged(page_, ConversationType.from_model)


@strawberry.type
class ConversationMutation:
    @strawberry.mutation(description="Assign to an agent of the organization; agentId null unassigns")
    async def assign_conversation(self, info: Info, id: UUID, agent_id: UUID | None) -> ConversationAssignedPayload:
        r = await conversations.assign_conversation(ctx_of(info), id, {"agent_id": agent_id})
        return ConversationAssignedPayload(message=r["message"], conversation_id=UUID(r["conversation_id"]),
                                           assigned_agent_id=_uuid(r["assigned_agent_id"]))

    @strawberry.mutation
    async def set_conversation_status(self, info: Info, id: UUID, status: ConversationStatus
                                      ) -> ConversationStatusPayload:
        r = await conversations.set_conversation_status(ctx_of(info), id, {"status": status})
        return ConversationStatusPayload(message=r["message"], conversation_id=UUID(r["conversation_id"]),
                                         status=ConversationStatus(r["status"]))

    @strawberry.mutation
    async def mark_conversation_read(self, info: Info, id: UUID) -> ConversationReadPayload:
        r = await conversations.mark_conversation_read(ctx_of(info), id)
        return ConversationReadPayload(message=r["message"], conversation_id=UUID(r["conversation_id"]),
                                       unread_count=r["unread_count"])

    @strawberry.mutation(description="Replace the conversation's tags")
    async def set_conversation_tags(self, info: Info, id: UUID, tags: list[str]) -> ConversationTagsPayload:
        r = await conversations.set_conversation_tags(ctx_of(info), id, {"tags": tags})
        return ConversationTagsPayload(message=r["message"], conversation_id=UUID(r["conversation_id"]), tags=r["tags"])

    @strawberry.mutation(description="Assign the conversation to the calling agent")
    async def takeover_conversation(self, info: Info, id: UUID) -> ConversationAssignedPayload:
        r = await conversations.takeover_conversation(ctx_of(info), id)
        return ConversationAssignedPayload(message=r["message"], conversation_id=UUID(r["conversation_id"]),
                                           assigned_agent_id=_uuid(r["assigned_agent_id"]))

    @strawberry.mutation(description="One action on 1..100 conversations")
    async def bulk_conversations(self, info: Info, input: BulkConversationsInput) -> BulkConversationsPayload:
        r = await conversations.bulk_conversations(ctx_of(info), as_data(input))
        return BulkConversationsPayload(message=r["message"], affected_count=r["affected_count"])

    @strawberry.mutation(description="Open conversations with no message for 24 hours become expired")
    async def expire_conversations(self, info: Info) -> ExpireConversationsPayload:
        r = await conversations.expire_conversations(ctx_of(info))
        return ExpireConversationsPayload(message=r["message"], expired_count=r["expired_count"])


# ---------------------------------------------------------------- live inbox events

INBOX_PREFIXES = ("message.", "conversation.", "contact.")


@strawberry.interface
class InboxEvent:
    id: strawberry.ID = strawberry.field(description="The event's id (its outbox row)")
    type: str = strawberry.field(description="The event name, e.g. message.created, conversation.updated")
    conversation_id: UUID | None
    created_at: datetime | None


@strawberry.type
class MessageCreatedEvent(InboxEvent):
    """message.created: a customer wrote, or an agent's message was queued."""

    message: InboxMessage


@strawberry.type
class MessageStatusChangedEvent(InboxEvent):
    """message.status_changed: an outbound message was sent, delivered, read or failed."""

    message_id: UUID
    status: str
    error: JSON | None = strawberry.field(description="The provider's error when status is failed")
    message: InboxMessage


@strawberry.type
class MessageUpdatedEvent(InboxEvent):
    """message.updated: an inbound message's media was stored (mediaFile) or could not be (mediaError)."""

    message_id: UUID
    changed: list[str]
    media_file: JSON | None = strawberry.field(description="The stored file {id, filename, content_type, size, url}")
    media_error: JSON | None = strawberry.field(description="{code, message} when the media could not be kept")
    message: InboxMessage


@strawberry.type
class ConversationChangedEvent(InboxEvent):
    """conversation.created, .updated, .assigned and .expired."""

    # Plain strings, not the ConversationStatus enum: a selection with fragments on several event
    # types must be able to ask every one of them for `status` (same name, so the same type).
    status: str = strawberry.field(description="The conversation's status after the change")
    assigned_agent_id: UUID | None
    changed: list[str] = strawberry.field(
        description="What changed: status, tags, unread_count or assigned_agent_id (empty on created)")
    previous_status: str | None
    previous_agent_id: UUID | None
    tags: list[str] | None
    unread_count: int | None
    contact_id: UUID | None


@strawberry.type
class ContactChangedEvent(InboxEvent):
    """contact.created and contact.updated."""

    contact_id: UUID
    changed: list[str]


INBOX_EVENT_TYPES = (MessageCreatedEvent, MessageStatusChangedEvent, ConversationChangedEvent, ContactChangedEvent,
                     MessageUpdatedEvent)

_CHANGED_BY_TYPE = {"conversation.assigned": ["assigned_agent_id"], "conversation.expired": ["status"]}


def to_inbox_event(event: dict[str, Any]) -> InboxEvent | None:
    """The typed event for a published inbox event (None for any other type)."""
    kind: str = event["type"]
    payload: dict[str, Any] = event.get("payload") or {}
    created = event.get("created_at")
    base = {"id": strawberry.ID(event["id"]), "type": kind, "conversation_id": _uuid(event.get("conversation_id")),
            "created_at": datetime.fromisoformat(created) if created else None}
    if kind == "message.created":
        return MessageCreatedEvent(**base, message=InboxMessage.from_snapshot(payload))
    if kind == "message.status_changed":
        return MessageStatusChangedEvent(**base, message_id=UUID(payload["message_id"]), status=payload["status"],
                                         error=payload.get("error"), message=InboxMessage.from_snapshot(payload))
    if kind == "message.updated":
        return MessageUpdatedEvent(**base, message_id=UUID(payload["message_id"]),
                                   changed=list(payload.get("changed") or []),
                                   media_file=payload.get("media_file"),
                                   media_error=payload.get("media_error"), message=InboxMessage.from_snapshot(payload))
    if kind.startswith("conversation."):
        tags = payload.get("tags")
        return ConversationChangedEvent(
            **base, status=payload["status"], assigned_agent_id=_uuid(payload.get("assigned_agent_id")),
            changed=list(payload.get("changed") or _CHANGED_BY_TYPE.get(kind, [])),
            previous_status=payload.get("previous_status"),
            previous_agent_id=_uuid(payload.get("previous_agent_id")), tags=list(tags) if tags is not None else None,
            unread_count=payload.get("unread_count"), contact_id=_uuid(payload.get("contact_id")),
        )
    if kind.startswith("contact."):
        return ContactChangedEvent(**base, contact_id=UUID(payload["contact_id"]),
                                   changed=list(payload.get("changed") or []))
    return None


@strawberry.type
class InboxSubscription:
    @strawberry.subscription(description="Live inbox: message, conversation and contact events the caller may see; "
                                         "with conversationId, only that conversation's")
    async def inbox_events(self, info: Info, conversation_id: UUID | None = None
                           ) -> AsyncGenerator[InboxEvent, None]:
        ctx = ctx_of(info)
        wanted = None
        if conversation_id is not None:
            # Not found (another tenant's, another agent's) is said now, not by a silent stream.
            wanted = str((await conversations.get_visible_conversation(ctx, conversation_id)).id)

        def accepts(event: dict[str, Any]) -> bool:
            # The connection's own Ctx, which re-checks keep current (a role change), not a copy.
            return (event["type"].startswith(INBOX_PREFIXES)
                    and (wanted is None or event.get("conversation_id") == wanted) and may_see(info.context.ctx, event))

        async for typed in deliveries(info, accepts=accepts, to_root=to_inbox_event):
            yield typed
