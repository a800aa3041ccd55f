from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from resolvers import api_keys
from schema._base import Ack, Paged, ack, ctx_of, paged


@strawberry.type(name="ApiKey")
class ApiKeyType:
    id: UUID
    name: str
    prefix: str
    permissions: list[str] | None
    expires_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime

    @classmethod
    def from_model(cls, key: Any) -> ApiKeyType:
        return cls(
            id=key.id, name=key.name, prefix=key.prefix, permissions=key.permissions,
            expires_at=key.expires_at, last_used_at=key.last_used_at, created_at=key.created_at,
        )


@strawberry.type
class CreatedApiKey:
    key: str = strawberry.field(description="The secret: shown this once, never again")
    api_key: ApiKeyType


@strawberry.type
class ApiKeyQuery:
    @strawberry.field(description="The caller's API keys")
    async def api_keys(self, info: Info, page: int = 1, per_page: int = 20) -> Paged[ApiKeyType]:
        result = await api_keys.list_api_keys(ctx_of(info), {"page": page, "per_page": per_page})
        return paged(result, ApiKeyType.from_model)


@strawberry.type
class ApiKeyMutation:
    @strawberry.mutation
    async def create_api_key(
        self, info: Info, name: str, expires_at: datetime | None = None, permissions: list[str] | None = None
    ) -> CreatedApiKey:
        data = {"name": name, "expires_at": expires_at, "permissions": permissions}
        created = await api_keys.create_api_key(ctx_of(info), data)
        return CreatedApiKey(key=created.key, api_key=ApiKeyType.from_model(created.api_key))

    @strawberry.mutation
    async def revoke_api_key(self, info: Info, id: UUID) -> Ack:
        return ack(await api_keys.revoke_api_key(ctx_of(info), id), "api_key_id")
