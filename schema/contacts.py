"""Contacts over GraphQL: the customers, as rest_compat.presenters.contacts.ContactOut in camelCase.
A contact's conversations are listed by `contactConversations` (schema/conversations.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import contacts
from schema._base import Paged, as_data, ctx_of, paged


@strawberry.type(name="Contact")
class ContactType:
    id: UUID
    channel: str
    external_id: str = strawberry.field(description="The address on its channel (WhatsApp wa_id, PSID, email)")
    name: str | None
    phone: str | None
    email: str | None
    avatar_url: str | None
    custom_attributes: JSON
    last_inbound_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, c: Any) -> ContactType:
        return cls(
            id=c.id, channel=c.channel, external_id=c.external_id, name=c.name, phone=c.phone, email=c.email,
            avatar_url=c.avatar_url, custom_attributes=c.custom_attributes or {}, last_inbound_at=c.last_inbound_at,
            created_at=c.created_at, updated_at=c.updated_at,
        )


@sp.input(model=contacts.ContactUpdate, all_fields=True, name="ContactUpdateInput")
class ContactUpdateInput:
    # dict[str, Any] has no GraphQL counterpart: a JSON object it is.
    custom_attributes: JSON | None


@strawberry.type
class ContactQuery:
    @strawberry.field(description="Contacts of the organization, most recently updated first")
    async def contacts(self, info: Info, page: int = 1, per_page: int = 20, q: str | None = None,
                       channel: str | None = None) -> Paged[ContactType]:
        params = {"page": page, "per_page": per_page, "q": q, "channel": channel}
        return paged(await contacts.list_contacts(ctx_of(info), params), ContactType.from_model)

    @strawberry.field
    async def contact(self, info: Info, id: UUID) -> ContactType:
        return ContactType.from_model(await contacts.get_contact(ctx_of(info), id))


@strawberry.type
class ContactMutation:
    @strawberry.mutation(description="Change a contact's name, email, phone or custom attributes (replaced whole)")
    async def update_contact(self, info: Info, id: UUID, input: ContactUpdateInput) -> ContactType:
        # Absent and null both mean "leave as is", as on REST.
        data = {k: v for k, v in as_data(input).items() if v is not None}
        return ContactType.from_model(await contacts.update_contact(ctx_of(info), id, data))
