"""What every schema module shares: the per-request context, reaching the Ctx, turning
GraphQL inputs into resolver data, and the paged list type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

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
    """A GraphQL input object as the plain dict the resolvers parse (unset fields dropped)."""
    if value is None:
        return {}
    return {k: v for k, v in vars(value).items() if v is not strawberry.UNSET and not k.startswith("_")}


@strawberry.type
class Paged(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int


def paged(page: Any, convert: Any) -> Paged:
    return Paged(items=[convert(i) for i in page.items], total=page.total, page=page.page, per_page=page.per_page)


@strawberry.type
class Ack:
    """Acknowledgement of an action, as the REST door's {"message", ...}."""

    message: str
    id: strawberry.ID | None = None


def ack(result: dict[str, Any], id_key: str) -> Ack:
    return Ack(message=result["message"], id=result.get(id_key))
