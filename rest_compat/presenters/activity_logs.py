from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import Presenter, iso


class ActivityLogOut(Presenter):
    """An activity-log entry. `actor_id` is the agent on whose behalf it happened; `api_key_id`
    and `impersonator_id` say through which principal (an API key, a super-admin)."""

    id: UUID
    event_id: UUID
    actor_type: str
    actor_id: UUID | None
    api_key_id: UUID | None
    impersonator_id: UUID | None
    action: str
    object_type: str | None
    object_id: str | None
    details: dict[str, Any]
    created_at: datetime

    @classmethod
    def present(cls, entry: Any) -> dict[str, Any]:
        # Built directly: details is free-form JSON and lists run 100 rows a page.
        def text(value: Any) -> str | None:
            return str(value) if value is not None else None

        return {
            "id": str(entry.id),
            "event_id": str(entry.event_id),
            "actor_type": entry.actor_type,
            "actor_id": text(entry.actor_id),
            "api_key_id": text(entry.api_key_id),
            "impersonator_id": text(entry.impersonator_id),
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "details": entry.details or {},
            "created_at": iso(entry.created_at),
        }
