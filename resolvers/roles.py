"""Roles: built-in admin/supervisor/agent and custom named sets of permissions."""

from __future__ import annotations

import re
from uuid import UUID

from pydantic import Field, field_validator
from tortoise.exceptions import IntegrityError

from models.agents import Agent
from models.roles import Role
from resolvers._context import Ctx
from resolvers._errors import Conflict, Forbidden, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._perms import PERMISSIONS, unknown_permissions
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped
from resolvers.auth import role_permissions


def _known_permissions(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    unknown = unknown_permissions(value)
    if unknown:
        raise ValueError(f"unknown permissions: {', '.join(unknown)}")
    return sorted(set(value))


class RoleCreate(Input):
    name: str = Field(min_length=1, max_length=100)
    key: str | None = Field(None, min_length=1, max_length=64, description="Stable identifier; derived from the name if absent")
    description: str = Field("", max_length=500)
    permissions: list[str] = Field(default_factory=list, max_length=len(PERMISSIONS))

    _known = field_validator("permissions")(classmethod(lambda cls, v: _known_permissions(v)))


class RoleUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = Field(None, max_length=500)
    permissions: list[str] | None = Field(None, max_length=len(PERMISSIONS))

    _known = field_validator("permissions")(classmethod(lambda cls, v: _known_permissions(v)))


def _key_from(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:64] or "role"


def _check_grantable(ctx: Ctx, permissions: list[str]) -> None:
    beyond = set(permissions) - ctx.permissions
    if beyond:
        raise Forbidden("A role cannot hold permissions you do not hold", details={"missing": sorted(beyond)})


async def list_permissions(ctx: Ctx) -> list[dict[str, str]]:
    ctx.require("roles.read")
    return [{"key": key, "description": text} for key, text in PERMISSIONS.items()]


async def list_roles(ctx: Ctx, params: PageParams | None = None) -> Page[Role]:
    ctx.require("roles.read")
    params = parse(PageParams, params or {})
    return await paginate(scoped(ctx, Role).order_by("-is_builtin", "name", "id"), params)


async def get_role(ctx: Ctx, role_id: UUID | str) -> Role:
    ctx.require("roles.read")
    return await get_scoped(ctx, Role, role_id, what="role")


@transactional
async def create_role(ctx: Ctx, data: RoleCreate) -> Role:
    ctx.require("roles.manage")
    data = parse(RoleCreate, data)
    _check_grantable(ctx, data.permissions)
    key = data.key or _key_from(data.name)
    if not re.fullmatch(r"[a-z0-9_\-]+", key):
        raise ValidationFailed.field("key", "use lowercase letters, digits, '_' or '-'")
    taken = Conflict(f"A role with key {key!r} already exists", details=[{"field": "key", "message": "already exists"}])
    if await scoped(ctx, Role).filter(key=key).exists():
        raise taken
    try:
        role = await new_scoped(ctx, Role, key=key, name=data.name, description=data.description, permissions=data.permissions)
    except IntegrityError:
        # A concurrent creation with the same key passed the check above too; the unique
        # (tenant, key) index decides, and the loser gets the same 409 (not a 500).
        raise taken from None
    ctx.record("role.created", {"role_id": str(role.id), "key": key, "permissions": data.permissions})
    return role


@transactional
async def update_role(ctx: Ctx, role_id: UUID | str, data: RoleUpdate) -> Role:
    ctx.require("roles.manage")
    data = parse(RoleUpdate, data)
    role = await get_scoped(ctx, Role, role_id, what="role")
    if role.is_builtin:
        raise Conflict("Built-in roles cannot be changed; create a custom role instead")
    changed = []
    if data.permissions is not None:
        _check_grantable(ctx, data.permissions)
        # Editing a role someone holds more than you would widen their reach through you.
        _check_grantable(ctx, sorted(role_permissions(role)))
        role.permissions = data.permissions
        changed.append("permissions")
    if data.name is not None:
        role.name = data.name
        changed.append("name")
    if data.description is not None:
        role.description = data.description
        changed.append("description")
    if changed:
        await role.save(update_fields=[*changed, "updated_at"])
        ctx.record("role.updated", {"role_id": str(role.id), "changed": changed})
    return role


@transactional
async def delete_role(ctx: Ctx, role_id: UUID | str) -> dict[str, str]:
    ctx.require("roles.manage")
    role = await get_scoped(ctx, Role, role_id, what="role")
    if role.is_builtin:
        raise Conflict("Built-in roles cannot be deleted")
    holders = await scoped(ctx, Agent).filter(role_id=role.id, deleted_at=None).count()
    if holders:
        raise Conflict(f"The role is held by {holders} agent(s); give them another role first", details={"agents": holders})
    # Deleted agents may still point at it; move them to the built-in agent role.
    fallback = await scoped(ctx, Role).filter(key="agent", is_builtin=True).first()
    await scoped(ctx, Agent).filter(role_id=role.id).update(role_id=fallback.id)
    await role.delete()
    ctx.record("role.deleted", {"role_id": str(role.id), "key": role.key})
    return {"message": "Role deleted", "role_id": str(role.id)}
