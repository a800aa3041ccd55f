"""Periodic expiry of quiet conversations, tenant by tenant, as the system: each tenant's
per-channel chat expiration rules (resolvers.chat_expiration)."""

from __future__ import annotations

import logging
from typing import Any

from models.tenants import Tenant
from resolvers import chat_expiration
from resolvers._context import Ctx

log = logging.getLogger(__name__)


async def expire_stale(job_ctx: dict[str, Any]) -> int:
    expired = 0
    async for tenant_id in _active_tenant_ids():
        try:
            result = await chat_expiration.apply_expiration_rules(Ctx.system(tenant_id))
        except Exception:  # one tenant's failure must not stop the others' expiry; retried next run
            log.exception("expiring conversations of tenant %s failed", tenant_id)
            continue
        expired += result["expired_count"]
    return expired


async def _active_tenant_ids():
    for tenant_id in await Tenant.filter(status="active").values_list("id", flat=True):
        yield tenant_id
