from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned


class Agent(TenantOwned):
    """A human user of a tenant. Deleting keeps the row (deleted_at) so history stays readable."""

    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255)
    role = fields.ForeignKeyField("models.Role", related_name="agents", on_delete=fields.RESTRICT)
    status = fields.CharField(max_length=16, default="offline")  # online | offline
    account_status = fields.CharField(max_length=16, default="active")  # active | suspended
    last_seen_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "agents"
