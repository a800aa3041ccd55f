from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import Presenter


class ApiKeyOut(Presenter):
    id: UUID
    name: str
    prefix: str
    permissions: list[str] | None
    expires_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime


class CreatedApiKeyOut(ApiKeyOut):
    key: str

    @classmethod
    def source(cls, created: Any) -> dict[str, Any]:
        return {**ApiKeyOut.model_validate(created.api_key).model_dump(), "key": created.key}
