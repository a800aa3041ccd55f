"""Quick replies over GraphQL: the same resolvers as REST. `QuickReply` carries the fields of
rest_compat.presenters.quick_replies.QuickReplyOut in camelCase. `renderQuickReply` fills a
reply's variables for one conversation; `exportQuickRepliesCsv` returns the CSV text of the REST
export. CSV import is REST only (POST /api/quick-replies/import, multipart field `file`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import quick_replies
from resolvers.quick_replies import QuickReplyScope, QuickReplySort
from schema._base import Ack, Paged, ack, as_data, ctx_of, paged


@strawberry.type(name="QuickReply")
class QuickReplyType:
    id: UUID
    shortcut: str
    title: str
    content: str
    shared: bool
    owner_id: UUID | None
    created_by: UUID | None
    variables: list[str] = strawberry.field(description="Variables the content uses, e.g. contact.name")
    usage_count: int = strawberry.field(description="Uses across the organization (useQuickReply)")
    last_used_at: datetime | None
    is_favorite: bool = strawberry.field(description="A favorite of the caller")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: Any) -> QuickReplyType:
        return cls(
            id=row.id, shortcut=row.shortcut, title=row.title, content=row.content, shared=row.owner_id is None,
            owner_id=row.owner_id, created_by=row.created_by_id, variables=quick_replies.variables_of(row.content),
            usage_count=row.usage_count, last_used_at=row.last_used_at,
            is_favorite=bool(getattr(row, "is_favorite", False)), created_at=row.created_at, updated_at=row.updated_at,
        )


@strawberry.type
class QuickReplyVariable:
    name: str = strawberry.field(description="e.g. contact.name")
    placeholder: str = strawberry.field(description="As written in a content, e.g. {{contact.name}}")
    description: str


@sp.input(model=quick_replies.QuickReplyCreate, all_fields=True, name="QuickReplyCreateInput")
class QuickReplyCreateInput:
    pass


@sp.input(model=quick_replies.QuickReplyUpdate, all_fields=True, name="QuickReplyUpdateInput")
class QuickReplyUpdateInput:
    pass


@strawberry.type
class QuickReplyQuery:
    @strawberry.field(description="Shared and the caller's personal quick replies; by default the caller's "
                                  "favorites first, then the most used")
    async def quick_replies(
        self, info: Info, q: str | None = None, page: int = 1, per_page: int = 20,
        scope: QuickReplyScope = QuickReplyScope.all, favorites: bool = False,
        sort: QuickReplySort = QuickReplySort.suggested,
    ) -> Paged[QuickReplyType]:
        params = {"q": q, "page": page, "per_page": per_page, "scope": scope, "favorites": favorites, "sort": sort}
        return paged(await quick_replies.list_quick_replies(ctx_of(info), params), QuickReplyType.from_model)

    @strawberry.field
    async def quick_reply(self, info: Info, id: UUID) -> QuickReplyType:
        return QuickReplyType.from_model(await quick_replies.get_quick_reply(ctx_of(info), id))

    @strawberry.field(description="The variables a quick reply's content may use")
    def quick_reply_variables(self, info: Info) -> list[QuickReplyVariable]:
        ctx_of(info).require("quick_replies.read")
        return [QuickReplyVariable(name=name, placeholder="{{" + name + "}}", description=text)
                for name, text in quick_replies.list_variables().items()]

    @strawberry.field(description="The quick reply's content with its variables filled in for this conversation "
                                  "and the calling agent")
    async def render_quick_reply(self, info: Info, id: UUID, conversation_id: UUID) -> str:
        return await quick_replies.render_quick_reply(ctx_of(info), id, conversation_id)

    @strawberry.field(description="The CSV export (as GET /api/quick-replies/export returns it)")
    async def export_quick_replies_csv(self, info: Info, q: str | None = None,
                                       scope: QuickReplyScope = QuickReplyScope.all) -> str:
        return await quick_replies.export_quick_replies(ctx_of(info), {"q": q, "scope": scope})


@strawberry.type
class QuickReplyMutation:
    @strawberry.mutation
    async def create_quick_reply(self, info: Info, input: QuickReplyCreateInput) -> QuickReplyType:
        return QuickReplyType.from_model(await quick_replies.create_quick_reply(ctx_of(info), as_data(input)))

    @strawberry.mutation
    async def update_quick_reply(self, info: Info, id: UUID, input: QuickReplyUpdateInput) -> QuickReplyType:
        data = {k: v for k, v in as_data(input).items() if v is not None}
        return QuickReplyType.from_model(await quick_replies.update_quick_reply(ctx_of(info), id, data))

    @strawberry.mutation
    async def delete_quick_reply(self, info: Info, id: UUID) -> Ack:
        return ack(await quick_replies.delete_quick_reply(ctx_of(info), id), "quick_reply_id")

    @strawberry.mutation(description="Count one use (orders suggestions)")
    async def use_quick_reply(self, info: Info, id: UUID) -> QuickReplyType:
        return QuickReplyType.from_model(await quick_replies.use_quick_reply(ctx_of(info), id))

    @strawberry.mutation
    async def favorite_quick_reply(self, info: Info, id: UUID) -> QuickReplyType:
        return QuickReplyType.from_model(await quick_replies.favorite_quick_reply(ctx_of(info), id))

    @strawberry.mutation
    async def unfavorite_quick_reply(self, info: Info, id: UUID) -> QuickReplyType:
        return QuickReplyType.from_model(await quick_replies.unfavorite_quick_reply(ctx_of(info), id))
