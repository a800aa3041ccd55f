"""Quick replies: canned answers an agent inserts by shortcut, with variables filled in from the
conversation at hand.

Scopes: a *personal* quick reply is its owner's alone (everyone else, admins included, gets 404);
a *shared* one is visible to the whole tenant, and creating, changing, deleting or importing
shared ones needs `quick_replies.manage_shared` (supervisors and admins). A shortcut is unique
within its scope (409): a personal shortcut may shadow a shared one. Shortcuts are stored in
lower case, so `/Hi` and `/hi` are one shortcut.

Variables, in the content only: `{{contact.name}}` and the rest of VARIABLES, optionally with a
fallback for an empty value: `{{contact.first_name|there}}`. Unknown variables are refused when
the reply is saved (422), so a typo never reaches a customer.

Suggestions: lists default to the caller's favorites first, then by the tenant-wide usage count
(`/use`, incremented atomically), then by shortcut.

CSV (export and import): header `shortcut,title,content,shared`, UTF-8, every data field quoted,
CRLF line ends. A text cell starting with = + - @ tab or CR (optionally behind single quotes)
gets one single quote in front, so a spreadsheet never runs it as a formula; import removes
exactly that one quote again, so export -> import gives back the same replies. Import updates
replies whose shortcut exists in the row's scope, skips unchanged ones, reports bad rows as
{row, message} (row = the record's number in the file, the header being row 1) and imports the
rest; a broken file (not UTF-8, bad header, malformed CSV, too large, too many rows) is refused
as a whole and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID

from pydantic import ConfigDict, Field, field_validator
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Case, F, Q, RawSQL, When
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from models.agents import Agent
from models.quick_replies import SHARED_SCOPE, QuickReply, QuickReplyFavorite
from models.tenants import Tenant
from resolvers._context import Ctx
from resolvers._errors import Conflict, DomainError, ErrorCode, NotFound, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped
from resolvers.conversations import get_visible_conversation

MAX_CONTENT = 4096  # WhatsApp's limit for a text message body
MAX_IMPORT_BYTES = 1024 * 1024
MAX_IMPORT_ROWS = 5000
CSV_COLUMNS = ("shortcut", "title", "content", "shared")
REQUIRED_COLUMNS = ("shortcut", "title", "content")

VARIABLES: dict[str, str] = {
    "contact.name": "The customer's name",
    "contact.first_name": "The first word of the customer's name",
    "contact.phone": "The customer's phone number",
    "contact.email": "The customer's email address",
    "agent.name": "The name of the agent using the quick reply",
    "agent.first_name": "The first word of that agent's name",
    "agent.email": "That agent's email address",
    "conversation.id": "The conversation's id",
    "conversation.channel": "The conversation's channel: whatsapp, instagram, messenger or email",
    "organization.name": "The organization's name",
}

# Anything between double braces is meant as a variable; `name|fallback` gives a fallback.
_PLACEHOLDER = re.compile(r"\{\{([^{}]*)\}\}")
# Cells a spreadsheet would evaluate (OWASP "CSV injection"); leading quotes are included so a
# cell that already starts with quotes keeps them through export -> import.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTENT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are text


class UploadedFile(Protocol):
    """What the REST door's multipart binding hands over (duck-compatible with Starlette's
    UploadFile, which GraphQL multipart uploads would give)."""

    filename: str | None

    async def read(self) -> bytes: ...


# ---------------------------------------------------------------- inputs

def _placeholders(content: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _PLACEHOLDER.finditer(content):
        name, bar, fallback = match.group(1).partition("|")
        found.append((name.strip(), fallback.strip() if bar else None))
    return found


def variables_of(content: str) -> list[str]:
    """The variables a content uses, in order of first use."""
    return list(dict.fromkeys(name for name, _ in _placeholders(content)))


def _check_shortcut(value: str) -> str:
    if any(ch.isspace() for ch in value) or _CONTROL.search(value):
        raise ValueError("a shortcut is one word: no spaces or control characters")
    return value.lower()


def _check_title(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("a title is one line without control characters")
    return value


def _check_content(value: str) -> str:
    if _CONTENT_CONTROL.search(value):
        raise ValueError("control characters other than tab and line breaks are not allowed")
    unknown = sorted({name for name, _ in _placeholders(value) if name not in VARIABLES})
    if unknown:
        raise ValueError(
            f"unknown variable(s) {', '.join('{{' + n + '}}' for n in unknown)}; "
            f"known: {', '.join(VARIABLES)}"
        )
    return value


class QuickReplyCreate(Input):
    shortcut: str = Field(min_length=1, max_length=64, description="One word, typed after '/' in the composer; "
                                                                   "stored in lower case")
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=1, max_length=MAX_CONTENT,
                         description="Text with variables such as {{contact.name}} or {{contact.first_name|there}}")
    shared: bool = Field(False, description="Visible to the whole organization (needs quick_replies.manage_shared)")

    _shortcut = field_validator("shortcut")(classmethod(lambda cls, v: _check_shortcut(v)))
    _title = field_validator("title")(classmethod(lambda cls, v: _check_title(v)))
    _content = field_validator("content")(classmethod(lambda cls, v: _check_content(v)))


class QuickReplyUpdate(Input):
    shortcut: str | None = Field(None, min_length=1, max_length=64)
    title: str | None = Field(None, min_length=1, max_length=200)
    content: str | None = Field(None, min_length=1, max_length=MAX_CONTENT)
    shared: bool | None = Field(None, description="Move between shared and the caller's personal replies")

    _shortcut = field_validator("shortcut")(classmethod(lambda cls, v: None if v is None else _check_shortcut(v)))
    _title = field_validator("title")(classmethod(lambda cls, v: None if v is None else _check_title(v)))
    _content = field_validator("content")(classmethod(lambda cls, v: None if v is None else _check_content(v)))


class QuickReplyScope(StrEnum):
    all = "all"
    shared = "shared"
    personal = "personal"


class QuickReplySort(StrEnum):
    suggested = "suggested"  # the caller's favorites, then most used, then shortcut
    usage = "usage"
    shortcut = "shortcut"
    recent = "recent"  # last changed first


class QuickReplyFilter(PageParams):
    q: str | None = Field(None, max_length=200, description="Search in shortcut, title and content")
    scope: QuickReplyScope = QuickReplyScope.all
    favorites: bool = Field(False, description="Only the caller's favorites")
    sort: QuickReplySort = QuickReplySort.suggested


class QuickReplyExportParams(Input):
    model_config = ConfigDict(extra="ignore")  # query strings carry extras (cache busters): ignore them
    q: str | None = Field(None, max_length=200, description="Search in shortcut, title and content")
    scope: QuickReplyScope = QuickReplyScope.all


# ---------------------------------------------------------------- visibility and permissions

def _visible(ctx: Ctx) -> QuerySet[QuickReply]:
    ctx.require("quick_replies.read")
    qs = scoped(ctx, QuickReply)
    if ctx.agent_id is None:  # the system (jobs) owns no personal replies
        return qs.filter(owner_id=None)
    return qs.filter(Q(owner_id=None) | Q(owner_id=ctx.agent_id))


async def _get_visible(ctx: Ctx, quick_reply_id: UUID | str) -> QuickReply:
    ctx.require("quick_replies.read")
    row = await get_scoped(ctx, QuickReply, quick_reply_id, what="quick reply")
    if row.owner_id is not None and row.owner_id != ctx.agent_id:  # someone else's personal reply
        raise NotFound("quick reply not found")
    return row


def _require_manage(ctx: Ctx, shared: bool) -> None:
    if shared:
        ctx.require("quick_replies.manage_shared")
        return
    ctx.require("quick_replies.manage")
    if ctx.agent_id is None:
        raise ValidationFailed.field("shared", "only an agent can own a personal quick reply")


def _scope_of(ctx: Ctx, shared: bool) -> str:
    return SHARED_SCOPE if shared else str(ctx.agent_id)


def _search(qs: QuerySet[QuickReply], q: str | None) -> QuerySet[QuickReply]:
    if not q:
        return qs
    return qs.filter(Q(shortcut__icontains=q) | Q(title__icontains=q) | Q(content__icontains=q))


def _in_scope(qs: QuerySet[QuickReply], scope: QuickReplyScope) -> QuerySet[QuickReply]:
    if scope == QuickReplyScope.shared:
        return qs.filter(owner_id=None)
    if scope == QuickReplyScope.personal:
        return qs.filter(owner_id__isnull=False)
    return qs


async def _favorite_ids(ctx: Ctx) -> set[UUID]:
    if ctx.agent_id is None:
        return set()
    ids = await scoped(ctx, QuickReplyFavorite).filter(agent_id=ctx.agent_id).values_list("quick_reply_id", flat=True)
    return {i if isinstance(i, UUID) else UUID(str(i)) for i in ids}


async def _with_favorite(ctx: Ctx, row: QuickReply) -> QuickReply:
    row.is_favorite = ctx.agent_id is not None and await scoped(ctx, QuickReplyFavorite).filter(
        agent_id=ctx.agent_id, quick_reply_id=row.id).exists()
    return row


async def _ensure_shortcut_free(ctx: Ctx, scope: str, shortcut: str, except_id: UUID | None = None) -> None:
    qs = scoped(ctx, QuickReply).filter(scope=scope, shortcut=shortcut)
    if except_id is not None:
        qs = qs.exclude(id=except_id)
    if await qs.exists():
        raise _taken(scope, shortcut)


def _taken(scope: str, shortcut: str) -> Conflict:
    kind = "shared" if scope == SHARED_SCOPE else "personal"
    return Conflict(f"A {kind} quick reply with the shortcut {shortcut!r} already exists",
                    details=[{"field": "shortcut", "message": "already taken in this scope"}])


def _record(ctx: Ctx, event: str, row: QuickReply, **extra: Any) -> None:
    # Every tenant member's subscription hears events: ids only, no personal reply's text.
    ctx.record(event, {"quick_reply_id": str(row.id), "shared": row.shared,
                       "owner_id": str(row.owner_id) if row.owner_id else None, **extra})


# ---------------------------------------------------------------- reads

async def list_quick_replies(ctx: Ctx, params: QuickReplyFilter | dict | None = None) -> Page[QuickReply]:
    qs = _visible(ctx)
    params = parse(QuickReplyFilter, params or {})
    qs = _in_scope(_search(qs, params.q), params.scope)
    favorites = await _favorite_ids(ctx)
    if params.favorites:
        if not favorites:
            return Page([], 0, params.page, params.per_page)
        qs = qs.filter(id__in=list(favorites))
    if params.sort == QuickReplySort.suggested:
        if favorites:
            # Literal SQL integers: bound parameters in a CASE are untyped, and PostgreSQL then
            # takes them for text (asyncpg refuses the ints).
            qs = qs.annotate(favorite_rank=Case(When(id__in=list(favorites), then=RawSQL("1")), default=RawSQL("0")))
            qs = qs.order_by("-favorite_rank", "-usage_count", "shortcut", "id")
        else:
            qs = qs.order_by("-usage_count", "shortcut", "id")
    elif params.sort == QuickReplySort.usage:
        qs = qs.order_by("-usage_count", "shortcut", "id")
    elif params.sort == QuickReplySort.shortcut:
        qs = qs.order_by("shortcut", "scope", "id")
    else:
        qs = qs.order_by("-updated_at", "id")
    page = await paginate(qs, params)
    for row in page.items:
        row.is_favorite = row.id in favorites
    return page


async def get_quick_reply(ctx: Ctx, quick_reply_id: UUID | str) -> QuickReply:
    return await _with_favorite(ctx, await _get_visible(ctx, quick_reply_id))


def list_variables() -> dict[str, str]:
    return dict(VARIABLES)


def _first_word(value: str | None) -> str | None:
    return value.split()[0] if value and value.split() else None


def render_content(content: str, values: dict[str, str | None]) -> str:
    """Fill the placeholders: a variable with no value takes its fallback, or becomes empty."""

    def fill(match: re.Match[str]) -> str:
        name, bar, fallback = match.group(1).partition("|")
        value = values.get(name.strip())
        return value if value else (fallback.strip() if bar else "")

    return _PLACEHOLDER.sub(fill, content)


async def render_quick_reply(ctx: Ctx, quick_reply_id: UUID | str, conversation_id: UUID | str) -> str:
    """The reply's content with its variables filled in for this conversation and the caller."""
    row = await _get_visible(ctx, quick_reply_id)
    conversation = await get_visible_conversation(ctx, conversation_id)
    await conversation.fetch_related("contact")
    contact = conversation.contact
    agent = await scoped(ctx, Agent).filter(id=ctx.agent_id).first() if ctx.agent_id else None
    tenant = await Tenant.filter(id=ctx.require_tenant()).first()
    values = {
        "contact.name": contact.name,
        "contact.first_name": _first_word(contact.name),
        "contact.phone": contact.phone,
        "contact.email": contact.email,
        "agent.name": agent.name if agent else None,
        "agent.first_name": _first_word(agent.name) if agent else None,
        "agent.email": agent.email if agent else None,
        "conversation.id": str(conversation.id),
        "conversation.channel": conversation.channel,
        "organization.name": tenant.name if tenant else None,
    }
    return render_content(row.content, values)


