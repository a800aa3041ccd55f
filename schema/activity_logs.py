"""The activity log over GraphQL: the same resolver and filters as GET /api/activity-logs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import activity_logs
from resolvers.activity_logs import ActorType
from schema._base import Paged, ctx_of, paged


@strawberry.type(name="ActivityLog")
class ActivityLogType:
    id: UUID
    event_id: UUID
    actor_type: str
    actor_id: UUID | None
    api_key_id: UUID | None
    impersonator_id: UUID | None
    action: str
    object_type: str | None
    object_id: str | None
    details: JSON
    created_at: datetime

    @classmethod
    def from_model(cls, entry: Any) -> ActivityLogType:
        return cls(
            id=entry.id, event_id=entry.event_id, actor_type=entry.actor_type, actor_id=entry.actor_id,
            api_key_id=entry.api_key_id, impersonator_id=entry.impersonator_id, action=entry.action,
            object_type=entry.object_type, object_id=entry.object_id, details=entry.details or {},
            created_at=entry.created_at,
        )


@strawberry.type
class ActivityLogQuery:
    @strawberry.field(description="Who did what to which object, and when; newest first")
    async def activity_logs(
        self, info: Info, page: int = 1, per_page: int = 20, actor_id: UUID | None = None,
        actor_type: ActorType | None = None, api_key_id: UUID | None = None, action: str | None = None,
        object_type: str | None = None, object_id: str | None = None,
        since: Annotated[datetime | None, strawberry.argument(description="ISO-8601 with offset; inclusive")] = None,
        until: Annotated[datetime | None, strawberry.argument(description="ISO-8601 with offset; exclusive")] = None,
    ) -> Paged[ActivityLogType]:
        params = {
            "page": page, "per_page": per_page, "actor_id": actor_id, "actor_type": actor_type, "api_key_id": api_key_id,
            "action": action, "object_type": object_type, "object_id": object_id, "since": since, "until": until,
        }
        return paged(await activity_logs.list_activity_logs(ctx_of(info), params), ActivityLogType.from_model)
