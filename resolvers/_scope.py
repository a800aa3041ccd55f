"""The only module that starts a query on a tenant-owned model. The tenant always comes from
the context, never from input; another tenant's row is simply not found. Cross-tenant reads
(super-admin, webhook routing, login by email) go through `unscoped`, so a grep is the audit.
A contract test (tests/contract/test_scoping_lint.py) fails on any other such query."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from resolvers._context import Ctx
from resolvers._errors import NotFound
from resolvers._pagination import COUNT_CAP, PageParams, capped

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


class ScopedSelect:
    """Hand-written SELECTs on tenant-owned tables (the hot lists, resolvers/_reads.py). Each
    statement must filter on `{tenant}`, which becomes the caller's tenant; other
    values are bound with `param()`, numbered in the connection's dialect ($n on PostgreSQL,
    ?n on SQLite, where UUIDs are stored as text), so their order in the text is free."""

    def __init__(self, ctx: Ctx) -> None:
        from tortoise import Tortoise

        self.connection = Tortoise.get_connection("default")
        self.dialect = self.connection.capabilities.dialect
        self.postgres = self.dialect == "postgres"
        self.values: list[Any] = []
        self._tenant = self.param(ctx.require_tenant())

    def param(self, value: Any) -> str:
        if not self.postgres:
            if isinstance(value, uuid.UUID):
                value = str(value)
            elif isinstance(value, datetime):  # compared as the text Tortoise stores: aware, in UTC
                value = value.astimezone(UTC)
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else f"?{len(self.values)}"

    async def rows(self, sql: str) -> list[Any]:
        if "{tenant}" not in sql:
            raise ValueError("a scoped statement must filter on {tenant}")
        _, rows = await self.connection.execute_query(sql.replace("{tenant}", self._tenant), self.values)
        return list(rows)

    async def page_rows(self, select: str, from_where: str, order_by: str, params: PageParams
                        ) -> tuple[list[Any], Callable[[], Awaitable[int | None]]]:
        """A page's rows (per_page + 1 from its offset, for page_of) and how to get its capped
        total: counted in the same statement (a scalar subquery the database runs once), so a
        page with a next page costs one round trip, not two."""
        rows = await self.rows(
            f"SELECT {select}, ({_capped_count_sql(from_where, order_by)}) AS page_total {from_where} {order_by} "
            f"LIMIT {params.per_page + 1} OFFSET {params.offset}")

        async def total() -> int | None:
            return capped(int(rows[0]["page_total"])) if rows else await self.capped_count(from_where, order_by)

        return rows, total

    async def capped_count(self, from_where: str, order_by: str) -> int | None:
        """COUNT(*) of `FROM ... WHERE ...` reading at most COUNT_CAP + 1 rows in the page's
        `ORDER BY` (see _capped_count_sql); None beyond."""
        rows = await self.rows(f"SELECT ({_capped_count_sql(from_where, order_by)}) AS n")
        return capped(int(rows[0]["n"]))


def _capped_count_sql(from_where: str, order_by: str) -> str:
    # Counted in the page's order: the index that serves the page then serves the count. Without
    # it, a prepared statement's generic plan (after five runs) may count by scanning the table
    # until 1,001 rows of the tenant turn up - 60 ms for a small tenant in a big table.
    return f"SELECT COUNT(*) FROM (SELECT 1 {from_where} {order_by} LIMIT {COUNT_CAP + 1}) AS capped"
