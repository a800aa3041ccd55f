from __future__ import annotations

from typing import Any, ClassVar

from rest_compat.presenters._base import Presenter


class ChallengeOut(Presenter):
    """Meta's handshake wants the challenge echoed as plain text."""

    media_type: ClassVar[str] = "text/plain"

    @classmethod
    def present(cls, obj: Any) -> str:
        return str(obj)


class WebhookAckOut(Presenter):
    status: str

    @classmethod
    def present(cls, obj: Any) -> dict[str, Any]:
        return dict(obj)
