"""WhatsApp message templates over GraphQL (the same resolvers as REST). `WaTemplate` carries
the fields of rest_compat.presenters.templates.WaTemplateOut in camelCase. What Meta owns and
what is kept locally: resolvers/templates.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import templates
from schema._base import Ack, Paged, ack, as_data, ctx_of, paged


@strawberry.type(name="WaTemplate")
class WaTemplateType:
    id: UUID
    integration_account_id: UUID | None
    waba_id: str
    meta_template_id: str | None = strawberry.field(description="Meta's template id")
    name: str
    language: str
    category: str
    status: str = strawberry.field(description="Meta's status: PENDING, APPROVED, REJECTED, PAUSED, ...")
    components: JSON
    body_parameter_count: int = strawberry.field(description="Parameters a send gives for the body")
    header_format: str | None
    header_media_url: str | None
    rejection_reason: str | None
    quality_score: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: Any) -> WaTemplateType:
        return cls(
            id=row.id, integration_account_id=row.integration_account_id, waba_id=row.waba_id,
            meta_template_id=row.meta_template_id, name=row.name, language=row.language, category=row.category,
            status=row.status, components=row.components or [],
            body_parameter_count=templates.body_parameter_count(row), header_format=templates.header_format(row),
            header_media_url=row.header_media_url, rejection_reason=row.rejection_reason,
            quality_score=row.quality_score, created_at=row.created_at, updated_at=row.updated_at,
        )


@strawberry.type(name="WaTemplateSyncResult")
class WaTemplateSyncResult:
    message: str
    waba_id: str
    total: int
    created: int
    updated: int
    unchanged: int


@strawberry.input(name="WaTemplateCreateInput")
class WaTemplateCreateInput:
    name: str
    language: str
    category: str = strawberry.field(description="UTILITY, MARKETING or AUTHENTICATION")
    components: JSON = strawberry.field(description="Meta's components: a list of HEADER/BODY/FOOTER/BUTTONS objects")
    header_media_url: str | None = strawberry.UNSET
    integration_account_id: UUID | None = strawberry.UNSET


@strawberry.type
class WaTemplateQuery:
    @strawberry.field(description="WhatsApp message templates, by name then language")
    async def wa_templates(self, info: Info, status: str | None = None, category: str | None = None,
                           language: str | None = None, page: int = 1, per_page: int = 20) -> Paged[WaTemplateType]:
        params = {"status": status, "category": category, "language": language, "page": page, "per_page": per_page}
        page_ = await templates.list_wa_templates(ctx_of(info), params)
        return paged(page_, WaTemplateType.from_model)

    @strawberry.field(description="One WhatsApp message template")
    async def wa_template(self, info: Info, id: UUID) -> WaTemplateType:
        return WaTemplateType.from_model(await templates.get_wa_template(ctx_of(info), id))


@strawberry.type
class WaTemplateMutation:
    @strawberry.mutation(description="Submit a template to Meta; stored as Meta answers (PENDING)")
    async def create_wa_template(self, info: Info, input: WaTemplateCreateInput) -> WaTemplateType:
        data = {k: str(v) if k == "integration_account_id" and v is not None else v
                for k, v in as_data(input).items()}
        return WaTemplateType.from_model(await templates.create_wa_template(ctx_of(info), data))

    @strawberry.mutation(description="Pull the WABA's templates from Meta (upsert by name + language)")
    async def sync_wa_templates(self, info: Info, integration_account_id: UUID | None = None) -> WaTemplateSyncResult:
        data = {"integration_account_id": str(integration_account_id)} if integration_account_id else {}
        return WaTemplateSyncResult(**await templates.sync_wa_templates(ctx_of(info), data))

    @strawberry.mutation(description="Delete the local copy of a template (Meta keeps it)")
    async def delete_wa_template(self, info: Info, id: UUID) -> Ack:
        return ack(await templates.delete_wa_template(ctx_of(info), id), "wa_template_id")

    @strawberry.mutation(description="Set (or, with null, remove) a template's header media URL")
    async def set_wa_template_header_media(self, info: Info, id: UUID, header_media_url: str | None) -> WaTemplateType:
        template = await templates.set_wa_template_header_media(ctx_of(info), id, {"header_media_url": header_media_url})
        return WaTemplateType.from_model(template)
