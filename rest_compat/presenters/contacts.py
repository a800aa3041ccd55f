from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import Presenter


class ContactOut(Presenter):
    id: UUID
    channel: str
    external_id: str
    name: str | None
    phone: str | None
    email: str | None
    avatar_url: str | None
    custom_attributes: dict[str, Any]
    last_inbound_at: datetime | None
    created_at: datetime
    updated_at: datetime
