from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import Field

from resolvers.integrations import public_fields
from rest_compat.presenters._base import Presenter


class IntegrationAccountOut(Presenter):
    """An integration account with its channel's public fields flattened in. Secrets are only
    ever masked ("••••" + last 4), on create too. A channel adds its public fields here; fields
    of other channels are null."""

    id: UUID
    channel: str
    name: str
    is_default: bool
    status: str
    # whatsapp
    phone_number_id: str | None = None
    waba_id: str | None = None
    display_phone_number: str | None = None
    # messenger, instagram
    page_id: str | None = None
    instagram_account_id: str | None = None
    human_agent_tag: bool | None = None
    # email
    address: str | None = None
    smtp_url: str | None = Field(None, description="Masked; null when the platform's SMTP_URL is used")
    has_smtp_url: bool | None = None
    inbound_token: str | None = Field(
        None, description="Email: the secret of POST /api/webhooks/email?token=...; only in the create response")
    access_token: str | None = Field(None, description="Masked")
    app_secret: str | None = Field(None, description="Masked; null when the platform's app secret is used")
    has_app_secret: bool | None = None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def source(cls, account: Any) -> dict[str, Any]:
        return {
            "id": account.id,
            "channel": account.channel,
            "name": account.name,
            "is_default": account.is_default,
            "status": account.status,
            **public_fields(account),
            "inbound_token": getattr(account, "inbound_token", None),  # set by create only: shown once
            "created_at": account.created_at,
            "updated_at": account.updated_at,
        }
