"""Divisions over GraphQL: the fields of rest_compat.presenters.divisions in camelCase, calling
the same resolvers as REST. `Division.agents` is read through a per-request DataLoader when the
division came from a list, so a page of divisions with their agents costs one extra query."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import divisions
from schema._base import Paged, as_data, ctx_of, loader, paged
from schema.agents import AgentType


@strawberry.type(name="Division")
class DivisionType:
    id: UUID
    name: str
    description: str | None
    agent_count: int
    created_at: datetime
    updated_at: datetime
    # Already read by the resolver (a single division): no second read, and never a cached one.
    preloaded: strawberry.Private[list[Any] | None] = None

    @strawberry.field(description="The division's agents, by name")
    async def agents(self, info: Info) -> list[AgentType]:
        members = self.preloaded
        if members is None:
            members = await loader(info, "division_agents", divisions.members_by_division).load(self.id)
        return [AgentType.from_model(agent) for agent in members or []]

    @classmethod
    def from_model(cls, division: Any) -> DivisionType:
        return cls(
            id=division.id, name=division.name, description=division.description,
            agent_count=division.agent_count, created_at=division.created_at, updated_at=division.updated_at,
            preloaded=getattr(division, "agents", None),
        )


@sp.input(model=divisions.DivisionCreate, all_fields=True, name="DivisionCreateInput")
class DivisionCreateInput:
    pass


@strawberry.input(name="DivisionUpdateInput")
class DivisionUpdateInput:
    # UNSET, not None, by default: an explicit null description clears it, an absent one keeps it.
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.field(default=strawberry.UNSET, description="null clears it")


@strawberry.type
class DivisionDeletedPayload:
    message: str
    division_id: UUID
    moved_to_division_id: UUID | None
    moved_conversations: int


@strawberry.type
class DivisionQuery:
    @strawberry.field(description="Divisions (teams of agents), by name")
    async def divisions(self, info: Info, page: int = 1, per_page: int = 20, q: str | None = None
                        ) -> Paged[DivisionType]:
        params = {"page": page, "per_page": per_page, "q": q}
        return paged(await divisions.list_divisions(ctx_of(info), params), DivisionType.from_model)

    @strawberry.field(description="One division with its agents")
    async def division(self, info: Info, id: UUID) -> DivisionType:
        return DivisionType.from_model(await divisions.get_division(ctx_of(info), id))

    @strawberry.field(description="The agents of a division, by name")
    async def division_agents(self, info: Info, id: UUID, page: int = 1, per_page: int = 20) -> Paged[AgentType]:
        page_ = await divisions.list_division_agents(ctx_of(info), id, {"page": page, "per_page": per_page})
        return paged(page_, AgentType.from_model)


@strawberry.type
class DivisionMutation:
    @strawberry.mutation
    async def create_division(self, info: Info, input: DivisionCreateInput) -> DivisionType:
        return DivisionType.from_model(await divisions.create_division(ctx_of(info), as_data(input)))

    @strawberry.mutation
    async def update_division(self, info: Info, id: UUID, input: DivisionUpdateInput) -> DivisionType:
        return DivisionType.from_model(await divisions.update_division(ctx_of(info), id, as_data(input)))

    @strawberry.mutation(description="Refused (CONFLICT) while it holds open or pending conversations, unless "
                                     "moveToDivisionId names the division that takes over all of them")
    async def delete_division(self, info: Info, id: UUID, move_to_division_id: UUID | None = None
                              ) -> DivisionDeletedPayload:
        r = await divisions.delete_division(ctx_of(info), id, {"move_to_division_id": move_to_division_id})
        moved_to = r["moved_to_division_id"]
        return DivisionDeletedPayload(message=r["message"], division_id=UUID(r["division_id"]),
                                      moved_to_division_id=UUID(moved_to) if moved_to else None,
                                      moved_conversations=r["moved_conversations"])

    @strawberry.mutation(description="Add agents of the organization (idempotent)")
    async def add_division_agents(self, info: Info, id: UUID, agent_ids: list[UUID]) -> DivisionType:
        division = await divisions.add_division_agents(ctx_of(info), id, {"agent_ids": agent_ids})
        return DivisionType.from_model(division)

    @strawberry.mutation(description="Remove agents (idempotent)")
    async def remove_division_agents(self, info: Info, id: UUID, agent_ids: list[UUID]) -> DivisionType:
        division = await divisions.remove_division_agents(ctx_of(info), id, {"agent_ids": agent_ids})
        return DivisionType.from_model(division)
