"""Media files: upload (multipart, REST) and download, tenant-scoped. The type of a file is
sniffed from its leading bytes; the name or Content-Type the client sent is only a claim, and a
claim that contradicts the bytes is refused (415), as is anything not on the allow-list below
(executables, HTML, SVG...). The client's file name is sanitised for display only: the bytes are
stored under a generated key (connectors/storage.py).

Inbound media of every channel (a WhatsApp media id, a Messenger / Instagram attachment URL, an
email attachment in the stored webhook) is fetched by a job after the message is stored and kept
once per (tenant, source, provider key); the message's content then names the stored file
(`media_file`) or why it could not be kept (`media_error`). GET /api/media/{id} also answers a
WhatsApp media id that one of the tenant's messages references. Outbound media messages may name
an uploaded file by its id; the send job hands its bytes to the channel."""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit
from uuid import UUID

from tortoise.exceptions import IntegrityError

from connectors import storage
from connectors.hub import services
from connectors.media_download import DownloadFailed, download
from connectors.meta import GraphError
from models.conversations import Conversation
from models.events import OutboxEvent
from models.integrations import IntegrationAccount
from models.media import MediaFile, MessageMedia
from models.messages import Message
from resolvers._context import Ctx
from resolvers._errors import DomainError, ErrorCode, NotFound, ValidationFailed
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped, unscoped

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


async def download_media(ctx: Ctx, media_id: UUID | str) -> MediaDownload:
    """One of our files by its uuid; any other id is a provider's media id (WhatsApp), answered
    only when a message of the caller's tenant references it: the stored copy, fetched now (and
    kept) when the fetch job has not run yet."""
    if not isinstance(media_id, UUID):
        try:
            media_id = UUID(media_id)
        except ValueError:
            ctx.require("media.read")
            return await _stream(await _provider_media(ctx, media_id))
    return await _stream(await get_media(ctx, media_id))


async def _stream(row: MediaFile) -> MediaDownload:
    try:
        store = storage.backend(row.backend)
        found = await store.exists(row.storage_key)
    except storage.StorageError as exc:
        log.warning("media storage failed: %s", exc)
        raise DomainError("The storage backend is unavailable", code=ErrorCode.UPSTREAM_FAILED) from None
    if not found:
        raise NotFound("media file content not found")
    return MediaDownload(row, store.stream(row.storage_key))


# ---------------------------------------------------------------- inbound documents

# Customers send more kinds of documents than an agent uploads: office files and plain text are
# kept too. Still never executables, HTML or SVG (any text starting with markup is refused).
DOCUMENT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "text/plain": ("txt", "text", "log"),
    "text/csv": ("csv",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "application/msword": ("doc",),
    "application/vnd.ms-excel": ("xls",),
    "application/vnd.ms-powerpoint": ("ppt",),
}
_OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office, but also .msi installers: the claim must say Office
_TEXT_PROBE = 8192


def _claimed(filename: str, declared: str | None) -> set[str]:
    """The types the name's extension and the declared type stand for."""
    claim = (declared or "").split(";")[0].strip().lower()
    ext = filename.rpartition(".")[2].lower() if "." in filename else ""
    by_ext = {t for t, exts in DOCUMENT_EXTENSIONS.items() if ext in exts}
    return {ALIASES.get(claim, claim)} | by_ext


