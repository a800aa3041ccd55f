from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import agents
from resolvers.auth import role_permissions
from schema._base import Ack, Paged, ack, as_data, ctx_of, paged


@strawberry.type(name="Agent")
class AgentType:
    id: UUID
    tenant_id: UUID
    name: str
    email: str
    role: str
    permissions: list[str]
    status: str
    account_status: str
    last_seen_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, agent: Any) -> AgentType:
        # `is None`, not `or`: an API key narrowed to no permission at all must show [], not the role's.
        permissions = getattr(agent, "effective_permissions", None)
        if permissions is None:
            permissions = role_permissions(agent.role)
        return cls(
            id=agent.id, tenant_id=agent.tenant_id, name=agent.name, email=agent.email, role=agent.role.key,
            permissions=sorted(permissions), status=agent.status, account_status=agent.account_status,
            last_seen_at=agent.last_seen_at, created_at=agent.created_at, updated_at=agent.updated_at,
        )


@sp.input(model=agents.AgentCreate, all_fields=True, name="AgentCreateInput")
class AgentCreateInput:
    pass


@sp.input(model=agents.AgentUpdate, all_fields=True, name="AgentUpdateInput")
class AgentUpdateInput:
    pass


@strawberry.type
class AgentQuery:
    @strawberry.field(description="Agents of the organization")
    async def agents(
        self, info: Info, page: int = 1, per_page: int = 20, q: str | None = None,
        status: agents.AgentStatus | None = None, role: str | None = None,
    ) -> Paged[AgentType]:
        params = {"page": page, "per_page": per_page, "q": q, "status": status, "role": role}
        return paged(await agents.list_agents(ctx_of(info), params), AgentType.from_model)

    @strawberry.field
    async def agent(self, info: Info, id: UUID) -> AgentType:
        return AgentType.from_model(await agents.get_agent(ctx_of(info), id))


@strawberry.type
class AgentMutation:
    @strawberry.mutation
    async def create_agent(self, info: Info, input: AgentCreateInput) -> AgentType:
        return AgentType.from_model(await agents.create_agent(ctx_of(info), as_data(input)))

    @strawberry.mutation
    async def update_agent(self, info: Info, id: UUID, input: AgentUpdateInput) -> AgentType:
        data = {k: v for k, v in as_data(input).items() if v is not None}
        return AgentType.from_model(await agents.update_agent(ctx_of(info), id, data))

    @strawberry.mutation
    async def delete_agent(self, info: Info, id: UUID) -> Ack:
        return ack(await agents.delete_agent(ctx_of(info), id), "agent_id")

    @strawberry.mutation
    async def set_agent_status(self, info: Info, id: UUID, status: agents.AgentStatus) -> AgentType:
        return AgentType.from_model(await agents.set_agent_status(ctx_of(info), id, {"status": status}))