# ---------------------------------------------------------------- changes

@transactional
async def create_quick_reply(ctx: Ctx, data: QuickReplyCreate | dict) -> QuickReply:
    if not ctx.can("quick_replies.manage_shared"):
        ctx.require("quick_replies.manage")
    data = parse(QuickReplyCreate, data)
    _require_manage(ctx, data.shared)
    scope = _scope_of(ctx, data.shared)
    await _ensure_shortcut_free(ctx, scope, data.shortcut)
    try:
        row = await new_scoped(ctx, QuickReply, owner_id=None if data.shared else ctx.agent_id,
                               created_by_id=ctx.agent_id, scope=scope, shortcut=data.shortcut, title=data.title,
                               content=data.content)
    except IntegrityError:  # a concurrent create took the shortcut between the check and the insert
        raise _taken(scope, data.shortcut) from None
    row.is_favorite = False
    _record(ctx, "quick_reply.created", row)
    return row


@transactional
async def update_quick_reply(ctx: Ctx, quick_reply_id: UUID | str, data: QuickReplyUpdate | dict) -> QuickReply:
    ctx.require("quick_replies.read")
    data = parse(QuickReplyUpdate, data)
    row = await _get_visible(ctx, quick_reply_id)
    _require_manage(ctx, row.shared)
    changed: list[str] = []
    if data.shared is not None and data.shared != row.shared:
        _require_manage(ctx, data.shared)
        if data.shared:
            row.owner_id = None
        else:
            row.owner_id = ctx.agent_id
            # Others' stars on it would point at a reply they can no longer see.
            await scoped(ctx, QuickReplyFavorite).filter(quick_reply_id=row.id).exclude(agent_id=ctx.agent_id).delete()
        row.scope = _scope_of(ctx, data.shared)
        changed += ["owner_id", "scope"]
    for name in ("shortcut", "title", "content"):
        value = getattr(data, name)
        if value is not None and value != getattr(row, name):
            setattr(row, name, value)
            changed.append(name)
    if not changed:
        return await _with_favorite(ctx, row)
    if "shortcut" in changed or "scope" in changed:
        await _ensure_shortcut_free(ctx, row.scope, row.shortcut, except_id=row.id)
    try:
        await row.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise _taken(row.scope, row.shortcut) from None
    _record(ctx, "quick_reply.updated", row, changed=[c.removesuffix("_id") for c in changed if c != "scope"])
    return await _with_favorite(ctx, row)


