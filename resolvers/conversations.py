"""Conversations: the shared inbox. Agents see their own and unassigned conversations;
holders of conversations.read_all (supervisors, admins) see every one. Another agent's
conversation is 'not found' to an agent, exactly like another tenant's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import Field, field_validator, model_validator
from tortoise.expressions import Case, F, Q, When
from tortoise.queryset import QuerySet

from models.agents import Agent
from models.contacts import Contact
from models.conversations import Conversation
from resolvers import divisions
from resolvers._context import Ctx
from resolvers._errors import NotFound, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, page_of
from resolvers._reads import Columns
from resolvers._run import transactional
from resolvers._scope import ScopedSelect, get_scoped, scoped

STALE_AFTER = timedelta(hours=24)
MAX_TAGS = 50


class ConversationStatus(StrEnum):
    open = "open"
    pending = "pending"
    resolved = "resolved"
    expired = "expired"


class ConversationFilter(PageParams):
    status: ConversationStatus | None = None
    assigned_agent_id: UUID | None = None


class AssignInput(Input):
    agent_id: UUID | None = Field(description="The agent to assign; null unassigns")


class StatusInput(Input):
    status: ConversationStatus


def _clean_tags(tags: list[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if not tag:
            raise ValueError("tags must not be empty")
        if len(tag) > 64:
            raise ValueError("a tag is at most 64 characters")
        if tag not in cleaned:
            cleaned.append(tag)
    return cleaned


class TagsInput(Input):
    tags: list[str] = Field(max_length=MAX_TAGS)

    _clean = field_validator("tags")(classmethod(lambda cls, v: _clean_tags(v)))


class BulkActionType(StrEnum):
    resolve = "resolve"
    reopen = "reopen"
    assign = "assign"
    add_tags = "add_tags"
    remove_tags = "remove_tags"


class BulkAction(Input):
    type: BulkActionType
    agent_id: UUID | None = None
    tags: list[str] | None = Field(None, max_length=MAX_TAGS)

    _clean = field_validator("tags")(classmethod(lambda cls, v: None if v is None else _clean_tags(v)))

    @model_validator(mode="after")
    def _needs(self) -> BulkAction:
        if self.type in (BulkActionType.add_tags, BulkActionType.remove_tags) and not self.tags:
            raise ValueError(f"{self.type.value} needs a non-empty tags list")
        return self


class BulkInput(Input):
    conversation_ids: list[UUID] = Field(min_length=1, max_length=100)
    action: BulkAction


# ---------------------------------------------------------------- visibility

def visible_conversations(ctx: Ctx) -> QuerySet[Conversation]:
    ctx.require("conversations.read")
    qs = scoped(ctx, Conversation)
    if not ctx.can("conversations.read_all"):
        qs = qs.filter(Q(assigned_agent_id=ctx.agent_id) | Q(assigned_agent_id=None))
    return qs


async def get_visible_conversation(ctx: Ctx, conversation_id: UUID | str) -> Conversation:
    ctx.require("conversations.read")
    conversation = await get_scoped(ctx, Conversation, conversation_id, what="conversation")
    if not ctx.can("conversations.read_all") and conversation.assigned_agent_id not in (None, ctx.agent_id):
        raise NotFound("conversation not found")
    return conversation


def record_change(ctx: Ctx, event: str, conversation: Conversation, **payload: Any) -> None:
    """Conversation events carry the assignee so live delivery can filter without a query."""
    ctx.record(
        event,
        {"conversation_id": str(conversation.id), "status": conversation.status,
         "assigned_agent_id": str(conversation.assigned_agent_id) if conversation.assigned_agent_id else None,
         **payload},
        conversation_id=conversation.id,
        assigned_agent_id=conversation.assigned_agent_id,
    )


# ---------------------------------------------------------------- reads

CONVERSATION_COLUMNS = Columns(Conversation, "c")
CONTACT_COLUMNS = Columns(Contact, "k", prefix="k_")


async def list_conversations(ctx: Ctx, params: ConversationFilter | dict | None = None) -> Page[Conversation]:
    """Newest activity first, each with its contact, in one statement. The same visibility rule
    as visible_conversations, in SQL."""
    ctx.require("conversations.read")
    params = parse(ConversationFilter, params or {})
    q = ScopedSelect(ctx)
    where = 'c."tenant_id" = {tenant}'
    if not ctx.can("conversations.read_all"):
        agent = q.param(ctx.agent_id)
        where += f' AND (c."assigned_agent_id" = {agent} OR c."assigned_agent_id" IS NULL)'
    if params.status:
        where += f' AND c."status" = {q.param(params.status.value)}'
    if params.assigned_agent_id:
        where += f' AND c."assigned_agent_id" = {q.param(params.assigned_agent_id)}'
    rows, total = await q.page_rows(
        f"{CONVERSATION_COLUMNS.sql}, {CONTACT_COLUMNS.sql}",
        f'FROM "conversations" c LEFT OUTER JOIN "contacts" k ON k."id" = c."contact_id" WHERE {where}',
        'ORDER BY c."last_message_at" DESC, c."id" DESC', params)
    conversations = CONVERSATION_COLUMNS.instances(q, rows)
    for conversation, contact in zip(conversations, CONTACT_COLUMNS.instances(q, rows), strict=True):
        object.__setattr__(conversation, "_contact", contact)  # what select_related("contact") sets
    return await page_of(conversations, params, total)


async def get_conversation(ctx: Ctx, conversation_id: UUID | str) -> Conversation:
    conversation = await get_visible_conversation(ctx, conversation_id)
    await conversation.fetch_related("contact")
    return conversation


# ---------------------------------------------------------------- changes

async def _tenant_agent(ctx: Ctx, agent_id: UUID) -> Agent:
    agent = await scoped(ctx, Agent).filter(id=agent_id, deleted_at=None, account_status="active").first()
    if agent is None:
        raise ValidationFailed.field("agent_id", "no such active agent in this organization")
    return agent


@transactional
async def assign_conversation(ctx: Ctx, conversation_id: UUID | str, data: AssignInput | dict) -> dict[str, Any]:
    ctx.require("conversations.assign")
    data = parse(AssignInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    if data.agent_id is not None:
        await _tenant_agent(ctx, data.agent_id)
    previous = conversation.assigned_agent_id
    if previous != data.agent_id:
        conversation.assigned_agent_id = data.agent_id
        # It follows the agent into their division when that is clear (resolvers.divisions.follow_agent).
        moved = data.agent_id is not None and await divisions.follow_agent(ctx, conversation, data.agent_id)
        await conversation.save(update_fields=["assigned_agent_id", "division_id", "updated_at"])
        record_change(ctx, "conversation.assigned", conversation,
                      previous_agent_id=str(previous) if previous else None,
                      **({"division_id": str(conversation.division_id)} if moved else {}))
    return {
        "message": "Agent assigned" if data.agent_id else "Conversation unassigned",
        "conversation_id": str(conversation.id),
        "assigned_agent_id": str(data.agent_id) if data.agent_id else None,
    }


async def _set_status(ctx: Ctx, conversation: Conversation, status: str) -> bool:
    if conversation.status == status:
        return False
    previous = conversation.status
    conversation.status = status
    conversation.resolved_at = datetime.now(UTC) if status == "resolved" else None
    await conversation.save(update_fields=["status", "resolved_at", "updated_at"])
    record_change(ctx, "conversation.updated", conversation, changed=["status"], previous_status=previous)
    return True


@transactional
async def set_conversation_status(ctx: Ctx, conversation_id: UUID | str, data: StatusInput | dict) -> dict[str, Any]:
    ctx.require("conversations.update")
    data = parse(StatusInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    await _set_status(ctx, conversation, data.status.value)
    return {"message": "Status updated", "conversation_id": str(conversation.id), "status": conversation.status}


@transactional
async def mark_conversation_read(ctx: Ctx, conversation_id: UUID | str) -> dict[str, Any]:
    ctx.require("conversations.update")
    conversation = await get_visible_conversation(ctx, conversation_id)
    if conversation.unread_count:
        await scoped(ctx, Conversation).filter(id=conversation.id).update(unread_count=0)
        conversation.unread_count = 0
        record_change(ctx, "conversation.updated", conversation, changed=["unread_count"], unread_count=0)
    return {"message": "Marked as read", "conversation_id": str(conversation.id), "unread_count": 0}


@transactional
async def set_conversation_tags(ctx: Ctx, conversation_id: UUID | str, data: TagsInput | dict) -> dict[str, Any]:
    ctx.require("conversations.update")
    data = parse(TagsInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    if conversation.tags != data.tags:
        conversation.tags = data.tags
        await conversation.save(update_fields=["tags", "updated_at"])
        record_change(ctx, "conversation.updated", conversation, changed=["tags"], tags=data.tags)
    return {"message": "Tags updated", "conversation_id": str(conversation.id), "tags": conversation.tags}


@transactional
async def takeover_conversation(ctx: Ctx, conversation_id: UUID | str) -> dict[str, Any]:
    ctx.require("conversations.update")
    if ctx.agent_id is None:
        raise ValidationFailed("Only an agent can take over a conversation")
    conversation = await get_visible_conversation(ctx, conversation_id)
    previous = conversation.assigned_agent_id
    if previous != ctx.agent_id:
        conversation.assigned_agent_id = ctx.agent_id
        await conversation.save(update_fields=["assigned_agent_id", "updated_at"])
        record_change(ctx, "conversation.assigned", conversation, previous_agent_id=str(previous) if previous else None,
                      takeover=True)
    return {"message": "Conversation taken over", "conversation_id": str(conversation.id),
            "assigned_agent_id": str(ctx.agent_id)}


@transactional
async def bulk_conversations(ctx: Ctx, data: BulkInput | dict) -> dict[str, Any]:
    ctx.require("conversations.bulk")
    data = parse(BulkInput, data)
    action = data.action
    if action.type == BulkActionType.assign:
        ctx.require("conversations.assign")
        if action.agent_id is not None:
            await _tenant_agent(ctx, action.agent_id)
    # Other tenants' and invisible ids simply do not match.
    conversations = await visible_conversations(ctx).filter(id__in=list(dict.fromkeys(data.conversation_ids)))
    affected = 0
    for conversation in conversations:
        changed = False
        if action.type == BulkActionType.resolve:
            changed = await _set_status(ctx, conversation, "resolved")
        elif action.type == BulkActionType.reopen:
            changed = await _set_status(ctx, conversation, "open")
        elif action.type == BulkActionType.assign:
            if conversation.assigned_agent_id != action.agent_id:
                previous = conversation.assigned_agent_id
                conversation.assigned_agent_id = action.agent_id
                await conversation.save(update_fields=["assigned_agent_id", "updated_at"])
                record_change(ctx, "conversation.assigned", conversation,
                              previous_agent_id=str(previous) if previous else None)
                changed = True
        else:
            tags = list(conversation.tags or [])
            if action.type == BulkActionType.add_tags:
                new_tags = tags + [t for t in action.tags if t not in tags]
            else:
                new_tags = [t for t in tags if t not in action.tags]
            if new_tags != tags:
                conversation.tags = new_tags[:MAX_TAGS]
                await conversation.save(update_fields=["tags", "updated_at"])
                record_change(ctx, "conversation.updated", conversation, changed=["tags"], tags=conversation.tags)
                changed = True
        affected += changed
    return {"message": "Bulk action applied", "affected_count": affected}


@transactional
async def expire_conversations(ctx: Ctx, *, older_than: timedelta = STALE_AFTER, channel: str | None = None,
                               limit: int = 1000) -> dict[str, Any]:
    """The reference's fixed expiry: open conversations with no message for `older_than` (24 h)
    become expired, through the same mechanism as the per-channel rules (each channel's closing
    message first, when it has one and its window allows)."""
    ctx.require("conversations.expire")
    from resolvers import chat_expiration  # local: chat_expiration builds on this module

    expired = await chat_expiration.expire_inactive(
        ctx, channel=channel, older_than=older_than, closing_messages=await chat_expiration.closing_messages(ctx),
        limit=limit)
    return {"message": "Conversations expired", "expired_count": expired}


async def bump_for_message(ctx: Ctx, conversation: Conversation, *, at: datetime, inbound: bool,
                           preview: str | None) -> None:
    """A new message moves the conversation: atomic counters, activity time, window, preview."""
    values: dict[str, Any] = {"last_message_preview": (preview or "")[:200] or None, "updated_at": datetime.now(UTC)}
    if inbound:
        values["unread_count"] = F("unread_count") + 1
        if conversation.status == "pending":
            values["status"] = "open"
    # Out-of-order deliveries must not move the activity time or the window backwards; one
    # UPDATE decides it per column (CASE), so a message costs one statement here, not three.
    values["last_message_at"] = Case(When(Q(last_message_at__lt=at), then=at), default=F("last_message_at"))
    if inbound:
        values["last_inbound_at"] = Case(When(Q(last_inbound_at=None) | Q(last_inbound_at__lt=at), then=at),
                                         default=F("last_inbound_at"))
    await scoped(ctx, Conversation).filter(id=conversation.id).update(**values)
