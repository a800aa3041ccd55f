from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import roles
from resolvers.auth import role_permissions
from schema._base import Ack, Paged, ack, as_data, ctx_of, paged


@strawberry.type(name="Role")
class RoleType:
    id: UUID
    key: str
    name: str
    description: str
    permissions: list[str]
    is_builtin: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, role: Any) -> RoleType:
        return cls(
            id=role.id, key=role.key, name=role.name, description=role.description,
            permissions=sorted(role_permissions(role)), is_builtin=role.is_builtin,
            created_at=role.created_at, updated_at=role.updated_at,
        )


@strawberry.type(name="Permission")
class PermissionType:
    key: str
    description: str


@sp.input(model=roles.RoleCreate, all_fields=True, name="RoleCreateInput")
class RoleCreateInput:
    pass


@sp.input(model=roles.RoleUpdate, all_fields=True, name="RoleUpdateInput")
class RoleUpdateInput:
    pass


@strawberry.type
class RoleQuery:
    @strawberry.field
    async def roles(self, info: Info, page: int = 1, per_page: int = 20) -> Paged[RoleType]:
        return paged(await roles.list_roles(ctx_of(info), {"page": page, "per_page": per_page}), RoleType.from_model)

    @strawberry.field
    async def role(self, info: Info, id: UUID) -> RoleType:
        return RoleType.from_model(await roles.get_role(ctx_of(info), id))

    @strawberry.field(description="The permission catalogue roles are built from")
    async def permissions(self, info: Info) -> list[PermissionType]:
        return [PermissionType(**p) for p in await roles.list_permissions(ctx_of(info))]


@strawberry.type
class RoleMutation:
    @strawberry.mutation
    async def create_role(self, info: Info, input: RoleCreateInput) -> RoleType:
        return RoleType.from_model(await roles.create_role(ctx_of(info), as_data(input)))

    @strawberry.mutation
    async def update_role(self, info: Info, id: UUID, input: RoleUpdateInput) -> RoleType:
        data = {k: v for k, v in as_data(input).items() if v is not None}
        return RoleType.from_model(await roles.update_role(ctx_of(info), id, data))

    @strawberry.mutation
    async def delete_role(self, info: Info, id: UUID) -> Ack:
        return ack(await roles.delete_role(ctx_of(info), id), "role_id")
