from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned


class Role(TenantOwned):
    """Built-in roles (admin/supervisor/agent) are rows too, so agents point at one table;
    their permissions come from code (resolvers/_perms.py), custom ones from `permissions`."""

    key = fields.CharField(max_length=64)
    name = fields.CharField(max_length=100)
    description = fields.CharField(max_length=500, default="")
    permissions = fields.JSONField(default=list)
    is_builtin = fields.BooleanField(default=False)

    class Meta:
        table = "roles"
        unique_together = (("tenant", "key"),)