@transactional
async def delete_quick_reply(ctx: Ctx, quick_reply_id: UUID | str) -> dict[str, str]:
    ctx.require("quick_replies.read")
    row = await _get_visible(ctx, quick_reply_id)
    _require_manage(ctx, row.shared)
    await row.delete()  # favorites go with it (ON DELETE CASCADE)
    _record(ctx, "quick_reply.deleted", row)
    return {"message": "Quick reply deleted", "quick_reply_id": str(row.id)}


@transactional
async def use_quick_reply(ctx: Ctx, quick_reply_id: UUID | str) -> QuickReply:
    """Count one use (tenant-wide). One UPDATE ... SET usage_count = usage_count + 1, so
    concurrent uses never lose a count."""
    row = await _get_visible(ctx, quick_reply_id)
    now = datetime.now(UTC)
    await scoped(ctx, QuickReply).filter(id=row.id).update(usage_count=F("usage_count") + 1, last_used_at=now)
    await row.refresh_from_db(fields=["usage_count", "last_used_at"])
    _record(ctx, "quick_reply.used", row, usage_count=row.usage_count)
    return await _with_favorite(ctx, row)


def _require_agent(ctx: Ctx) -> None:
    if ctx.agent_id is None:
        raise ValidationFailed("Only an agent has favorites")