def sniff_document(data: bytes, filename: str, declared: str | None) -> str | None:
    """Office documents (by their zip parts or an Office claim on OLE2 bytes) and plain text
    (UTF-8, no NUL, not markup, not a script); None for anything else."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        return next((kind for part, kind in _OOXML_PARTS.items() if part in names), None)
    if data.startswith(_OLE2):
        legacy = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
        return next(iter(sorted(_claimed(filename, declared) & legacy)), None)
    probe = data[:_TEXT_PROBE]
    if b"\x00" in probe:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(probe, final=len(data) <= _TEXT_PROBE)
    except UnicodeDecodeError:
        return None
    if text.lstrip("\ufeff \t\r\n").startswith(("<", "#!")):
        return None
    return "text/csv" if "text/csv" in _claimed(filename, declared) else "text/plain"


def classify_inbound(data: bytes, filename: str, declared: str | None) -> tuple[str, str]:
    """(sniffed type, filename ending in an extension of that type) for a customer's file, or 415.
    Unlike an upload, a claim that disagrees with the bytes is not refused: the provider's claim
    is no attack of ours, and the bytes decide."""
    if not data:
        raise _unsupported("The file is empty")
    sniffed = sniff(data) or sniff_document(data, filename, declared)
    if sniffed is None:
        raise _unsupported("Executable files are not accepted" if data.startswith(_EXECUTABLE)
                           else "Unsupported file type")
    extensions = EXTENSIONS.get(sniffed) or DOCUMENT_EXTENSIONS[sniffed]
    stem, dot, ext = filename.rpartition(".")
    if dot and stem and ext.lower() in extensions:
        return sniffed, filename
    return sniffed, f"{filename}.{extensions[0]}"


# ---------------------------------------------------------------- inbound media: what to fetch

FETCH_JOB = "fetch_message_media"
# Message types whose media is fetched, per channel: WhatsApp's media id (content.media_id);
# Messenger / Instagram attachments (content.attachments[].url); email attachments.
WHATSAPP_MEDIA_TYPES = ("image", "video", "audio", "voice", "document", "sticker")
ATTACHMENT_MEDIA_TYPES = ("image", "video", "audio", "document", "sticker")
PROVIDER_MEDIA_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


@dataclass(frozen=True, slots=True)
class MediaItem:
    slot: int
    source: str
    provider_key: str


def _derived_key(provider_message_id: str | None, slot: int) -> str:
    # Messenger CDN URLs change on every delivery and email attachments have no id: the message's
    # own provider id (unique per tenant) and the item's place in it name the file instead.
    return "sha256:" + hashlib.sha256(f"{provider_message_id}#{slot}".encode()).hexdigest()


def media_items(channel: str, message: Message) -> list[MediaItem]:
    content = message.content or {}
    if content.get("deleted"):
        return []
    if channel == "whatsapp":
        media_id = content.get("media_id")
        if message.type in WHATSAPP_MEDIA_TYPES and isinstance(media_id, str) and media_id:
            return [MediaItem(0, channel, media_id)]
        return []
    items = []
    for slot, attachment in enumerate(content.get("attachments") or []):
        if not isinstance(attachment, dict):
            continue
        if channel == "email" or (attachment.get("type") in ATTACHMENT_MEDIA_TYPES and attachment.get("url")):
            items.append(MediaItem(slot, channel, _derived_key(message.provider_message_id, slot)))
    return items


# Content keys that name provider media (connectors/meta.py, meta_messaging.py, email_inbound.py).
MEDIA_CONTENT_KEYS = frozenset({"media_id", "attachments"})


async def on_message_created(event: OutboxEvent) -> None:
    """Listener of message.created (omnistream/wiring.py): an inbound message with media gets one
    pending row per item and the fetch job. Idempotent: rows are unique per (message, slot), and
    the job id dedupes while a fetch is queued or running."""
    payload = event.payload or {}
    if payload.get("direction") != "inbound" or event.tenant_id is None or not payload.get("message_id"):
        return
    if payload.get("has_media") is False:
        return  # most messages carry no media (events recorded before the flag existed are looked up)
    ctx = Ctx.system(event.tenant_id)
    message = await scoped(ctx, Message).filter(id=payload["message_id"]).first()
    if message is None or not (MEDIA_CONTENT_KEYS & set(message.content or {})):
        return
    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).only("id", "channel").first()
    if conversation is None:
        return
    pending = False
    for item in media_items(conversation.channel, message):
        row = await scoped(ctx, MessageMedia).filter(message_id=message.id, slot=item.slot).first()
        if row is None:
            with contextlib.suppress(IntegrityError):  # a twin delivery of this event made it
                row = await new_scoped(ctx, MessageMedia, message_id=message.id, slot=item.slot,
                                       source=item.source, provider_key=item.provider_key)
        pending = pending or row is None or row.status == "pending"
    if pending:
        await services.jobs.enqueue(FETCH_JOB, str(message.id), job_id=f"media:{message.id}")


# ---------------------------------------------------------------- inbound media: fetch and store


class FetchFailed(Exception):
    """A fetch that did not give bytes: `transient` ones are tried again later."""

    def __init__(self, code: str, message: str, *, transient: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.transient, self.retry_after = code, message, transient, retry_after


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    filename: str
    declared: str | None


async def _account_token(ctx: Ctx, message: Message, channel: str) -> str:
    from resolvers.integrations import account_secrets, default_account

    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).first()
    account = None
    if conversation is not None and conversation.integration_account_id is not None:
        account = await scoped(ctx, IntegrationAccount).filter(id=conversation.integration_account_id).first()
    account = account or await default_account(ctx, channel)
    token = account_secrets(account).get("access_token") if account is not None else None
    if not token:
        raise FetchFailed("NO_ACCOUNT", f"No {channel} account with an access token to fetch the media with")
    return token


def _from_download(exc: DownloadFailed) -> FetchFailed:
    return FetchFailed(exc.code, exc.message, transient=exc.transient, retry_after=exc.retry_after)


async def _fetch_whatsapp(ctx: Ctx, message: Message, media_id: str, limit: int) -> Fetched:
    """GET /{media-id} (JSON: a short-lived url, mime_type, sha256, file_size), then GET the url,
    both with the account's bearer token."""
    token = await _account_token(ctx, message, "whatsapp")
    try:
        info = await services.graph.get(media_id, token)
    except GraphError as exc:
        code = "MEDIA_UNAVAILABLE" if exc.transient else "MEDIA_NOT_FOUND"
        raise FetchFailed(code, exc.message, transient=exc.transient, retry_after=exc.retry_after) from None
    url = info.get("url")
    if not isinstance(url, str) or not url:
        raise FetchFailed("MEDIA_NOT_FOUND", "The Graph API gave no download URL for this media")
    with contextlib.suppress(TypeError, ValueError):
        if int(info.get("file_size")) > limit:
            raise FetchFailed("TOO_LARGE", f"The file is larger than {limit} bytes")
    try:
        got = await download(url, max_bytes=limit, bearer=token)
    except DownloadFailed as exc:
        raise _from_download(exc) from None
    expected = info.get("sha256")
    if isinstance(expected, str) and expected and hashlib.sha256(got.data).hexdigest() != expected.lower():
        raise FetchFailed("CORRUPT", "The downloaded bytes do not match the media's sha256", transient=True)
    content = message.content or {}
    name = content.get("filename") or f"{message.type}-{media_id}"
    return Fetched(got.data, name, info.get("mime_type") or content.get("mime_type"))


