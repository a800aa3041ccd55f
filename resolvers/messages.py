"""Messages: the inbox's content. Outbound: stored `queued`, sent by a job through the channel
connector, then `sent` (provider id) or `failed` (provider error); delivery and read receipts
arrive by webhook and never move a status backwards. Inbound: applied from stored webhooks,
once per provider message id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import AnyHttpUrl, Field, model_validator
from tortoise import Tortoise
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models.contacts import Contact
from models.conversations import Conversation
from models.integrations import IntegrationAccount
from models.messages import Message
from resolvers._context import Ctx
from resolvers._errors import ChannelDisabled, MessagingWindowClosed, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import COUNT_CAP, Page, PageParams, capped, page_of
from resolvers._reads import Columns
from resolvers._run import transactional
from resolvers._scope import ScopedSelect, new_scoped, scoped, scoped_raw, unscoped
from resolvers.channel_settings import channel_switches
from resolvers.conversations import bump_for_message, get_visible_conversation, record_change
from resolvers.media import MEDIA_CONTENT_KEYS, outbound_media_ref
from resolvers.templates import check_template_send

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
# Channels we can send on, and how long after the customer's last message free-form replies
# are allowed (None: no window, e.g. email). Outside it, only templates go out.
OUTBOUND_CHANNELS: dict[str, timedelta | None] = {"whatsapp": CUSTOMER_SERVICE_WINDOW}
# Messenger / Instagram: 24 h, or 7 days with the HUMAN_AGENT message tag when the account's
# `human_agent_tag` flag says the Meta app has that permission (the send then carries the tag).
OUTBOUND_CHANNELS.update(messenger=CUSTOMER_SERVICE_WINDOW, instagram=CUSTOMER_SERVICE_WINDOW)
HUMAN_AGENT_WINDOW = timedelta(days=7)
OUTBOUND_CHANNELS["email"] = None  # no window: a reply can go out any time
SEND_JOB = "send_message"
# Receipts only move forward; `failed` may replace queued/sent only.
STATUS_RANK = {"queued": 0, "sent": 1, "delivered": 2, "read": 3}
MEDIA_TYPES = ("image", "video", "audio", "document", "sticker")


class OutboundType(StrEnum):
    text = "text"
    template = "template"
    image = "image"
    video = "video"
    audio = "audio"
    document = "document"
    sticker = "sticker"


class TemplateSpec(Input):
    name: str = Field(min_length=1, max_length=512)
    language: str = Field(min_length=2, max_length=15, description="Language code, e.g. en_US")
    components: list[dict[str, Any]] = Field(default_factory=list, max_length=20)


class MediaSpec(Input):
    url: AnyHttpUrl | None = Field(None, description="Public URL the provider downloads")
    media_id: str | None = Field(None, min_length=1, max_length=255,
                                 description="An uploaded media file's id (POST /api/media/upload), or a provider media id")
    caption: str | None = Field(None, max_length=1024)
    filename: str | None = Field(None, max_length=255)

    @model_validator(mode="after")
    def _one_source(self) -> MediaSpec:
        if (self.url is None) == (self.media_id is None):
            raise ValueError("give exactly one of url or media_id")
        return self


class SendMessageInput(Input):
    type: OutboundType = OutboundType.text
    text: str | None = Field(None, min_length=1, max_length=4096)
    template: TemplateSpec | None = None
    media: MediaSpec | None = None
    reply_to_message_id: UUID | None = Field(None, description="Quote one of this conversation's messages")

    @model_validator(mode="after")
    def _shape(self) -> SendMessageInput:
        if self.type == OutboundType.text and not self.text:
            raise ValueError("a text message needs `text`")
        if self.type == OutboundType.template and self.template is None:
            raise ValueError("a template message needs `template`")
        if self.type.value in MEDIA_TYPES and self.media is None:
            raise ValueError(f"a {self.type.value} message needs `media`")
        return self


class MessageListParams(PageParams):
    before: datetime | None = Field(None, description="Only messages older than this (keyset paging)")


class SearchParams(PageParams):
    q: str = Field(min_length=1, max_length=200)


# ---------------------------------------------------------------- reads

MESSAGE_COLUMNS = Columns(Message, "m")
NEWEST_MESSAGES_FIRST = 'ORDER BY m."created_at" DESC, m."id" DESC'


def _conversation_messages(ctx: Ctx, conversation_id: UUID) -> tuple[ScopedSelect, str]:
    """A conversation's messages as the caller may see them: the visibility rule joins the
    statement instead of a look-up of its own. Returns the statement and its FROM ... WHERE."""
    q = ScopedSelect(ctx)
    tables = 'FROM "messages" m'
    where = f'm."tenant_id" = {{tenant}} AND m."conversation_id" = {q.param(conversation_id)}'
    if not ctx.can("conversations.read_all"):
        tables += ' JOIN "conversations" c ON c."id" = m."conversation_id"'
        agent = q.param(ctx.agent_id)
        where += f' AND (c."assigned_agent_id" = {agent} OR c."assigned_agent_id" IS NULL)'
    return q, f"{tables} WHERE {where}"


async def list_messages(ctx: Ctx, conversation_id: UUID | str, params: MessageListParams | dict | None = None
                        ) -> Page[Message]:
    """Newest first; `before` pages backwards through a long history on the
    (conversation_id, created_at) index without counting from the start.

    A page costs one statement (its total counted in it); the conversation is looked
    up alone only when the page is empty, to tell "not yours to see" (404) from "no messages"."""
    ctx.require("conversations.read")
    params = parse(MessageListParams, params or {})
    if not isinstance(conversation_id, UUID):
        try:
            conversation_id = UUID(str(conversation_id))
        except ValueError:
            await get_visible_conversation(ctx, conversation_id)  # the same 404 as any unknown id
    q, from_where = _conversation_messages(ctx, conversation_id)
    if params.before is None:
        rows, total = await q.page_rows(MESSAGE_COLUMNS.sql, from_where, NEWEST_MESSAGES_FIRST, params)
        page = await page_of(MESSAGE_COLUMNS.instances(q, rows), params, total)
    else:  # keyset: the total stays the conversation's, which this page cannot tell
        older, older_from_where = _conversation_messages(ctx, conversation_id)
        before = older.param(params.before)
        rows = await older.rows(f'SELECT {MESSAGE_COLUMNS.sql} {older_from_where} AND m."created_at" < {before} '
                                f"{NEWEST_MESSAGES_FIRST} LIMIT {params.per_page + 1}")
        page = Page(MESSAGE_COLUMNS.instances(older, rows[: params.per_page]),
                    await q.capped_count(from_where, NEWEST_MESSAGES_FIRST),
                    params.page, params.per_page, len(rows) > params.per_page)
    if not page.items:
        await get_visible_conversation(ctx, conversation_id)
    return page


# The match of a PostgreSQL search: the GIN index on the stored tsvector answers it (migrations/).
POSTGRES_SEARCH_MATCH = "m.search_vector @@ plainto_tsquery('simple', $1)"


# Search ranks the newest matches only, so a word in every tenth message of a million costs what
# it costs in ten thousand: relevance among the 1,000 most recent, which is what an inbox search
# is for (older history: a narrower query). Pages end there, as the count does (COUNT_CAP).
SEARCH_WINDOW = COUNT_CAP


def search_statements(dialect: str, restricted: bool, window: int = SEARCH_WINDOW) -> tuple[str, str, str | None]:
    """(page SQL, capped count SQL, per-transaction setup) of a message search; parameters: the
    query, then the agent when `restricted` to their own and unassigned conversations, then
    LIMIT/OFFSET (page) or LIMIT (count). `{tenant}` is bound by scoped_raw."""
    if dialect == "postgres":
        visible = "AND (c.assigned_agent_id = $2 OR c.assigned_agent_id IS NULL)" if restricted else ""
        base = ("FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                f"WHERE {POSTGRES_SEARCH_MATCH} AND m.tenant_id = {{tenant}} {visible}")
        n = 2 if restricted else 1
        newest = f"SELECT m.id, m.search_vector, m.created_at {base} ORDER BY m.created_at DESC LIMIT {int(window)}"
        page_sql = (f"SELECT id, ts_rank(search_vector, plainto_tsquery('simple', $1)) AS rank FROM ({newest}) AS newest "
                    f"ORDER BY rank DESC, created_at DESC LIMIT ${n + 1} OFFSET ${n + 2}")
        count_sql = f"SELECT count(*) AS n FROM (SELECT 1 {base} LIMIT ${n + 1}) AS capped"
        # Plan each search for its own words: a generic plan (a prepared statement's, after
        # five runs) cannot tell a word in every message from one in five - newest first on
        # (tenant_id, created_at) suits the one, the GIN index the other.
        return page_sql, count_sql, "SET LOCAL plan_cache_mode = force_custom_plan"
    visible = "AND (c.assigned_agent_id = ? OR c.assigned_agent_id IS NULL)" if restricted else ""
    base = ("FROM messages_fts f JOIN messages m ON m.rowid = f.rowid "
            "JOIN conversations c ON c.id = m.conversation_id "
            f"WHERE messages_fts MATCH ? AND m.tenant_id = {{tenant}} {visible}")
    newest = f"SELECT m.id, bm25(messages_fts) AS rank, m.created_at {base} ORDER BY m.created_at DESC LIMIT {int(window)}"
    return (f"SELECT id FROM ({newest}) AS newest ORDER BY rank, created_at DESC LIMIT ? OFFSET ?",
            f"SELECT count(*) AS n FROM (SELECT 1 {base} LIMIT ?) AS capped", None)


async def search_messages(ctx: Ctx, params: SearchParams | dict) -> Page[Message]:
    """Full-text search over the caller's visible conversations, best match first: PostgreSQL
    full-text search on a stored tsvector with a GIN index, SQLite FTS5 on the embedded
    default. The total is counted only when the page cannot tell it, up to COUNT_CAP
    (resolvers/_pagination.py)."""
    ctx.require("conversations.read")
    params = parse(SearchParams, params)
    restricted = not ctx.can("conversations.read_all")
    connection = Tortoise.get_connection("default")
    page_sql, count_sql, setup = search_statements(connection.capabilities.dialect, restricted)
    if connection.capabilities.dialect == "postgres":
        args: list[Any] = [params.q] + ([ctx.agent_id] if restricted else [])
    else:
        terms = [t for t in params.q.replace('"', " ").split() if t]
        args = [" ".join(f'"{t}"' for t in terms) or '""'] + ([str(ctx.agent_id)] if restricted else [])
    async with in_transaction() as transaction:
        if setup:
            await transaction.execute_script(setup)
        rows = await scoped_raw(ctx, page_sql, [*args, params.per_page + 1, params.offset])

        async def count() -> int | None:
            return capped(int((await scoped_raw(ctx, count_sql, [*args, COUNT_CAP + 1]))[0]["n"]))

        page = await page_of([UUID(str(r["id"])) for r in rows], params, count)
    found = {m.id: m for m in await scoped(ctx, Message).filter(id__in=page.items)} if page.items else {}
    page.items = [found[i] for i in page.items if i in found]
    return page


# ---------------------------------------------------------------- outbound

def message_snapshot(message: Message) -> dict[str, Any]:
    """What live subscribers and listeners get with message events (small; no content blobs)."""
    return {
        "message_id": str(message.id),
        "conversation_id": str(message.conversation_id),
        "direction": message.direction,
        "type": message.type,
        "text": (message.text or "")[:500] or None,
        "status": message.status,
        "sender_agent_id": str(message.sender_agent_id) if message.sender_agent_id else None,
        "created_at": message.created_at.isoformat(),
        # Listeners (inbound media fetch) skip the look-up for the many messages without media.
        "has_media": bool(MEDIA_CONTENT_KEYS & set(message.content or {})),
    }


def _window_open(conversation: Conversation, now: datetime) -> bool:
    window = OUTBOUND_CHANNELS[conversation.channel]
    if window is None:
        return True
    return conversation.last_inbound_at is not None and now - conversation.last_inbound_at <= window


@transactional
async def send_message(ctx: Ctx, conversation_id: UUID | str, data: SendMessageInput | dict) -> Message:
    ctx.require("messages.send")
    data = parse(SendMessageInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    if conversation.channel not in OUTBOUND_CHANNELS:
        raise ValidationFailed(f"Sending on the {conversation.channel} channel is not available yet")
    if not (await channel_switches(ctx, conversation.channel)).enabled:
        # Checked before anything is written: a refused send leaves no message and no job.
        raise ChannelDisabled(details={"channel": conversation.channel})
    now = datetime.now(UTC)
    messaging_tag = None
    if data.type != OutboundType.template and not _window_open(conversation, now):
        messaging_tag = await _human_agent_tag(ctx, conversation, now)
    if data.type != OutboundType.template and not _window_open(conversation, now) and messaging_tag is None:
        # E.g. WhatsApp only lets templates through once 24 h have passed since the customer wrote.
        raise MessagingWindowClosed(details={"last_inbound_at": conversation.last_inbound_at.isoformat()
                                             if conversation.last_inbound_at else None})
    content: dict[str, Any] = {}
    text = data.text
    if data.template is not None and data.type == OutboundType.template:
        # Checked against the stored template when there is one (resolvers/templates.py).
        data.template.components = await check_template_send(ctx, data.template.name, data.template.language,
                                                              data.template.components)
        content["template"] = data.template.model_dump()
        text = text or f"[template: {data.template.name}]"
    if data.media is not None and data.type.value in MEDIA_TYPES:
        media = data.media.model_dump(exclude_none=True, mode="json")
        if "url" in media:
            media["link"] = media.pop("url")
        if "media_id" in media:
            # A uuid names one of our uploaded files (its bytes travel with the send); else a provider id.
            ours = await outbound_media_ref(ctx, data.type.value, media.pop("media_id"))
            if ours is None:
                media["id"] = data.media.media_id
            else:
                media["media_file"] = ours
                media.setdefault("filename", ours["filename"])
        content.update(media)
        text = text or data.media.caption
    if data.reply_to_message_id is not None:
        quoted = await scoped(ctx, Message).filter(id=data.reply_to_message_id, conversation_id=conversation.id).first()
        if quoted is None or not quoted.provider_message_id:
            raise ValidationFailed.field("reply_to_message_id", "no such delivered message in this conversation")
        content["context_message_id"] = quoted.provider_message_id
    if messaging_tag is not None:
        content["messaging_tag"] = messaging_tag
    message = await new_scoped(
        ctx, Message, conversation_id=conversation.id, direction="outbound", type=data.type.value, text=text,
        content=content, status="queued", sender_agent_id=ctx.agent_id, created_at=now,
    )
    await bump_for_message(ctx, conversation, at=now, inbound=False, preview=text)
    ctx.record("message.created", message_snapshot(message), conversation_id=conversation.id,
               assigned_agent_id=conversation.assigned_agent_id)
    ctx.defer_job(SEND_JOB, str(message.id), job_id=f"send:{message.id}")
    return message


async def _human_agent_tag(ctx: Ctx, conversation: Conversation, now: datetime) -> str | None:
    """"HUMAN_AGENT" when a Messenger / Instagram reply past 24 h may still go out under that tag."""
    if conversation.channel not in ("messenger", "instagram") or conversation.last_inbound_at is None:
        return None
    if now - conversation.last_inbound_at > HUMAN_AGENT_WINDOW or conversation.integration_account_id is None:
        return None
    account = await scoped(ctx, IntegrationAccount).filter(id=conversation.integration_account_id).first()
    return "HUMAN_AGENT" if account is not None and (account.config or {}).get("human_agent_tag") else None


@dataclass(slots=True)
class OutboundSend:
    """Everything the send job needs to call the provider."""

    message_id: UUID
    tenant_id: UUID
    channel: str
    account_external_id: str
    access_token: str
    to: str
    type: str
    text: str | None
    content: dict[str, Any]


CLAIM_TIMEOUT = timedelta(minutes=5)


async def claim_outbound(message_id: UUID | str) -> OutboundSend | None:
    """Take the send lock of a queued message; None when it is not (or no longer) ours to send.
    A duplicate job, or a second worker, finds the lock taken and does nothing."""
    from resolvers.integrations import account_secrets, default_account

    now = datetime.now(UTC)
    stale = now - CLAIM_TIMEOUT
    message = await unscoped(Message).filter(id=message_id).first()
    if message is None or message.status != "queued":
        return None
    ctx = Ctx.system(message.tenant_id)
    # A claim older than CLAIM_TIMEOUT belongs to a worker that died mid-send.
    claimed = await scoped(ctx, Message).filter(id=message.id, status="queued").filter(
        Q(claimed_at=None) | Q(claimed_at__lt=stale)).update(claimed_at=now)
    if not claimed:
        return None
    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).select_related("contact").first()
    account = None
    if conversation.integration_account_id is not None:
        account = await scoped(ctx, IntegrationAccount).filter(id=conversation.integration_account_id).first()
    if account is None:
        account = await default_account(ctx, conversation.channel)
    if account is None:
        await mark_outbound_failed(message.id, code="NO_ACCOUNT", message="No integration account for this channel")
        return None
    return OutboundSend(
        message_id=message.id, tenant_id=message.tenant_id, channel=conversation.channel,
        account_external_id=account.external_id, access_token=account_secrets(account).get("access_token", ""),
        to=conversation.contact.external_id, type=message.type, text=message.text, content=message.content or {},
    )


async def release_outbound(message_id: UUID | str) -> None:
    """Give the lock back before a retry, so the next try can claim it."""
    await unscoped(Message).filter(id=message_id, status="queued").update(claimed_at=None)


@transactional
async def _record_outbound_status(ctx: Ctx, message: Message, updates: dict[str, Any], allowed_from: list[str]) -> bool:
    changed = await scoped(ctx, Message).filter(id=message.id, status__in=allowed_from).update(**updates)
    if not changed:
        return False
    await message.refresh_from_db()
    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).first()
    payload = message_snapshot(message)
    if message.error:
        payload["error"] = message.error
    ctx.record("message.status_changed", payload, conversation_id=message.conversation_id,
               assigned_agent_id=conversation.assigned_agent_id if conversation else None)
    return True


async def mark_outbound_sent(message_id: UUID | str, provider_message_id: str) -> bool:
    message = await unscoped(Message).filter(id=message_id).first()
    if message is None:
        return False
    return await _record_outbound_status(
        Ctx.system(message.tenant_id), message,
        {"status": "sent", "provider_message_id": provider_message_id, "sent_at": datetime.now(UTC), "claimed_at": None},
        ["queued"],
    )


async def mark_outbound_failed(message_id: UUID | str, *, code: Any, message: str, details: Any = None) -> bool:
    row = await unscoped(Message).filter(id=message_id).first()
    if row is None:
        return False
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return await _record_outbound_status(
        Ctx.system(row.tenant_id), row,
        {"status": "failed", "error": error, "failed_at": datetime.now(UTC), "claimed_at": None},
        ["queued", "sent"],
    )


async def stale_outbound_ids(older_than: timedelta = timedelta(minutes=1), limit: int = 500) -> list[UUID]:
    """Queued messages nobody is sending (their job was lost): the sweep re-enqueues them."""
    cutoff = datetime.now(UTC) - older_than
    rows = await unscoped(Message).filter(status="queued", direction="outbound", created_at__lt=cutoff).filter(
        claimed_at=None).limit(limit).values_list("id", flat=True)
    return list(rows)


# ---------------------------------------------------------------- inbound

@transactional
async def receive_inbound(ctx: Ctx, account: IntegrationAccount, item: Any) -> Message | None:
    """Apply one normalised inbound message (connectors.meta.InboundMessage): contact upsert,
    conversation join-or-open, message insert. None when it was already applied."""
    if await scoped(ctx, Message).filter(provider_message_id=item.provider_message_id).exists():
        return None  # also the Messenger / Instagram echo of a message we sent (same mid)
    # An echo: a message the page itself sent (e.g. from the Meta Business Suite), stored as outbound.
    echo = bool((item.content or {}).get("is_echo"))
    # WhatsApp items name the sender `wa_id`; other channels' items `external_id` (email: the address).
    sender_id = getattr(item, "external_id", None) or item.wa_id
    at = item.timestamp
    contact = await scoped(ctx, Contact).filter(channel=account.channel, external_id=sender_id).first()
    # A contact created here has no conversation yet, and its INSERT already holds what the UPDATE
    # below is for: a new customer's first message costs two statements less.
    new_contact = contact is None
    if contact is None:
        contact = await new_scoped(ctx, Contact, channel=account.channel, external_id=sender_id,
                                   name=item.profile_name,
                                   phone=f"+{sender_id.lstrip('+')}" if account.channel == "whatsapp" else None,
                                   email=sender_id if account.channel == "email" else None,
                                   last_inbound_at=None if echo else at)
        ctx.record("contact.created", {"contact_id": str(contact.id), "channel": contact.channel})
    elif item.profile_name and not contact.name:
        contact.name = item.profile_name
        await contact.save(update_fields=["name", "updated_at"])
    # This UPDATE also row-locks the contact until commit (PostgreSQL), so two messages of one
    # customer applied at once queue here and the second finds the conversation the first opened.
    if not echo and not new_contact:
        await scoped(ctx, Contact).filter(id=contact.id).update(last_inbound_at=max(at, contact.last_inbound_at or at))

    conversation = None
    if not new_contact and getattr(item, "references", None):
        # Email: In-Reply-To/References name earlier messages; their (still open) conversation is the thread.
        earlier = await scoped(ctx, Message).filter(provider_message_id__in=item.references).order_by(
            "-created_at").first()
        if earlier is not None:
            conversation = await scoped(ctx, Conversation).filter(
                id=earlier.conversation_id, contact_id=contact.id, status__in=["open", "pending"]).first()
    if conversation is None and not new_contact:
        conversation = await (scoped(ctx, Conversation).filter(contact_id=contact.id, status__in=["open", "pending"])
                              .order_by("-last_message_at").first())
    if conversation is None:
        conversation = await new_scoped(ctx, Conversation, contact_id=contact.id, integration_account_id=account.id,
                                        channel=account.channel, status="open", last_message_at=at,
                                        last_inbound_at=None if echo else at)
        record_change(ctx, "conversation.created", conversation, contact_id=str(contact.id))
    elif conversation.status == "pending" and not echo:
        conversation.status = "open"  # the customer wrote back
        # Saved here: bump_for_message only reopens what it still sees as pending, and it no longer does.
        await conversation.save(update_fields=["status", "updated_at"])
        record_change(ctx, "conversation.updated", conversation, changed=["status"], previous_status="pending")

    if echo and await scoped(ctx, Message).filter(conversation_id=conversation.id, direction="outbound",
                                                  status="queued").exclude(claimed_at=None).exists():
        # Our own send is in flight and will record this mid itself: storing the echo now would
        # make that record collide (unique mid) and the send be retried, i.e. sent twice.
        return None
    message = await new_scoped(
        ctx, Message, conversation_id=conversation.id, direction="outbound" if echo else "inbound", type=item.type,
        text=item.text, content=item.content, status="sent" if echo else "received",
        provider_message_id=item.provider_message_id, context_message_id=item.context_message_id, created_at=at,
        sent_at=at if echo else None,
    )
    await bump_for_message(ctx, conversation, at=at, inbound=not echo, preview=item.text or f"[{item.type}]")
    ctx.record("message.created", message_snapshot(message), conversation_id=conversation.id,
               assigned_agent_id=conversation.assigned_agent_id)
    return message


async def apply_status(ctx: Ctx, item: Any) -> bool:
    """Apply a delivery receipt (connectors.meta.InboundStatus). Idempotent and monotonic."""
    message = await scoped(ctx, Message).filter(provider_message_id=item.provider_message_id,
                                                direction="outbound").first()
    if message is None:
        return False
    if item.status == "failed":
        error = {"code": item.error_code, "message": item.error_title or item.error_message or "failed"}
        if item.error_details or item.error_message:
            error["details"] = item.error_details or item.error_message
        return await _record_outbound_status(ctx, message, {"status": "failed", "error": error,
                                                            "failed_at": item.timestamp}, ["queued", "sent"])
    rank = STATUS_RANK.get(item.status)
    if rank is None:  # e.g. "played" for voice notes: nothing to move
        return False
    lower = [s for s, r in STATUS_RANK.items() if r < rank]
    stamp = {"sent": "sent_at", "delivered": "delivered_at", "read": "read_at"}[item.status]
    return await _record_outbound_status(ctx, message, {"status": item.status, stamp: item.timestamp}, lower)



@transactional
async def mark_inbound_deleted(ctx: Ctx, account: IntegrationAccount, user_id: str, provider_message_id: str,
                               at: datetime) -> bool:
    """The customer unsent a message (Messenger / Instagram `is_deleted`): drop its content, keep
    a `deleted` marker. Only the sender's own inbound message; applying it twice changes nothing."""
    message = await scoped(ctx, Message).filter(provider_message_id=provider_message_id, direction="inbound").first()
    if message is None or (message.content or {}).get("deleted"):
        return False
    contact = await scoped(ctx, Contact).filter(channel=account.channel, external_id=user_id).first()
    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).first()
    if contact is None or conversation is None or conversation.contact_id != contact.id:
        return False
    message.text = None
    message.content = {"deleted": True, "deleted_at": at.isoformat()}
    await message.save(update_fields=["text", "content"])
    payload = message_snapshot(message)
    payload["deleted"] = True
    ctx.record("message.status_changed", payload, conversation_id=conversation.id,
               assigned_agent_id=conversation.assigned_agent_id)
    return True


async def outbound_ids_up_to(ctx: Ctx, account: IntegrationAccount, user_id: str, watermark: datetime) -> list[str]:
    """Provider ids of messages sent to this customer up to a Messenger read/delivery watermark."""
    contact = await scoped(ctx, Contact).filter(channel=account.channel, external_id=user_id).first()
    if contact is None:
        return []
    conversation_ids = await scoped(ctx, Conversation).filter(contact_id=contact.id).values_list("id", flat=True)
    rows = await scoped(ctx, Message).filter(
        conversation_id__in=list(conversation_ids), direction="outbound", status__in=["sent", "delivered"],
        created_at__lte=watermark).exclude(provider_message_id=None).values_list("provider_message_id", flat=True)
    return [r for r in rows if r]
