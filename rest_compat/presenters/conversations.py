from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import MessageOut, Presenter


class ConversationOut(Presenter):
    """The reference's conversation object, with contact fields flattened in."""

    id: UUID
    contact_id: UUID
    assigned_agent_id: UUID | None
    status: str
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
    division_id: UUID | None

    @classmethod
    def present(cls, c: Any) -> dict[str, Any]:
        # Hot path (inbox list): build the JSON directly rather than validating a model per row;
        # datetimes are written by the REST door's encoder (http.JSONResponse) as iso() would.
        contact = c.contact
        return {
            "id": str(c.id),
            "contact_id": str(c.contact_id),
            "assigned_agent_id": str(c.assigned_agent_id) if c.assigned_agent_id else None,
            "status": c.status,
            "last_message_at": c.last_message_at,
            "unread_count": c.unread_count,
            "created_at": c.created_at,
            "updated_at": c.updated_at,
            "contact_name": contact.name,
            "contact_phone": contact.phone,
            "contact_channel": c.channel,
            "tags": list(c.tags or []),
            "integration_account_id": str(c.integration_account_id) if c.integration_account_id else None,
            "last_message_preview": c.last_message_preview,
            "division_id": str(c.division_id) if c.division_id else None,
        }


class AssignedOut(MessageOut):
    conversation_id: UUID
    assigned_agent_id: UUID | None


class StatusOut(MessageOut):
    conversation_id: UUID
    status: str


class ReadOut(MessageOut):
    conversation_id: UUID
    unread_count: int


class TagsOut(MessageOut):
    conversation_id: UUID
    tags: list[str]


class ExpiredOut(MessageOut):
    expired_count: int


class BulkOut(MessageOut):
    affected_count: int