async def _fetch_attachment_url(message: Message, slot: int, limit: int) -> Fetched:
    """Messenger / Instagram: the attachment's CDN URL, no token."""
    attachments = (message.content or {}).get("attachments") or []
    attachment = attachments[slot] if slot < len(attachments) and isinstance(attachments[slot], dict) else {}
    url = str(attachment.get("url") or "")
    if not url:  # the customer unsent the message meanwhile
        raise FetchFailed("NO_CONTENT", "The message no longer has this attachment")
    try:
        got = await download(url, max_bytes=limit)
    except DownloadFailed as exc:
        raise _from_download(exc) from None
    name = urlsplit(url).path.rpartition("/")[2] or f"{attachment.get('type') or 'file'}-{slot}"
    return Fetched(got.data, name, got.content_type)


async def _fetch_email_attachment(ctx: Ctx, message: Message, slot: int, limit: int) -> Fetched:
    """The bytes are in the stored webhook (Postmark's base64 Content, SendGrid's files): no network."""
    from resolvers.email import stored_email_attachment

    attachment = await stored_email_attachment(ctx, message, slot)
    if attachment is None or not attachment.get("content_b64"):
        raise FetchFailed("NO_CONTENT", "The stored email has no content for this attachment")
    encoded = attachment["content_b64"]
    if len(encoded) * 3 // 4 > limit + 2:  # checked before decoding: base64 is 4 chars per 3 bytes
        raise FetchFailed("TOO_LARGE", f"The file is larger than {limit} bytes")
    try:
        data = base64.b64decode(encoded, validate=False)
    except (ValueError, binascii.Error):
        raise FetchFailed("NO_CONTENT", "The attachment's content is not valid base64") from None
    if len(data) > limit:
        raise FetchFailed("TOO_LARGE", f"The file is larger than {limit} bytes")
    return Fetched(data, attachment.get("filename") or f"attachment-{slot}", attachment.get("content_type"))


async def _fetch(ctx: Ctx, message: Message, row: MessageMedia) -> Fetched:
    limit = max_upload_bytes()
    if row.source == "whatsapp":
        return await _fetch_whatsapp(ctx, message, row.provider_key, limit)
    if row.source == "email":
        return await _fetch_email_attachment(ctx, message, row.slot, limit)
    return await _fetch_attachment_url(message, row.slot, limit)


def inbound_store() -> storage.Storage:
    """MEDIA_INBOUND_STORAGE: the local folder (default) or the S3 bucket."""
    name = getattr(services.settings, "media_inbound_storage", None) or storage.LocalStorage.backend
    return storage.backend(name)


