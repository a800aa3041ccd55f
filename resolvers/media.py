"""Media files: upload (multipart, REST) and download, tenant-scoped. The type of a file is
sniffed from its leading bytes; the name or Content-Type the client sent is only a claim, and a
claim that contradicts the bytes is refused (415), as is anything not on the allow-list below
(executables, HTML, SVG...). The client's file name is sanitised for display only: the bytes are
stored under a generated key (connectors/storage.py)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import unicodedata
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from connectors import storage
from connectors.hub import services
from models.media import MediaFile
from resolvers._context import Ctx
from resolvers._errors import DomainError, ErrorCode, NotFound
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
MAX_FILENAME_CHARS = 200


def max_upload_bytes() -> int:
    """MEDIA_MAX_BYTES, read per request so the route table follows the settings."""
    return int(getattr(services.settings, "media_max_bytes", DEFAULT_MAX_BYTES) or DEFAULT_MAX_BYTES)


class Upload(Protocol):
    filename: str | None
    content_type: str | None

    async def read(self) -> bytes: ...


# type -> file extensions it may carry (the first is the canonical one)
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "image/png": ("png",),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    "application/pdf": ("pdf",),
    "video/mp4": ("mp4", "m4v"),
    "video/3gpp": ("3gp",),
    "audio/mp4": ("m4a",),
    "audio/ogg": ("ogg", "oga", "opus"),
    "audio/mpeg": ("mp3",),
    "audio/aac": ("aac",),
    "audio/amr": ("amr",),
    "audio/wav": ("wav",),
}
ALIASES = {
    "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "audio/mp3": "audio/mpeg", "audio/x-mp3": "audio/mpeg",
    "audio/x-wav": "audio/wav", "audio/wave": "audio/wav", "audio/vnd.wave": "audio/wav", "audio/x-m4a": "audio/mp4",
    "audio/opus": "audio/ogg", "audio/x-aac": "audio/aac", "application/x-pdf": "application/pdf",
    "video/3gp": "video/3gpp",
}
# Declared types that claim nothing (browsers send these for anything they don't know).
NO_CLAIM = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
_EXECUTABLE = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe",
               b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")


def sniff(data: bytes) -> str | None:
    """The media type of these bytes by their magic number, or None when not an allowed type."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand.startswith(b"3g"):
            return "video/3gpp"
        if brand in (b"M4A ", b"M4B "):
            return "audio/mp4"
        return "video/mp4"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"#!AMR"):
        return "audio/amr"
    if head.startswith(b"ID3"):
        return "audio/mpeg"
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xF6 == 0xF0:  # ADTS sync word, layer 0
            return "audio/aac"
        if head[1] & 0xE0 == 0xE0 and head[1] & 0x06 != 0:  # MPEG audio frame sync, layer I-III
            return "audio/mpeg"
    return None


