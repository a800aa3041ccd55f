from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import quote
from uuid import UUID

from starlette.responses import StreamingResponse

from resolvers.media import media_url
from rest_compat.presenters._base import Presenter


class MediaOut(Presenter):
    id: UUID
    filename: str
    content_type: str
    size: int
    url: str
    sha256: str
    created_at: datetime

    @classmethod
    def source(cls, row: Any) -> dict[str, Any]:
        return {"id": row.id, "filename": row.filename, "content_type": row.content_type, "size": row.size,
                "url": media_url(row), "sha256": row.sha256, "created_at": row.created_at}


def content_disposition(filename: str, inline: bool) -> str:
    """RFC 6266: an ASCII fallback (quotes, backslashes and non-ASCII replaced) plus the exact
    UTF-8 name percent-encoded, so no name can break out of the header."""
    fallback = "".join(ch if 0x20 <= ord(ch) < 0x7F and ch not in '"\\;' else "_" for ch in filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class MediaFileBodyOut(Presenter):
    """The stored bytes, streamed with their sniffed type. Images may show inline; everything else
    downloads as an attachment. nosniff and a sandbox CSP stop a browser from running anything."""

    media_type: ClassVar[str] = "application/octet-stream"
    response_description: ClassVar[str] = "The file's bytes, with its Content-Type and Content-Disposition"

    @classmethod
    def present(cls, obj: Any) -> StreamingResponse:  # type: ignore[override]
        row = obj.media
        headers = {
            "Content-Length": str(row.size),
            "Content-Disposition": content_disposition(row.filename, row.content_type.startswith("image/")),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "Cache-Control": "private, max-age=0, must-revalidate",
            "ETag": f'"{row.sha256}"',
        }
        return StreamingResponse(obj.chunks, media_type=row.content_type, headers=headers)
