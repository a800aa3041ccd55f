"""What every schema module shares: the per-request context, reaching the Ctx, turning
GraphQL inputs into resolver data, and the paged list type."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

import strawberry
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info
from strawberry.types.base import has_object_definition

from resolvers._context import Ctx
from resolvers._errors import DomainError, Unauthenticated

T = TypeVar("T")


@dataclass
class GraphQLContext:
    request: Any
    response: Any
    ctx: Ctx
    auth_error: DomainError | None = None
    connection_params: dict[str, Any] | None = None
    loaders: dict[str, Any] = field(default_factory=dict)


def ctx_of(info: Info, *, public: bool = False) -> Ctx:
    context: GraphQLContext = info.context
    if context.auth_error is not None:
        raise context.auth_error
    if not public and not context.ctx.is_authenticated:
        raise Unauthenticated()
    # A fresh Ctx per field: recorded events must not leak between mutations of one request.
    c = context.ctx
    return Ctx(
        actor_type=c.actor_type, tenant_id=c.tenant_id, actor_id=c.actor_id, role=c.role,
        permissions=c.permissions, session_id=c.session_id, api_key_id=c.api_key_id,
        impersonator_id=c.impersonator_id, request_id=c.request_id, client_ip=c.client_ip,
    )


def as_data(value: Any) -> dict[str, Any]:
    """A GraphQL input object as the plain dict the resolvers parse (unset fields dropped;
    nested input objects, and lists of them, become dicts too)."""
    if value is None:
        return {}
    return {k: _plain(v) for k, v in vars(value).items() if v is not strawberry.UNSET and not k.startswith("_")}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if has_object_definition(value):  # a nested input object (not an enum, not a scalar)
        return as_data(value)
    return value


def loader(info: Info, name: str, batch: Callable[[Ctx, list[Any]], Awaitable[dict[Any, Any]]]) -> DataLoader:
    """The request's DataLoader `name`, made on first use from a resolver-layer batch read
    `batch(ctx, ids) -> {id: row}` (ids it leaves out load as None). Over HTTP it lives and
    caches for one request. A WebSocket context lives as long as the connection, so there it
    batches without caching: a subscription must not serve rows read events ago."""
    context: GraphQLContext = info.context
    found = context.loaders.get(name)
    if found is None:
        ctx = ctx_of(info)

        async def load(keys: list[Any]) -> list[Any]:
            rows = await batch(ctx, list(keys))
            return [rows.get(k) for k in keys]

        found = context.loaders[name] = DataLoader(load_fn=load, cache=not isinstance(context.request, WebSocket))
    return found


def _serialize_datetime(value: datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# Timestamps read the same through both doors: ISO-8601 UTC with a Z.
UtcDateTime = strawberry.scalar(
    name="DateTime", description="ISO-8601 date-time; UTC, written with a Z",
    serialize=_serialize_datetime, parse_value=datetime.fromisoformat,
)


@strawberry.type
class Paged(Generic[T]):
    items: list[T]
    total: int | None = strawberry.field(
        description="Rows matching, all pages; null when more than 1,000 match (see hasMore)")
    page: int
    per_page: int
    has_more: bool = strawberry.field(description="Whether a next page exists")


def paged(page: Any, convert: Any) -> Paged:
    return Paged(items=[convert(i) for i in page.items], total=page.total, page=page.page, per_page=page.per_page,
                 has_more=page.has_more)


@strawberry.type
class Ack:
    """Acknowledgement of an action, as the REST door's {"message", ...}."""

    message: str
    id: strawberry.ID | None = None


def ack(result: dict[str, Any], id_key: str) -> Ack:
    return Ack(message=result["message"], id=result.get(id_key))