def sanitise_filename(raw: str | None) -> str:
    """A display name safe anywhere: the last path segment only, no control or bidi-format
    characters, no leading dots, bounded length. Never used as a path."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(" " if ch.isspace() else ch for ch in name)  # tabs, newlines, NBSP... -> one kind of space
    name = "".join(ch for ch in name if ch == " " or unicodedata.category(ch)[0] not in ("C", "Z"))
    name = re.sub(r" +", " ", name).strip().lstrip(".").strip()
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:16] if dot and stem else ""
        name = name[: MAX_FILENAME_CHARS - len(ext) - 1].rstrip() + ("." + ext if ext else "")
    return name or "file"


def _unsupported(message: str) -> DomainError:
    return DomainError(message, code=ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                       details=[{"field": "file", "message": message}])


def check_type(data: bytes, filename: str, declared: str | None) -> tuple[str, str]:
    """(sniffed content type, filename with an extension that matches it), or 415."""
    if not data:
        raise DomainError("The file is empty", code=ErrorCode.VALIDATION_FAILED,
                          details=[{"field": "file", "message": "is empty"}])
    sniffed = sniff(data)
    if sniffed is None:
        if data.startswith(_EXECUTABLE):
            raise _unsupported("Executable files are not accepted")
        allowed = ", ".join(sorted({ext[0] for ext in EXTENSIONS.values()}))
        raise _unsupported(f"Unsupported file type: the content is none of {allowed}")
    claim = (declared or "").split(";")[0].strip().lower()
    claim = ALIASES.get(claim, claim)
    if claim not in NO_CLAIM and claim != sniffed:
        raise _unsupported(f"The file was declared as {claim} but its content is {sniffed}")
    stem, dot, ext = filename.rpartition(".")
    if dot and stem:
        if ext.lower() not in EXTENSIONS[sniffed]:
            raise _unsupported(f"The file name ends in .{ext} but its content is {sniffed}")
        return sniffed, filename
    return sniffed, f"{filename}.{EXTENSIONS[sniffed][0]}"


def media_url(row: MediaFile) -> str:
    return f"/api/media/{row.id}"


@transactional
async def _store_row(ctx: Ctx, **values: Any) -> MediaFile:
    row = await new_scoped(ctx, MediaFile, **values)
    ctx.record("media.uploaded", {"media_id": str(row.id), "filename": row.filename,
                                  "content_type": row.content_type, "size": row.size})
    return row


async def upload_media(ctx: Ctx, upload: Upload) -> MediaFile:
    """Into the embedded default: the local folder DATA_DIR/media."""
    return await _upload(ctx, upload, storage.local_storage)


async def upload_media_s3(ctx: Ctx, upload: Upload) -> MediaFile:
    """Into the S3-compatible bucket of the S3_* settings (503 when there is none)."""
    return await _upload(ctx, upload, storage.s3_storage)


async def _upload(ctx: Ctx, upload: Upload, store_of: Callable[[], storage.Storage]) -> MediaFile:
    ctx.require("media.upload")
    data = await upload.read()
    limit = max_upload_bytes()
    if len(data) > limit:
        raise DomainError(f"The file is larger than {limit} bytes", code=ErrorCode.PAYLOAD_TOO_LARGE,
                          details=[{"field": "file", "message": f"at most {limit} bytes"}])
    content_type, filename = check_type(data, sanitise_filename(upload.filename), upload.content_type)
    try:
        store = store_of()
        key = storage.new_key(ctx.require_tenant())
        await store.put(key, data)
    except storage.S3NotConfigured as exc:
        raise DomainError(str(exc), code=ErrorCode.UNAVAILABLE) from None
    except storage.StorageError as exc:
        log.warning("media storage failed: %s", exc)
        raise DomainError("The storage backend refused the file", code=ErrorCode.UPSTREAM_FAILED) from None
    try:
        return await _store_row(
            ctx, filename=filename, content_type=content_type, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), backend=store.backend, storage_key=key,
            uploaded_by_id=ctx.agent_id,
        )
    except BaseException:
        with contextlib.suppress(storage.StorageError):  # no row, so no orphaned bytes either
            await store.delete(key)
        raise


async def get_media(ctx: Ctx, media_id: UUID) -> MediaFile:
    ctx.require("media.read")
    return await get_scoped(ctx, MediaFile, media_id, what="media file")


@dataclass(frozen=True)
class MediaDownload:
    media: MediaFile
    chunks: AsyncIterator[bytes]


async def download_media(ctx: Ctx, media_id: UUID) -> MediaDownload:
    row = await get_media(ctx, media_id)
    try:
        store = storage.backend(row.backend)
        found = await store.exists(row.storage_key)
    except storage.StorageError as exc:
        log.warning("media storage failed: %s", exc)
        raise DomainError("The storage backend is unavailable", code=ErrorCode.UPSTREAM_FAILED) from None
    if not found:
        raise NotFound("media file content not found")
    return MediaDownload(row, store.stream(row.storage_key))
