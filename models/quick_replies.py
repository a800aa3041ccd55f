from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned

SHARED_SCOPE = "shared"


class QuickReply(TenantOwned):
    """A canned answer an agent inserts by its shortcut. Shared ones (owner null) belong to the
    whole tenant; personal ones to their owner only. `scope` is "shared" or the owner's id, so one
    unique constraint gives "one shortcut per scope" on both backends (NULL owners would never
    collide in a unique index)."""

    owner = fields.ForeignKeyField("models.Agent", related_name="quick_replies", null=True, on_delete=fields.CASCADE)
    created_by = fields.ForeignKeyField("models.Agent", related_name=False, null=True, on_delete=fields.SET_NULL)
    scope = fields.CharField(max_length=36)
    shortcut = fields.CharField(max_length=64)
    title = fields.CharField(max_length=200)
    content = fields.TextField()
    # Counted across the tenant (every agent's /use): orders suggestions.
    usage_count = fields.IntField(default=0)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "quick_replies"
        unique_together = (("tenant", "scope", "shortcut"),)
        indexes = (Index(fields=("tenant_id", "usage_count"), name="idx_quick_replies_usage"),)

    @property
    def shared(self) -> bool:
        return self.owner_id is None


class QuickReplyFavorite(TenantOwned):
    """One agent's star on a quick reply (listed first in their suggestions)."""

    agent = fields.ForeignKeyField("models.Agent", related_name="quick_reply_favorites", on_delete=fields.CASCADE)
    quick_reply = fields.ForeignKeyField("models.QuickReply", related_name="favorites", on_delete=fields.CASCADE)

    class Meta:
        table = "quick_reply_favorites"
        unique_together = (("agent", "quick_reply"),)
