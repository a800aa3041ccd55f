from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from rest_compat.presenters._base import Presenter, iso
from rest_compat.presenters.agents import AgentOut


class TenantOut(BaseModel):
    id: UUID
    name: str
    slug: str


class SessionOut(Presenter):
    token: str
    expires_at: datetime
    agent: AgentOut

    @classmethod
    def present(cls, session: Any) -> dict[str, Any]:
        return {
            "token": session.token,
            "expires_at": iso(session.expires_at),
            "agent": AgentOut.present(session.agent),
        }


class RegisteredOut(SessionOut):
    tenant: TenantOut

    @classmethod
    def present(cls, session: Any) -> dict[str, Any]:
        body = SessionOut.present(session)
        body["tenant"] = {"id": str(session.tenant.id), "name": session.tenant.name, "slug": session.tenant.slug}
        return body


class TokenOut(Presenter):
    token: str
    expires_at: datetime

    @classmethod
    def present(cls, session: Any) -> dict[str, Any]:
        return {"token": session.token, "expires_at": iso(session.expires_at)}
