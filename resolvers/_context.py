"""Ctx: who is acting, for which tenant, with which permissions, and the events the
current change records. Built by each door (and by jobs as a system context)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from resolvers._errors import Forbidden, Unauthenticated
from resolvers._perms import PERMISSIONS


@dataclass(slots=True)
class RecordedEvent:
    type: str
    payload: dict[str, Any]
    conversation_id: UUID | None = None
    # Visibility hint for live subscribers: an agent limited to their own conversations
    # receives a conversation event only if it is theirs or unassigned.
    assigned_agent_id: UUID | None = None


@dataclass(slots=True)
class Ctx:
    actor_type: str  # "agent" | "api_key" | "super_admin" | "system" | "anonymous"
    tenant_id: UUID | None = None
    actor_id: UUID | None = None
    role: str | None = None
    permissions: frozenset[str] = frozenset()
    session_id: str | None = None
    api_key_id: UUID | None = None
    impersonator_id: UUID | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    client_ip: str | None = None
    events: list[RecordedEvent] = field(default_factory=list)
    jobs: list[tuple[str, tuple[Any, ...], str | None, datetime | None]] = field(default_factory=list)
    in_transaction: bool = False

    @classmethod
    def anonymous(cls, request_id: str | None = None, client_ip: str | None = None) -> Ctx:
        return cls(actor_type="anonymous", request_id=request_id or uuid.uuid4().hex, client_ip=client_ip)

    @classmethod
    def system(cls, tenant_id: UUID | None) -> Ctx:
        """Jobs act as the system inside one tenant, with every permission."""
        return cls(actor_type="system", tenant_id=tenant_id, permissions=frozenset(PERMISSIONS))

    @property
    def is_authenticated(self) -> bool:
        return self.actor_type != "anonymous"

    @property
    def agent_id(self) -> UUID | None:
        """The agent on whose behalf this acts (an API key acts for its owner)."""
        return self.actor_id if self.actor_type in ("agent", "api_key") else None

    def require_tenant(self) -> UUID:
        if self.tenant_id is None:
            raise Unauthenticated()
        return self.tenant_id

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def require(self, *permissions: str) -> None:
        """All of the named permissions are needed."""
        if not self.is_authenticated:
            raise Unauthenticated()
        missing = [p for p in permissions if p not in self.permissions]
        if missing:
            raise Forbidden(f"Missing permission: {', '.join(missing)}", details={"missing": missing})

    def record(
        self,
        type: str,
        payload: dict[str, Any],
        *,
        conversation_id: UUID | None = None,
        assigned_agent_id: UUID | None = None,
    ) -> None:
        from resolvers._events import EVENTS  # local: _events imports nothing of ours, keep it a leaf

        if type not in EVENTS:
            raise KeyError(f"event {type!r} is not in the catalogue")
        self.events.append(RecordedEvent(type, payload, conversation_id, assigned_agent_id))

    def defer_job(self, name: str, *args: Any, job_id: str | None = None, defer_until: datetime | None = None) -> None:
        """Enqueue a job once the current change has committed (never for a rolled-back one);
        with `defer_until`, the job runs no earlier than that (aware) time."""
        self.jobs.append((name, args, job_id, defer_until))

    def principal(self) -> dict[str, Any]:
        """Who acted, as stored with events (and so in the activity log)."""
        return {
            "actor_type": self.actor_type,
            "actor_id": str(self.actor_id) if self.actor_id else None,
            "api_key_id": str(self.api_key_id) if self.api_key_id else None,
            "impersonator_id": str(self.impersonator_id) if self.impersonator_id else None,
        }
