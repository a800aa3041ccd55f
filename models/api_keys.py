from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned


class ApiKey(TenantOwned):
    """Only a hash of the secret is stored; `prefix` identifies the key in lists and logs."""

    agent = fields.ForeignKeyField("models.Agent", related_name="api_keys", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=200)
    prefix = fields.CharField(max_length=32, unique=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    permissions = fields.JSONField(null=True)  # None: the owner's permissions
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_keys"
