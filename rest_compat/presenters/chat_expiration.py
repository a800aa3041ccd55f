from __future__ import annotations

from datetime import datetime
from typing import Any

from rest_compat.presenters._base import Presenter, iso


class ChatExpirationRuleOut(Presenter):
    """One channel's rule; `configured` is false while the channel follows the default."""

    channel: str
    enabled: bool
    inactivity_hours: int
    closing_message: str | None
    configured: bool
    updated_at: datetime | None

    @classmethod
    def present(cls, rule: Any) -> dict[str, Any]:
        return {
            "channel": rule.channel,
            "enabled": rule.enabled,
            "inactivity_hours": rule.inactivity_hours,
            "closing_message": rule.closing_message,
            "configured": rule.configured,
            "updated_at": iso(rule.updated_at),
        }
