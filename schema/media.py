"""Media over GraphQL: metadata only (`media(id)`), from the same resolver as REST. Uploads and
the bytes themselves go through REST: POST /api/media/upload (multipart field `file`) and the
`url` (GET /api/media/{id})."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from resolvers import media
from schema._base import ctx_of


@strawberry.type(name="MediaFile")
class MediaFileType:
    id: UUID
    filename: str = strawberry.field(description="Sanitised name of the upload")
    content_type: str = strawberry.field(description="Sniffed from the bytes")
    size: int
    url: str = strawberry.field(description="Where the bytes are: GET this path (REST) with the same credentials")
    sha256: str
    created_at: datetime

    @classmethod
    def from_model(cls, row: Any) -> MediaFileType:
        return cls(id=row.id, filename=row.filename, content_type=row.content_type, size=row.size,
                   url=media.media_url(row), sha256=row.sha256, created_at=row.created_at)


@strawberry.type
class MediaQuery:
    @strawberry.field(description="An uploaded media file of the organization (metadata)")
    async def media(self, info: Info, id: UUID) -> MediaFileType:
        return MediaFileType.from_model(await media.get_media(ctx_of(info), id))
