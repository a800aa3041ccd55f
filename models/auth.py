from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class RevokedToken(Model):
    """A logged-out session: every JWT of that session (refreshed ones too) is refused until
    it would have expired anyway."""

    token_id = fields.CharField(max_length=64, primary_key=True)
    expires_at = fields.DatetimeField(db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "revoked_tokens"
