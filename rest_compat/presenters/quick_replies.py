from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from pydantic import BaseModel

from resolvers.quick_replies import variables_of
from rest_compat.presenters._base import Presenter


class QuickReplyOut(Presenter):
    id: UUID
    shortcut: str
    title: str
    content: str
    shared: bool
    owner_id: UUID | None = None
    created_by: UUID | None = None
    variables: list[str]
    usage_count: int
    last_used_at: datetime | None = None
    is_favorite: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def source(cls, row: Any) -> dict[str, Any]:
        return {
            "id": row.id,
            "shortcut": row.shortcut,
            "title": row.title,
            "content": row.content,
            "shared": row.owner_id is None,
            "owner_id": row.owner_id,
            "created_by": row.created_by_id,
            "variables": variables_of(row.content),
            "usage_count": row.usage_count,
            "last_used_at": row.last_used_at,
            "is_favorite": bool(getattr(row, "is_favorite", False)),
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        }


class QuickRepliesCsvOut(Presenter):
    """The export: CSV text (header shortcut,title,content,shared), downloaded as a file."""

    media_type: ClassVar[str] = "text/csv"
    attachment_filename: ClassVar[str] = "quick-replies.csv"
    response_description: ClassVar[str] = "CSV, UTF-8, header row shortcut,title,content,shared; quoted fields"

    @classmethod
    def present(cls, obj: Any) -> str:
        return str(obj)


class ImportRowError(BaseModel):
    row: int
    message: str


class QuickRepliesImportOut(Presenter):
    created: int
    updated: int
    skipped: int
    errors: list[ImportRowError]
