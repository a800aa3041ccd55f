from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from resolvers.auth import role_permissions
from rest_compat.presenters._base import Presenter


class AgentOut(Presenter):
    id: UUID
    tenant_id: UUID
    name: str
    email: str
    role: str
    permissions: list[str]
    status: str
    account_status: str
    last_seen_at: datetime | None = None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def source(cls, agent: Any) -> dict[str, Any]:
        # `is None`, not `or`: an API key narrowed to no permission at all must show [], not the role's.
        permissions = getattr(agent, "effective_permissions", None)
        if permissions is None:
            permissions = role_permissions(agent.role)
        return {
            "id": agent.id,
            "tenant_id": agent.tenant_id,
            "name": agent.name,
            "email": agent.email,
            "role": agent.role.key,
            "permissions": sorted(permissions),
            "status": agent.status,
            "account_status": agent.account_status,
            "last_seen_at": agent.last_seen_at,
            "created_at": agent.created_at,
            "updated_at": agent.updated_at,
        }
