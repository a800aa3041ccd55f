from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import auth
from schema._base import Ack, ctx_of
from schema.agents import AgentType


@strawberry.type(name="Tenant")
class TenantType:
    id: strawberry.ID
    name: str
    slug: str


@strawberry.type
class AuthPayload:
    token: str
    expires_at: datetime
    agent: AgentType
    tenant: TenantType | None = None


@sp.input(model=auth.RegisterInput, all_fields=True, name="RegisterInput")
class RegisterInput:
    pass


def _session_payload(info: Info, session: Any) -> AuthPayload:
    # GraphiQL in a browser keeps the session through the same HttpOnly cookie as REST.
    response = info.context.response
    if response is not None and hasattr(response, "set_cookie"):
        response.set_cookie(
            auth.SESSION_COOKIE, session.token, max_age=max(0, int(session.expires_at.timestamp() - time.time())),
            httponly=True, samesite="lax", path="/",
        )
    tenant = session.tenant
    return AuthPayload(
        token=session.token, expires_at=session.expires_at, agent=AgentType.from_model(session.agent),
        tenant=TenantType(id=str(tenant.id), name=tenant.name, slug=tenant.slug) if tenant else None,
    )


@strawberry.type
class AuthQuery:
    @strawberry.field(description="The agent behind the credentials")
    async def me(self, info: Info) -> AgentType:
        return AgentType.from_model(await auth.me(ctx_of(info)))


@strawberry.type
class AuthMutation:
    @strawberry.mutation
    async def register(self, info: Info, input: RegisterInput) -> AuthPayload:
        from schema._base import as_data

        return _session_payload(info, await auth.register(ctx_of(info, public=True), as_data(input)))

    @strawberry.mutation
    async def login(self, info: Info, email: str, password: str) -> AuthPayload:
        return _session_payload(info, await auth.login(ctx_of(info, public=True), {"email": email, "password": password}))

    @strawberry.mutation
    async def refresh_token(self, info: Info) -> AuthPayload:
        return _session_payload(info, await auth.refresh(ctx_of(info)))

    @strawberry.mutation
    async def logout(self, info: Info) -> Ack:
        result = await auth.logout(ctx_of(info))
        response = info.context.response
        if response is not None and hasattr(response, "delete_cookie"):
            response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return Ack(message=result["message"])