@transactional
async def favorite_quick_reply(ctx: Ctx, quick_reply_id: UUID | str) -> QuickReply:
    row = await _get_visible(ctx, quick_reply_id)
    _require_agent(ctx)
    mine = scoped(ctx, QuickReplyFavorite).filter(agent_id=ctx.agent_id, quick_reply_id=row.id)
    if not await mine.exists():
        try:
            async with in_transaction():  # a savepoint: losing a double-click race must not abort the request
                await new_scoped(ctx, QuickReplyFavorite, agent_id=ctx.agent_id, quick_reply_id=row.id)
        except IntegrityError:
            pass  # the other click made it a favorite: the outcome asked for
        else:
            _record(ctx, "quick_reply.favorited", row, agent_id=str(ctx.agent_id))
    row.is_favorite = True
    return row


@transactional
async def unfavorite_quick_reply(ctx: Ctx, quick_reply_id: UUID | str) -> QuickReply:
    row = await _get_visible(ctx, quick_reply_id)
    _require_agent(ctx)
    removed = await scoped(ctx, QuickReplyFavorite).filter(agent_id=ctx.agent_id, quick_reply_id=row.id).delete()
    if removed:
        _record(ctx, "quick_reply.unfavorited", row, agent_id=str(ctx.agent_id))
    row.is_favorite = False
    return row