@transactional
async def _insert_inbound_file(ctx: Ctx, **values: Any) -> MediaFile:
    return await new_scoped(ctx, MediaFile, **values)


async def _keep(ctx: Ctx, row: MessageMedia, fetched: Fetched) -> MediaFile:
    """Store the bytes as a MediaFile once per (tenant, source, provider key): a twin fetch that
    lost the race drops its bytes and uses the winner's file."""
    try:
        content_type, filename = classify_inbound(fetched.data, sanitise_filename(fetched.filename), fetched.declared)
    except DomainError as exc:
        raise FetchFailed("REFUSED_TYPE", exc.message) from None
    try:
        store = inbound_store()
        key = storage.new_key(ctx.require_tenant())
        await store.put(key, fetched.data)
    except storage.StorageError as exc:
        raise FetchFailed("STORAGE_FAILED", str(exc), transient=True) from None
    try:
        return await _insert_inbound_file(
            ctx, filename=filename, content_type=content_type, size=len(fetched.data),
            sha256=hashlib.sha256(fetched.data).hexdigest(), backend=store.backend, storage_key=key,
            source=row.source, source_key=row.provider_key)
    except IntegrityError:
        with contextlib.suppress(storage.StorageError):
            await store.delete(key)
        winner = await scoped(ctx, MediaFile).filter(source=row.source, source_key=row.provider_key).first()
        if winner is None:
            raise
        return winner


def file_ref(row: MediaFile) -> dict[str, Any]:
    """What a message's content says about a stored file (REST `media_file`, GraphQL `mediaFile`)."""
    return {"id": str(row.id), "filename": row.filename, "content_type": row.content_type, "size": row.size,
            "url": media_url(row)}


@transactional
async def _settle(ctx: Ctx, row: MessageMedia, stored: MediaFile | None, error: dict[str, Any] | None) -> bool:
    """Record a fetch's outcome on its row and in the message's content, and tell subscribers the
    message changed. False when another fetch settled this row first."""
    changed = await scoped(ctx, MessageMedia).filter(id=row.id, status="pending").update(
        status="stored" if stored is not None else "failed", media_file_id=stored.id if stored else None, error=error)
    if not changed:
        return False
    message = await scoped(ctx, Message).filter(id=row.message_id).select_for_update().first()
    if message is None or (message.content or {}).get("deleted"):
        return True  # unsent by the customer meanwhile: keep the file, show nothing
    content = dict(message.content or {})
    ref = file_ref(stored) if stored is not None else None
    if row.source == "whatsapp":
        content["media_file" if ref else "media_error"] = ref or error
    else:
        attachments = [dict(a) if isinstance(a, dict) else a for a in content.get("attachments") or []]
        if row.slot < len(attachments) and isinstance(attachments[row.slot], dict):
            attachments[row.slot]["media_file" if ref else "media_error"] = ref or error
        content["attachments"] = attachments
        if ref and "media_file" not in content:  # the message's first stored file
            content["media_file"] = ref
    message.content = content
    await message.save(update_fields=["content"])
    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).first()
    from resolvers.messages import message_snapshot

    payload = message_snapshot(message)
    payload.update(changed=["content"], slot=row.slot, media_file=ref, media_error=error)
    ctx.record("message.updated", payload, conversation_id=message.conversation_id,
               assigned_agent_id=conversation.assigned_agent_id if conversation else None)
    return True


async def _fetch_and_keep(ctx: Ctx, message: Message, row: MessageMedia, *, final: bool) -> MediaFile | None:
    """Fetch and store one item; a permanent failure (or a transient one on the last try) is
    recorded on the message. Raises FetchFailed for a transient failure worth another try."""
    try:
        # Kept already (another message with the same media id, a twin job): nothing to download.
        stored = await scoped(ctx, MediaFile).filter(source=row.source, source_key=row.provider_key).first()
        if stored is None:
            stored = await _keep(ctx, row, await _fetch(ctx, message, row))
    except FetchFailed as exc:
        if exc.transient and not final:
            raise
        log.info("media %s of message %s not kept: %s %s", row.slot, message.id, exc.code, exc.message)
        await _settle(ctx, row, None, {"code": exc.code, "message": exc.message})
        return None
    await _settle(ctx, row, stored, None)
    return stored


