from __future__ import annotations

import uuid

from tortoise import fields

from models._base import Timestamped


class SuperAdmin(Timestamped):
    """The operator's accounts: a separate principal kind, outside every tenant."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    email = fields.CharField(max_length=254, unique=True)
    name = fields.CharField(max_length=200, default="")
    password_hash = fields.CharField(max_length=255)

    class Meta:
        table = "super_admins"
