from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from rest_compat.presenters._base import MessageOut, Presenter
from rest_compat.presenters.agents import AgentOut


class DivisionOut(Presenter):
    """A division as listed: its agents are counted, not embedded."""

    id: UUID
    name: str
    description: str | None
    agent_count: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def source(cls, division: Any) -> dict[str, Any]:
        return {
            "id": division.id,
            "name": division.name,
            "description": division.description,
            "agent_count": division.agent_count,
            "created_at": division.created_at,
            "updated_at": division.updated_at,
        }


class DivisionDetailOut(DivisionOut):
    """One division with its agents (the agent objects of GET /api/agents), by name."""

    agents: list[AgentOut]

    @classmethod
    def source(cls, division: Any) -> dict[str, Any]:
        return {**super().source(division), "agents": [AgentOut.source(agent) for agent in division.agents]}


class DivisionDeletedOut(MessageOut):
    division_id: UUID
    moved_to_division_id: UUID | None
    moved_conversations: int
