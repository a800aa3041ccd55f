"""Live events over GraphQL subscriptions: `events`, and the visibility rule every live field
applies. Delivery (one feed per tenant, filters before any GraphQL execution, one execution per
group of identical subscriptions) is schema.live's."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers._context import Ctx
from schema._base import ctx_of
from schema.live import deliveries


@strawberry.type(name="Event")
class EventType:
    id: strawberry.ID
    type: str = strawberry.field(description="Event name from the catalogue, e.g. agent.status_changed")
    conversation_id: UUID | None
    payload: JSON
    created_at: datetime | None


def may_see(ctx: Ctx, event: dict[str, Any]) -> bool:
    """An agent limited to their own conversations sees a conversation's events only if it is
    theirs or unassigned (the same rule as the conversation list)."""
    if event.get("conversation_id") is None or ctx.can("conversations.read_all"):
        return True
    me = str(ctx.agent_id)
    # A mention is addressed to its agent, who must hear of it even without seeing the conversation.
    if event["type"] == "note.mentioned" and (event.get("payload") or {}).get("mentioned_agent_id") == me:
        return True
    assigned = event.get("assigned_agent_id")
    if assigned is None or assigned == me:
        return True
    # The agent it was taken from must hear of it, to drop it from their inbox.
    return event["type"] == "conversation.assigned" and (event.get("payload") or {}).get("previous_agent_id") == me


def to_event_type(event: dict[str, Any]) -> EventType:
    created = event.get("created_at")
    return EventType(
        id=event["id"], type=event["type"],
        conversation_id=UUID(event["conversation_id"]) if event.get("conversation_id") else None,
        payload=event.get("payload") or {}, created_at=datetime.fromisoformat(created) if created else None,
    )


@strawberry.type
class EventSubscription:
    @strawberry.subscription(description="Every event of the organization the caller may see")
    async def events(self, info: Info, types: list[str] | None = None) -> AsyncGenerator[EventType, None]:
        ctx_of(info)  # authenticated, or the error now
        wanted = frozenset(types or ())

        def accepts(event: dict[str, Any]) -> bool:
            # The connection's own Ctx, which re-checks keep current (a role change), not a copy.
            return (not wanted or event["type"] in wanted) and may_see(info.context.ctx, event)

        async for event in deliveries(info, accepts=accepts, to_root=to_event_type):
            yield event
