"""Contacts: the customers, one per channel address."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import EmailStr, Field
from tortoise.expressions import Q

from models.contacts import Contact
from models.conversations import Conversation
from resolvers._context import Ctx
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, scoped
from resolvers.conversations import visible_conversations


class ContactFilter(PageParams):
    q: str | None = Field(None, max_length=200, description="Search in name, phone and email")
    channel: str | None = Field(None, max_length=16)


class ContactUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=255)
    email: EmailStr | None = None
    phone: str | None = Field(None, max_length=32, pattern=r"^\+?[0-9 ()\-]{3,32}$")
    custom_attributes: dict[str, Any] | None = Field(None, description="Replaces the custom attributes")


async def list_contacts(ctx: Ctx, params: ContactFilter | dict | None = None) -> Page[Contact]:
    ctx.require("contacts.read")
    params = parse(ContactFilter, params or {})
    qs = scoped(ctx, Contact)
    if params.q:
        qs = qs.filter(Q(name__icontains=params.q) | Q(phone__icontains=params.q) | Q(email__icontains=params.q)
                       | Q(external_id__icontains=params.q))
    if params.channel:
        qs = qs.filter(channel=params.channel)
    return await paginate(qs.order_by("-updated_at", "id"), params)


async def get_contact(ctx: Ctx, contact_id: UUID | str) -> Contact:
    ctx.require("contacts.read")
    return await get_scoped(ctx, Contact, contact_id, what="contact")


async def contacts_by_ids(ctx: Ctx, ids: list[UUID]) -> dict[UUID, Contact]:
    """Batch read for DataLoaders (a conversation's contact): one query for any number of ids."""
    ctx.require("contacts.read")
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    return {c.id: c for c in await scoped(ctx, Contact).filter(id__in=wanted)}


@transactional
async def update_contact(ctx: Ctx, contact_id: UUID | str, data: ContactUpdate | dict) -> Contact:
    ctx.require("contacts.update")
    data = parse(ContactUpdate, data)
    contact = await get_contact(ctx, contact_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "email" in changes:
        changes["email"] = changes["email"].lower()
    if changes:
        for field, value in changes.items():
            setattr(contact, field, value)
        await contact.save(update_fields=[*changes, "updated_at"])
        ctx.record("contact.updated", {"contact_id": str(contact.id), "changed": sorted(changes)})
    return contact


async def list_contact_conversations(ctx: Ctx, contact_id: UUID | str, params: PageParams | dict | None = None
                                     ) -> Page[Conversation]:
    contact = await get_contact(ctx, contact_id)
    params = parse(PageParams, params or {})
    qs = visible_conversations(ctx).filter(contact_id=contact.id).select_related("contact")
    return await paginate(qs.order_by("-last_message_at", "-id"), params)
