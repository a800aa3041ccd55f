from __future__ import annotations

import uuid

from tortoise import fields

from models._base import Timestamped


class Tenant(Timestamped):
    """An organization: the unit of isolation."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    name = fields.CharField(max_length=200)
    slug = fields.CharField(max_length=80, unique=True)
    timezone = fields.CharField(max_length=64, default="UTC")
    status = fields.CharField(max_length=16, default="active")  # active | suspended

    class Meta:
        table = "tenants"