# ---------------------------------------------------------------- CSV

def neutralise_cell(value: str) -> str:
    """One leading single quote for a cell a spreadsheet would evaluate as a formula."""
    return "'" + value if _FORMULA.match(value) else value


def restore_cell(value: str) -> str:
    """The inverse of neutralise_cell on import."""
    return value[1:] if _NEUTRALISED.match(value) else value


def _csv_text(rows: list[QuickReply]) -> str:
    out = io.StringIO(newline="")
    out.write(",".join(CSV_COLUMNS) + "\r\n")  # plain header: every name is a safe token
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise_cell(row.shortcut), neutralise_cell(row.title), neutralise_cell(row.content),
                         "true" if row.shared else "false"])
    return out.getvalue()


async def export_quick_replies(ctx: Ctx, params: QuickReplyExportParams | dict | None = None) -> str:
    """The caller's visible quick replies (shared, then their personal ones) as CSV text."""
    qs = _visible(ctx)
    params = parse(QuickReplyExportParams, params or {})
    rows = await _in_scope(_search(qs, params.q), params.scope).order_by("shortcut", "id")
    return _csv_text(sorted(rows, key=lambda r: (not r.shared, r.shortcut)))


def _broken_file(message: str) -> ValidationFailed:
    return ValidationFailed(f"file: {message}", details=[{"field": "file", "message": message}])


