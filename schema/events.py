"""Live events over GraphQL subscriptions. One pub/sub subscription per process fans out to
every subscriber of a tenant; events are filtered here, before any GraphQL execution."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from connectors.hub import services
from resolvers import auth
from resolvers._context import Ctx
from resolvers._run import tenant_channel
from schema._base import ctx_of


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


async def tenant_events(ctx: Ctx) -> AsyncGenerator[dict[str, Any], None]:
    checked_at = time.monotonic()
    async for raw in services.pubsub.subscribe(tenant_channel(ctx.require_tenant())):
        event = orjson.loads(raw)
        if not may_see(ctx, event):
            continue
        # A socket authenticates once; a logout, suspension or revoked key must still end it soon.
        if time.monotonic() - checked_at >= services.settings.subscription_recheck_seconds:
            await auth.ensure_still_valid(ctx)
            checked_at = time.monotonic()
        yield event


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
        ctx = ctx_of(info)
        wanted = set(types or ())
        async for event in tenant_events(ctx):
            if not wanted or event["type"] in wanted:
                yield to_event_type(event)
