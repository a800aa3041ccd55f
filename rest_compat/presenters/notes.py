from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import MessageOut, Presenter, iso


class NoteOut(Presenter):
    """An internal note. `mentions`: ids of the agents its content @mentions."""

    id: UUID
    conversation_id: UUID
    author_id: UUID | None
    content: str
    mentions: list[UUID]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def present(cls, note: Any) -> dict[str, Any]:
        return {
            "id": str(note.id),
            "conversation_id": str(note.conversation_id),
            "author_id": str(note.author_id) if note.author_id else None,
            "content": note.content,
            "mentions": list(note.mentions or []),
            "created_at": iso(note.created_at),
            "updated_at": iso(note.updated_at),
        }


class NoteDeletedOut(MessageOut):
    note_id: UUID
    conversation_id: UUID
