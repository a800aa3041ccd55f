from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from resolvers import integrations
from schema._base import Ack, Paged, ack, as_data, ctx_of, paged


@strawberry.type(name="IntegrationAccount")
class IntegrationAccountType:
    """A channel account. Secrets are only ever masked ("••••" + last 4). A channel adds its
    public fields here; fields of other channels are null."""

    id: UUID
    channel: str
    name: str
    is_default: bool
    status: str
    phone_number_id: str | None
    waba_id: str | None
    display_phone_number: str | None
    page_id: str | None = None  # messenger, instagram
    instagram_account_id: str | None = None
    human_agent_tag: bool | None = None
    address: str | None = None  # email
    smtp_url: str | None = strawberry.field(default=None, description="Masked")
    has_smtp_url: bool | None = None
    inbound_token: str | None = strawberry.field(
        default=None, description="Email: secret of POST /api/webhooks/email?token=...; only on create")
    access_token: str | None = strawberry.field(description="Masked")
    app_secret: str | None = strawberry.field(description="Masked; null when the platform's app secret is used")
    has_app_secret: bool | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, account: Any) -> IntegrationAccountType:
        view = integrations.public_fields(account)
        return cls(
            id=account.id, channel=account.channel, name=account.name, is_default=account.is_default,
            status=account.status, phone_number_id=view.get("phone_number_id"), waba_id=view.get("waba_id"),
            display_phone_number=view.get("display_phone_number"), access_token=view.get("access_token"),
            app_secret=view.get("app_secret"), has_app_secret=view.get("has_app_secret"),
            created_at=account.created_at, updated_at=account.updated_at,
            page_id=view.get("page_id"), instagram_account_id=view.get("instagram_account_id"),
            human_agent_tag=view.get("human_agent_tag"),
            address=view.get("address"), smtp_url=view.get("smtp_url"), has_smtp_url=view.get("has_smtp_url"),
            inbound_token=getattr(account, "inbound_token", None),
        )


# Hand-written rather than generated from the pydantic models: one flat input for every
# channel (as the REST body), validated by the channel's own model in the resolver, and
# UNSET (not null) for absent fields, because a null clears an optional field on update.
@strawberry.input(description="channel and name, plus the fields of that channel (whatsapp: phoneNumberId, "
                              "wabaId, displayPhoneNumber, accessToken, appSecret?)")
class IntegrationAccountCreateInput:
    channel: str
    name: str
    phone_number_id: str | None = strawberry.UNSET
    waba_id: str | None = strawberry.UNSET
    display_phone_number: str | None = strawberry.UNSET
    page_id: str | None = strawberry.UNSET
    instagram_account_id: str | None = strawberry.UNSET
    human_agent_tag: bool | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    smtp_url: str | None = strawberry.UNSET
    access_token: str | None = strawberry.UNSET
    app_secret: str | None = strawberry.UNSET


@strawberry.input(description="Absent: unchanged; null clears an optional field (appSecret)")
class IntegrationAccountUpdateInput:
    name: str | None = strawberry.UNSET
    phone_number_id: str | None = strawberry.UNSET
    waba_id: str | None = strawberry.UNSET
    display_phone_number: str | None = strawberry.UNSET
    page_id: str | None = strawberry.UNSET
    instagram_account_id: str | None = strawberry.UNSET
    human_agent_tag: bool | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    smtp_url: str | None = strawberry.UNSET
    access_token: str | None = strawberry.UNSET
    app_secret: str | None = strawberry.UNSET


@strawberry.type
class IntegrationAccountQuery:
    @strawberry.field(description="Channel accounts of the organization")
    async def integration_accounts(
        self, info: Info, page: int = 1, per_page: int = 20, channel: str | None = None,
    ) -> Paged[IntegrationAccountType]:
        params = {"page": page, "per_page": per_page, "channel": channel}
        result = await integrations.list_integration_accounts(ctx_of(info), params)
        return paged(result, IntegrationAccountType.from_model)

    @strawberry.field
    async def integration_account(self, info: Info, id: UUID) -> IntegrationAccountType:
        return IntegrationAccountType.from_model(await integrations.get_integration_account(ctx_of(info), id))


@strawberry.type
class IntegrationAccountMutation:
    @strawberry.mutation
    async def create_integration_account(self, info: Info, input: IntegrationAccountCreateInput) -> IntegrationAccountType:
        account = await integrations.create_integration_account(ctx_of(info), as_data(input))
        return IntegrationAccountType.from_model(account)

    @strawberry.mutation
    async def update_integration_account(
        self, info: Info, id: UUID, input: IntegrationAccountUpdateInput,
    ) -> IntegrationAccountType:
        account = await integrations.update_integration_account(ctx_of(info), id, as_data(input))
        return IntegrationAccountType.from_model(account)

    @strawberry.mutation
    async def delete_integration_account(self, info: Info, id: UUID) -> Ack:
        return ack(await integrations.delete_integration_account(ctx_of(info), id), "integration_account_id")

    @strawberry.mutation
    async def set_default_integration_account(self, info: Info, id: UUID) -> IntegrationAccountType:
        return IntegrationAccountType.from_model(await integrations.set_default_integration_account(ctx_of(info), id))
