from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import Field

from resolvers.templates import body_parameter_count, header_format
from rest_compat.presenters._base import Presenter


class WaTemplateOut(Presenter):
    id: UUID
    integration_account_id: UUID | None = None
    waba_id: str
    meta_template_id: str | None = Field(None, description="Meta's template id")
    name: str
    language: str
    category: str
    status: str = Field(description="Meta's status: PENDING, APPROVED, REJECTED, PAUSED, DISABLED, ...")
    components: list[dict[str, Any]]
    body_parameter_count: int = Field(description="Parameters a send must give for the body (highest {{n}})")
    header_format: str | None = Field(None, description="TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION; null: no header")
    header_media_url: str | None = Field(None, description="Kept locally; sent when a send gives no header media")
    rejection_reason: str | None = None
    quality_score: str | None = None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def source(cls, row: Any) -> dict[str, Any]:
        return {
            "id": row.id, "integration_account_id": row.integration_account_id, "waba_id": row.waba_id,
            "meta_template_id": row.meta_template_id, "name": row.name, "language": row.language,
            "category": row.category, "status": row.status, "components": row.components or [],
            "body_parameter_count": body_parameter_count(row), "header_format": header_format(row),
            "header_media_url": row.header_media_url, "rejection_reason": row.rejection_reason,
            "quality_score": row.quality_score, "created_at": row.created_at, "updated_at": row.updated_at,
        }


class WaTemplateSyncOut(Presenter):
    message: str
    waba_id: str
    total: int = Field(description="Templates Meta returned")
    created: int
    updated: int
    unchanged: int


class WaTemplateDeletedOut(Presenter):
    message: str
    wa_template_id: UUID
