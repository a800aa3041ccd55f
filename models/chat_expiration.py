from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned


class ChatExpirationRule(TenantOwned):
    """How long an open conversation on one channel may stay quiet before it expires, and what
    the customer is told when it does. A channel without a row follows the default rule."""

    channel = fields.CharField(max_length=16)  # whatsapp | instagram | messenger | email
    enabled = fields.BooleanField(default=True)
    inactivity_hours = fields.IntField(default=24)
    closing_message = fields.TextField(null=True)

    class Meta:
        table = "chat_expiration_rules"
        unique_together = (("tenant", "channel"),)
