"""API keys: long-lived credentials owned by an agent, never broader than their owner."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from pydantic import AwareDatetime, Field

from models.api_keys import ApiKey
from resolvers._context import Ctx
from resolvers._errors import Forbidden, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._perms import unknown_permissions
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped
from resolvers.auth import API_KEY_PREFIX, hash_api_key


class ApiKeyCreate(Input):
    name: str = Field(min_length=1, max_length=200)
    expires_at: AwareDatetime | None = Field(None, description="ISO-8601 with offset; absent: never expires")
    permissions: list[str] | None = Field(None, description="Subset of the owner's permissions; absent: all of them")


@dataclass(slots=True)
class CreatedApiKey:
    api_key: ApiKey
    key: str  # the secret, shown once


async def list_api_keys(ctx: Ctx, params: PageParams | None = None) -> Page[ApiKey]:
    ctx.require("api_keys.manage")
    params = parse(PageParams, params or {})
    qs = scoped(ctx, ApiKey).filter(agent_id=ctx.agent_id, revoked_at=None)
    return await paginate(qs.order_by("-created_at", "id"), params)


@transactional
async def create_api_key(ctx: Ctx, data: ApiKeyCreate) -> CreatedApiKey:
    ctx.require("api_keys.manage")
    data = parse(ApiKeyCreate, data)
    if data.expires_at is not None and data.expires_at <= datetime.now(UTC):
        raise ValidationFailed.field("expires_at", "must be in the future")
    permissions = None
    if data.permissions is not None:
        unknown = unknown_permissions(data.permissions)
        if unknown:
            raise ValidationFailed.field("permissions", f"unknown permissions: {', '.join(unknown)}")
        beyond = set(data.permissions) - ctx.permissions
        if beyond:
            raise Forbidden("A key cannot hold permissions you do not hold", details={"missing": sorted(beyond)})
        permissions = sorted(set(data.permissions))
    elif ctx.api_key_id is not None:
        # Minted through a key: "all of the owner's permissions" would reach beyond a narrowed
        # calling key, so the new key gets exactly what the calling key holds now.
        permissions = sorted(ctx.permissions)
    prefix = secrets.token_hex(4)
    secret = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = await new_scoped(
        ctx, ApiKey, agent_id=ctx.agent_id, name=data.name, prefix=f"{API_KEY_PREFIX}{prefix}",
        key_hash=hash_api_key(secret), permissions=permissions, expires_at=data.expires_at,
    )
    ctx.record("api_key.created", {"api_key_id": str(key.id), "name": key.name, "prefix": key.prefix})
    return CreatedApiKey(key, secret)


@transactional
async def revoke_api_key(ctx: Ctx, api_key_id: UUID | str) -> dict[str, str]:
    ctx.require("api_keys.manage")
    key = await get_scoped(ctx, ApiKey, api_key_id, what="API key", revoked_at=None)
    if key.agent_id != ctx.agent_id and not ctx.can("agents.manage"):
        raise Forbidden("Only the key's owner or an agent manager can revoke it")
    key.revoked_at = datetime.now(UTC)
    await key.save(update_fields=["revoked_at", "updated_at"])
    ctx.record("api_key.revoked", {"api_key_id": str(key.id), "prefix": key.prefix})
    return {"message": "API key revoked", "api_key_id": str(key.id)}
