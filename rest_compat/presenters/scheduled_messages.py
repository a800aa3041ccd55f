from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import Presenter, iso


class ScheduledMessageOut(Presenter):
    id: UUID
    conversation_id: UUID
    status: str
    send_at: datetime
    type: str
    text: str | None
    content: dict[str, Any]
    created_by: UUID | None
    sent_message_id: UUID | None
    error: dict[str, Any] | None
    created_at: datetime
    cancelled_at: datetime | None

    @classmethod
    def present(cls, s: Any) -> dict[str, Any]:
        return {
            "id": str(s.id),
            "conversation_id": str(s.conversation_id),
            "status": s.status,
            "send_at": iso(s.send_at),
            "type": s.type,
            "text": s.text,
            "content": s.content or {},
            "created_by": str(s.created_by_id) if s.created_by_id else None,
            "sent_message_id": str(s.sent_message_id) if s.sent_message_id else None,
            "error": s.error,
            "created_at": iso(s.created_at),
            "cancelled_at": iso(s.cancelled_at),
        }