async def fetch_message_media(message_id: UUID | str, *, final: bool) -> int:
    """The fetch job's work: every pending item of the message; returns how many were stored.
    Raises FetchFailed (the first transient one) when something should be tried again."""
    message = await unscoped(Message).filter(id=message_id).first()
    if message is None:
        return 0
    ctx = Ctx.system(message.tenant_id)
    stored, retry = 0, None
    for row in await scoped(ctx, MessageMedia).filter(message_id=message.id, status="pending").order_by("slot"):
        try:
            stored += 1 if await _fetch_and_keep(ctx, message, row, final=final) is not None else 0
        except FetchFailed as exc:
            retry = retry or exc
    if retry is not None:
        raise retry
    return stored


async def pending_media_message_ids(older_than: timedelta = timedelta(minutes=5), limit: int = 500) -> list[str]:
    """Messages with an item still pending long after it was registered (its job was lost).
    Only for a day: provider media URLs expire, and a fetch that keeps crashing must stop."""
    now = datetime.now(UTC)
    ids = await unscoped(MessageMedia).filter(
        status="pending", created_at__lt=now - older_than, created_at__gt=now - timedelta(days=1)).limit(
        limit).values_list("message_id", flat=True)
    return sorted({str(i) for i in ids})


async def _provider_media(ctx: Ctx, provider_media_id: str) -> MediaFile:
    """A WhatsApp media id referenced by a message of the caller's tenant; another tenant's
    (or nobody's) is not found."""
    if not PROVIDER_MEDIA_ID.match(provider_media_id):
        raise ValidationFailed.field("id", "must be a media file id (UUID) or a provider media id")
    row = await scoped(ctx, MessageMedia).filter(source="whatsapp", provider_key=provider_media_id).first()
    if row is None:
        raise NotFound("media file not found")
    if row.status == "pending":
        message = await scoped(ctx, Message).filter(id=row.message_id).first()
        if message is None:
            raise NotFound("media file not found")
        try:
            await _fetch_and_keep(ctx, message, row, final=False)
        except FetchFailed as exc:
            raise DomainError(f"The provider did not answer: {exc.message}", code=ErrorCode.UPSTREAM_FAILED) from None
        row = await scoped(ctx, MessageMedia).filter(id=row.id).first()
    if row.media_file_id is None:
        error = row.error or {}
        code = {"TOO_LARGE": ErrorCode.PAYLOAD_TOO_LARGE, "REFUSED_TYPE": ErrorCode.UNSUPPORTED_MEDIA_TYPE}.get(
            error.get("code"), ErrorCode.NOT_FOUND)
        raise DomainError(f"The media could not be kept: {error.get('message') or 'unavailable'}", code=code,
                          details=[{"field": "id", "message": error.get("code") or "unavailable"}])
    return await get_scoped(ctx, MediaFile, row.media_file_id, what="media file")


# ---------------------------------------------------------------- outbound: our files on any channel

# What an outbound media message of each type may carry (document: any allowed file).
_OUTBOUND_KINDS = {"image": ("image/",), "video": ("video/",), "audio": ("audio/",), "sticker": ("image/webp",)}


async def outbound_media_ref(ctx: Ctx, message_type: str, media_id: str) -> dict[str, Any] | None:
    """For a send naming `media.media_id`: our file's reference when the id is a uuid (an unknown
    one, or another tenant's, is the same 422), None when it is a provider's media id."""
    try:
        file_id = UUID(media_id)
    except ValueError:
        return None
    row = await scoped(ctx, MediaFile).filter(id=file_id).first()
    if row is None:
        raise ValidationFailed.field("media.media_id", "no media file of your organization has this id "
                                                       "(upload it with POST /api/media/upload)")
    kinds = _OUTBOUND_KINDS.get(message_type)
    if kinds and not row.content_type.startswith(kinds):
        raise ValidationFailed.field("media.media_id", f"the file is {row.content_type}, which a {message_type} "
                                                       "message cannot carry")
    return file_ref(row)


async def read_media_bytes(tenant_id: UUID, media_file_id: UUID | str) -> tuple[MediaFile, bytes]:
    """A stored file's row and bytes, for a send job (files are at most MEDIA_MAX_BYTES)."""
    ctx = Ctx.system(tenant_id)
    row = await scoped(ctx, MediaFile).filter(id=media_file_id).first()
    if row is None:
        raise storage.StorageError(f"media file {media_file_id} no longer exists")
    data = bytearray()
    async for chunk in storage.backend(row.backend).stream(row.storage_key):
        data += chunk
    return row, bytes(data)
