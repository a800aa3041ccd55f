"""The only module that starts a query on a tenant-owned model. The tenant always comes from
the context, never from input; another tenant's row is simply not found. Cross-tenant reads
(super-admin, webhook routing, login by email) go through `unscoped`, so a grep is the audit.
A contract test (tests/contract/test_scoping_lint.py) fails on any other such query."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from resolvers._context import Ctx
from resolvers._errors import NotFound

M = TypeVar("M", bound=Model)


def scoped(ctx: Ctx, model: type[M]) -> QuerySet[M]:
    return model.filter(tenant_id=ctx.require_tenant())


async def get_scoped(ctx: Ctx, model: type[M], id: Any, *, what: str | None = None, **filters: Any) -> M:
    """The row with this id in the caller's tenant, or NotFound (also for malformed ids)."""
    label = what or model.__name__.lower()
    try:
        pk = id if isinstance(id, uuid.UUID) else uuid.UUID(str(id))
    except ValueError:
        raise NotFound(f"{label} not found") from None
    row = await scoped(ctx, model).filter(id=pk, **filters).first()
    if row is None:
        raise NotFound(f"{label} not found")
    return row


async def new_scoped(ctx: Ctx, model: type[M], **values: Any) -> M:
    values.pop("tenant_id", None)
    values.pop("tenant", None)
    return await model.create(tenant_id=ctx.require_tenant(), **values)


def unscoped(model: type[M]) -> QuerySet[M]:
    """Every tenant's rows. Each call site is a deliberate cross-tenant read."""
    return model.all()


async def scoped_raw(ctx: Ctx, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Hand-written SQL on tenant-owned tables (full-text search). The statement must filter on
    `{tenant}`, which becomes the caller's tenant id as a bound parameter."""
    from tortoise import Tortoise

    if sql.count("{tenant}") != 1:
        raise ValueError("scoped_raw SQL must filter on {tenant} exactly once")
    conn = Tortoise.get_connection("default")
    tenant = ctx.require_tenant()
    if conn.capabilities.dialect == "postgres":
        return await conn.execute_query_dict(sql.replace("{tenant}", f"${len(params) + 1}"), [*params, tenant])
    # SQLite binds '?' by position and stores UUIDs as CHAR(36).
    position = sql[: sql.index("{tenant}")].count("?")
    values = [*params[:position], str(tenant), *params[position:]]
    return await conn.execute_query_dict(sql.replace("{tenant}", "?"), values)
