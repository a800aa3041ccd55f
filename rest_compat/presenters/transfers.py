from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import Presenter


class TransferOut(Presenter):
    """One entry of a conversation's transfer history: the assignee and the division before
    (from_*) and after (to_*) the transfer; a division-only transfer leaves to_agent_id null."""

    id: UUID
    conversation_id: UUID
    from_agent_id: UUID | None
    to_agent_id: UUID | None
    from_division_id: UUID | None
    to_division_id: UUID | None
    reason: str | None
    transferred_by: UUID | None
    created_at: datetime

    @classmethod
    def source(cls, transfer: Any) -> dict[str, Any]:
        return {
            "id": transfer.id,
            "conversation_id": transfer.conversation_id,
            "from_agent_id": transfer.from_agent_id,
            "to_agent_id": transfer.to_agent_id,
            "from_division_id": transfer.from_division_id,
            "to_division_id": transfer.to_division_id,
            "reason": transfer.reason,
            "transferred_by": transfer.transferred_by_id,
            "created_at": transfer.created_at,
        }
