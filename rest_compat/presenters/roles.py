from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from resolvers.auth import role_permissions
from rest_compat.presenters._base import Presenter


class RoleOut(Presenter):
    id: UUID
    key: str
    name: str
    description: str
    permissions: list[str]
    is_builtin: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def source(cls, role: Any) -> dict[str, Any]:
        return {
            "id": role.id,
            "key": role.key,
            "name": role.name,
            "description": role.description,
            "permissions": sorted(role_permissions(role)),
            "is_builtin": role.is_builtin,
            "created_at": role.created_at,
            "updated_at": role.updated_at,
        }


class PermissionOut(Presenter):
    key: str
    description: str
