from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import Presenter


class MessageObjectOut(Presenter):
    id: UUID
    conversation_id: UUID
    direction: str
    type: str
    text: str | None
    content: dict[str, Any]
    status: str
    provider_message_id: str | None
    error: dict[str, Any] | None
    sender_agent_id: UUID | None
    context_message_id: str | None
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    read_at: datetime | None
    failed_at: datetime | None
    media_file: dict[str, Any] | None  # the stored file: {id, filename, content_type, size, url}

    @classmethod
    def present(cls, m: Any) -> dict[str, Any]:
        # Hot path (a conversation's history): the JSON directly, datetimes written by the
        # REST door's encoder (http.JSONResponse) as iso() would write them.
        return {
            "id": str(m.id),
            "conversation_id": str(m.conversation_id),
            "direction": m.direction,
            "type": m.type,
            "text": m.text,
            "content": m.content or {},
            "status": m.status,
            "provider_message_id": m.provider_message_id,
            "error": m.error,
            "sender_agent_id": str(m.sender_agent_id) if m.sender_agent_id else None,
            "context_message_id": m.context_message_id,
            "created_at": m.created_at,
            "sent_at": m.sent_at,
            "delivered_at": m.delivered_at,
            "read_at": m.read_at,
            "failed_at": m.failed_at,
            "media_file": (m.content or {}).get("media_file"),
        }
