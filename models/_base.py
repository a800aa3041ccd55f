"""Shared model mixins. Every row that belongs to a tenant inherits TenantOwned; only
resolvers/_scope.py may start a query on such a model."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class Timestamped(Model):
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class TenantOwned(Timestamped):
    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=False, on_delete=fields.CASCADE)

    class Meta:
        abstract = True
