"""Periodic expiry of stale conversations, tenant by tenant, as the system."""

from __future__ import annotations

from typing import Any

from models.tenants import Tenant
from resolvers import conversations
from resolvers._context import Ctx


async def expire_stale(job_ctx: dict[str, Any]) -> int:
    expired = 0
    async for tenant_id in _active_tenant_ids():
        result = await conversations.expire_conversations(Ctx.system(tenant_id))
        expired += result["expired_count"]
    return expired


async def _active_tenant_ids():
    for tenant_id in await Tenant.filter(status="active").values_list("id", flat=True):
        yield tenant_id