def _read_csv(raw: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(row number, fields)]), or the whole file refused."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise DomainError(f"The file is larger than {MAX_IMPORT_BYTES} bytes", code=ErrorCode.PAYLOAD_TOO_LARGE)
    try:
        text = raw.decode("utf-8-sig")  # a spreadsheet's UTF-8 export may start with a BOM
    except UnicodeDecodeError as exc:
        raise _broken_file(f"not valid UTF-8 (byte {exc.start}); save the file as CSV UTF-8") from None
    if "\x00" in text:
        raise _broken_file("contains NUL bytes: not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        # The header first: a wrong delimiter or column is better reported as such than as the
        # quoting error it causes further down.
        header = [cell.strip().lower() for cell in next(reader, [])]
        if not any(header):
            raise _broken_file("empty file: the first row must be the header shortcut,title,content[,shared]")
        _check_header(header)
        records: list[tuple[int, list[str]]] = []
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue  # blank lines (and rows of empty cells) are no rows
            if len(records) == MAX_IMPORT_ROWS:
                raise DomainError(f"The file has more than {MAX_IMPORT_ROWS} rows", code=ErrorCode.PAYLOAD_TOO_LARGE)
            records.append((number, record))
    except csv.Error as exc:
        raise _broken_file(f"malformed CSV at line {reader.line_num}: {exc}") from None
    return header, records


def _check_header(header: list[str]) -> None:
    unknown = [c for c in header if c not in CSV_COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    problems = ([f"unknown column(s) {', '.join(map(repr, unknown))}"] if unknown else []) + \
               ([f"missing column(s) {', '.join(missing)}"] if missing else []) + \
               ([f"duplicated column(s) {', '.join(duplicated)}"] if duplicated else [])
    if problems:
        raise _broken_file(f"bad header ({'; '.join(problems)}); expected shortcut,title,content[,shared] "
                           "separated by commas")


_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}


@transactional
async def import_quick_replies(ctx: Ctx, upload: UploadedFile) -> dict[str, Any]:
    ctx.require("quick_replies.manage_shared")
    header, records = _read_csv(await upload.read())
    errors: list[dict[str, Any]] = []
    wanted: dict[tuple[str, str], tuple[int, QuickReplyCreate]] = {}
    for number, record in records:
        if len(record) != len(header):
            errors.append({"row": number, "message": f"expected {len(header)} fields, found {len(record)}"})
            continue
        values = {column: restore_cell(cell) for column, cell in zip(header, record, strict=True)}
        shared_text = values.pop("shared", "").strip().lower()
        if shared_text not in _TRUE | _FALSE:
            errors.append({"row": number, "message": f"shared: expected true or false, not {shared_text!r}"})
            continue
        try:
            data = parse(QuickReplyCreate, {**values, "shared": shared_text in _TRUE})
            _require_manage(ctx, data.shared)
        except DomainError as exc:
            errors.append({"row": number, "message": exc.message})
            continue
        key = (_scope_of(ctx, data.shared), data.shortcut)
        if key in wanted:
            errors.append({"row": number, "message": f"shortcut {data.shortcut!r} repeats row {wanted[key][0]}"})
            continue
        wanted[key] = (number, data)

    scopes = list({scope for scope, _ in wanted})
    existing = {(r.scope, r.shortcut): r for r in await scoped(ctx, QuickReply).filter(scope__in=scopes)} if scopes else {}
    created = updated = skipped = 0
    for key, (_, data) in wanted.items():
        row = existing.get(key)
        if row is None:
            try:
                await new_scoped(ctx, QuickReply, owner_id=None if data.shared else ctx.agent_id,
                                 created_by_id=ctx.agent_id, scope=key[0], shortcut=data.shortcut, title=data.title,
                                 content=data.content)
            except IntegrityError:  # created concurrently: refuse the whole import, it rolls back
                raise _taken(*key) from None
            created += 1
        elif (row.title, row.content) == (data.title, data.content):
            skipped += 1
        else:
            row.title, row.content = data.title, data.content
            await row.save(update_fields=["title", "content", "updated_at"])
            updated += 1
    # One event for the batch: thousands of rows must not mean thousands of outbox rows.
    ctx.record("quick_replies.imported", {"created": created, "updated": updated, "skipped": skipped,
                                          "errors": len(errors), "filename": (upload.filename or "")[:255] or None})
    return {"created": created, "updated": updated, "skipped": skipped, "errors": errors}
