from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import MessageOut, Presenter, iso


class ChannelSettingsOut(Presenter):
    """One channel's settings; `configured` is false while the channel follows the defaults.
    `default_account_id` / `accounts_count` come from the channel's integration accounts."""

    channel: str
    enabled: bool
    auto_assign: bool
    use_working_hours: bool
    display_name: str | None
    default_account_id: UUID | None
    accounts_count: int
    configured: bool
    updated_at: datetime | None

    @classmethod
    def present(cls, view: Any) -> dict[str, Any]:
        return {
            "channel": view.channel,
            "enabled": view.enabled,
            "auto_assign": view.auto_assign,
            "use_working_hours": view.use_working_hours,
            "display_name": view.display_name,
            "default_account_id": str(view.default_account_id) if view.default_account_id else None,
            "accounts_count": view.accounts_count,
            "configured": view.configured,
            "updated_at": iso(view.updated_at),
        }


class ChannelSettingsDeletedOut(MessageOut):
    channel: str
    deleted: bool
