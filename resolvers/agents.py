"""Agents: the humans of a tenant."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import EmailStr, Field
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from models.agents import Agent
from models.api_keys import ApiKey
from models.roles import Role
from resolvers._context import Ctx
from resolvers._errors import Forbidden, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._passwords import check_password_policy, hash_password
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped, unscoped
from resolvers.auth import email_taken, normalise_email, role_permissions


class AgentStatus(StrEnum):
    online = "online"
    offline = "offline"


class AccountStatus(StrEnum):
    active = "active"
    suspended = "suspended"


class AgentFilter(PageParams):
    q: str | None = Field(None, max_length=200, description="Search in name and email")
    status: AgentStatus | None = None
    role: str | None = Field(None, max_length=64)


class AgentCreate(Input):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)
    role: str = Field("agent", min_length=1, max_length=64, description="Role key: admin, supervisor, agent or a custom role")


class AgentUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=200)
    email: EmailStr | None = None
    password: str | None = Field(None, min_length=1, max_length=256)
    role: str | None = Field(None, min_length=1, max_length=64)
    account_status: AccountStatus | None = None


class AgentStatusInput(Input):
    status: AgentStatus


def _visible(ctx: Ctx):
    return scoped(ctx, Agent).filter(deleted_at=None)


async def list_agents(ctx: Ctx, params: AgentFilter | None = None) -> Page[Agent]:
    ctx.require("agents.read")
    params = parse(AgentFilter, params or {})
    qs = _visible(ctx).select_related("role")
    if params.q:
        qs = qs.filter(Q(name__icontains=params.q) | Q(email__icontains=params.q))
    if params.status:
        qs = qs.filter(status=params.status.value)
    if params.role:
        qs = qs.filter(role__key=params.role)
    return await paginate(qs.order_by("name", "id"), params)


async def get_agent(ctx: Ctx, agent_id: UUID | str) -> Agent:
    ctx.require("agents.read")
    agent = await get_scoped(ctx, Agent, agent_id, what="agent", deleted_at=None)
    await agent.fetch_related("role")
    return agent


async def agents_by_ids(ctx: Ctx, ids: list[UUID]) -> dict[UUID, Agent]:
    """Batch read for DataLoaders (a conversation's assignee): one query for any number of ids.
    Soft-deleted agents are included, so past assignments keep a readable name."""
    ctx.require("agents.read")
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    return {a.id: a for a in await scoped(ctx, Agent).filter(id__in=wanted).select_related("role")}


async def _grantable_role(ctx: Ctx, key: str) -> Role:
    role = await scoped(ctx, Role).filter(key=key).first()
    if role is None:
        raise ValidationFailed.field("role", f"unknown role {key!r}")
    # Nobody hands out more than they hold, or an agent manager could mint admins.
    beyond = role_permissions(role) - ctx.permissions
    if beyond:
        raise Forbidden("You cannot grant a role with permissions you do not hold", details={"missing": sorted(beyond)})
    return role


async def _ensure_email_free(email: str, except_id: UUID | None = None) -> None:
    qs = unscoped(Agent).filter(email=email)  # emails are unique across tenants (login is by email)
    if except_id is not None:
        qs = qs.exclude(id=except_id)
    if await qs.exists():
        raise email_taken()


def _ensure_not_above(ctx: Ctx, agent: Agent) -> None:
    # Changing the password or email of an account that holds more than you, or removing it,
    # is taking it over: the same rule as granting a role applies (one's own account aside).
    if agent.id == ctx.agent_id:
        return
    beyond = role_permissions(agent.role) - ctx.permissions
    if beyond:
        raise Forbidden("You cannot manage an agent who holds permissions you do not hold", details={"missing": sorted(beyond)})


@transactional
async def create_agent(ctx: Ctx, data: AgentCreate) -> Agent:
    ctx.require("agents.manage")
    data = parse(AgentCreate, data)
    check_password_policy(data.password)
    email = normalise_email(data.email)
    role = await _grantable_role(ctx, data.role)
    await _ensure_email_free(email)
    try:
        agent = await new_scoped(ctx, Agent, name=data.name, email=email, password_hash=hash_password(data.password), role=role)
    except IntegrityError:
        # Concurrent creations with one email both pass _ensure_email_free; the unique index
        # decides, and the loser gets the same 409 (not a 500).
        raise email_taken() from None
    agent.role = role
    ctx.record("agent.created", {"agent_id": str(agent.id), "role": role.key})
    return agent


@transactional
async def update_agent(ctx: Ctx, agent_id: UUID | str, data: AgentUpdate) -> Agent:
    ctx.require("agents.manage")
    data = parse(AgentUpdate, data)
    agent = await get_agent(ctx, agent_id)
    _ensure_not_above(ctx, agent)
    changed: list[str] = []
    if data.name is not None:
        agent.name = data.name
        changed.append("name")
    if data.email is not None:
        email = normalise_email(data.email)
        await _ensure_email_free(email, agent.id)
        agent.email = email
        changed.append("email")
    if data.password is not None:
        check_password_policy(data.password)
        agent.password_hash = hash_password(data.password)
        changed.append("password_hash")
    if data.role is not None and data.role != agent.role.key:
        if agent.id == ctx.agent_id:
            raise Forbidden("You cannot change your own role")
        agent.role = await _grantable_role(ctx, data.role)
        changed.append("role_id")
    if data.account_status is not None and data.account_status != agent.account_status:
        if agent.id == ctx.agent_id:
            raise Forbidden("You cannot suspend yourself")
        agent.account_status = data.account_status.value
        changed.append("account_status")
    if changed:
        try:
            await agent.save(update_fields=[*changed, "updated_at"])
        except IntegrityError:  # the new email was taken meanwhile (see create_agent)
            raise email_taken() from None
        fields = [c.removesuffix("_id").removesuffix("_hash") for c in changed]
        ctx.record("agent.updated", {"agent_id": str(agent.id), "changed": fields})
    return agent


@transactional
async def delete_agent(ctx: Ctx, agent_id: UUID | str) -> dict[str, str]:
    ctx.require("agents.manage")
    agent = await get_agent(ctx, agent_id)
    if agent.id == ctx.agent_id:
        raise Forbidden("You cannot delete yourself")
    _ensure_not_above(ctx, agent)
    # Soft delete: messages and logs keep pointing at a readable name; the email is freed.
    agent.deleted_at = datetime.now(UTC)
    agent.email = f"deleted-{agent.id}@deleted.invalid"
    agent.status = "offline"
    await agent.save(update_fields=["deleted_at", "email", "status", "updated_at"])
    await scoped(ctx, ApiKey).filter(agent_id=agent.id, revoked_at=None).update(revoked_at=agent.deleted_at)
    ctx.record("agent.deleted", {"agent_id": str(agent.id)})
    return {"message": "Agent deleted", "agent_id": str(agent.id)}


@transactional
async def set_agent_status(ctx: Ctx, agent_id: UUID | str, data: AgentStatusInput) -> Agent:
    data = parse(AgentStatusInput, data)
    agent = await get_scoped(ctx, Agent, agent_id, what="agent", deleted_at=None)
    if agent.id != ctx.agent_id:  # one's own status is always one's own to set
        ctx.require("agents.status.manage")
    if agent.status != data.status:
        agent.status = data.status.value
        agent.last_seen_at = datetime.now(UTC)
        await agent.save(update_fields=["status", "last_seen_at", "updated_at"])
        ctx.record("agent.status_changed", {"agent_id": str(agent.id), "status": agent.status})
    await agent.fetch_related("role")
    return agent
