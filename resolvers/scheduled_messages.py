"""Scheduled messages: an outbound message (text, or a WhatsApp template) to send later.

Who may do what:
- list: whoever can see the conversation (conversations.get_visible_conversation);
- schedule: scheduled_messages.write and messages.send, on a visible conversation;
- cancel (while pending): its creator (scheduled_messages.write), or a holder of
  scheduled_messages.manage_all (supervisors, admins); always only on a conversation the caller
  sees. A row of a conversation the caller cannot see is "not found", like another tenant's.

`send_at` is ISO-8601 with a UTC offset (any offset: the client's or the tenant's local time is
understood as the instant it names; stored and shown in UTC), no earlier than now (a few seconds'
grace for clock skew) and at most a year ahead. Only templates get through WhatsApp's 24-hour
window once it has closed, and that is checked when the message falls due, not when scheduled:
the customer may write again in between.

Delivery, exactly once. A message due within ENQUEUE_HORIZON is enqueued when scheduled, as a
job deferred until `send_at`; the periodic sweep enqueues the later ones (deferred the same way)
once they come within the horizon, and re-enqueues due rows still pending (a lost job, or a
worker that was down at the time). So the queue holds only what is about to happen, not
months-long deferred jobs that a cancel would leave behind. The job
opens ONE transaction that (1) claims the row with a conditional UPDATE (pending and due), which
on PostgreSQL row-locks it until commit, so a duplicate job, a second worker or a cancel racing it
waits and then finds it no longer pending; (2) creates the outbound message through
resolvers.messages.send_message, the very path of POST .../messages (window check, events, and
its own send job, which holds the provider call's exactly-once guard), acting as the creator so
the message carries their sender_agent_id; (3) marks the row `sent` with sent_message_id. All
three commit together or not at all: a worker dying half-way leaves the row pending and no
message, and the next job or sweep starts over. If the send is refused (window closed, creator
no longer active or allowed, conversation no longer theirs to see), the row becomes `failed`
with that error, again by a conditional UPDATE from pending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, Field, ValidationError, field_validator, model_validator

from models.agents import Agent
from models.conversations import Conversation
from models.scheduled_messages import ScheduledMessage
from resolvers._context import Ctx
from resolvers._errors import Conflict, DomainError, Forbidden, NotFound
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped, unscoped
from resolvers.auth import role_permissions
from resolvers.conversations import get_visible_conversation
from resolvers.messages import SendMessageInput, TemplateSpec, send_message

DELIVER_JOB = "deliver_scheduled_message"
MAX_AHEAD = timedelta(days=365)
# A client that says "now" reaches us a moment later, or runs a clock slightly behind ours.
PAST_GRACE = timedelta(seconds=5)
SWEEP_BATCH = 500
# Longer than the sweep's period (60 s), so every message is enqueued, deferred, before it is due.
ENQUEUE_HORIZON = timedelta(minutes=5)

# Message fields are SendMessageInput's own (same limits), so the two inputs cannot drift apart.
_SEND_FIELDS = SendMessageInput.model_fields


class ScheduledMessageStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"


class ScheduledMessageType(StrEnum):
    text = "text"
    template = "template"


class ScheduleMessageInput(Input):
    type: ScheduledMessageType = ScheduledMessageType.text
    text: str | None = _SEND_FIELDS["text"]
    template: TemplateSpec | None = _SEND_FIELDS["template"]
    send_at: AwareDatetime = Field(description="When to send: ISO-8601 with a UTC offset, e.g. "
                                               "2026-03-01T09:00:00+07:00 or 2026-03-01T02:00:00Z; "
                                               "not in the past, at most a year ahead")

    @field_validator("send_at", mode="before")
    @classmethod
    def _with_offset(cls, value: Any) -> Any:
        # pydantic would take a number as Unix time; the contract is ISO-8601 text.
        if not isinstance(value, str | datetime):
            raise ValueError("must be an ISO-8601 date-time with a UTC offset")
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                return value  # pydantic reports what is wrong with it
            if parsed.tzinfo is None:
                raise ValueError("needs a UTC offset (e.g. +07:00 or Z): a bare local time is ambiguous")
        return value

    @field_validator("send_at")
    @classmethod
    def _in_range(cls, value: datetime) -> datetime:
        now = datetime.now(UTC)
        if value < now - PAST_GRACE:
            raise ValueError("must not be in the past")
        if value > now + MAX_AHEAD:
            raise ValueError("must be at most a year from now")
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _sendable(self) -> ScheduleMessageInput:
        # Exactly what POST .../messages would accept, judged by that model itself.
        try:
            self.send_input()
        except ValidationError as exc:
            raise ValueError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
        # PostgreSQL text and jsonb cannot hold NUL: refuse it here, not at delivery time.
        if "\\u0000" in self.model_dump_json(include={"text", "template"}):
            raise ValueError("text and template must not contain NUL characters")
        return self

    def send_input(self) -> SendMessageInput:
        return SendMessageInput(type=self.type.value, text=self.text, template=self.template)


class ScheduledMessageFilter(PageParams):
    status: ScheduledMessageStatus | None = None


def scheduled_snapshot(row: ScheduledMessage) -> dict[str, Any]:
    """What events (live subscribers, webhooks, the activity log) carry."""
    return {
        "scheduled_message_id": str(row.id),
        "conversation_id": str(row.conversation_id),
        "status": row.status,
        "type": row.type,
        "send_at": row.send_at.isoformat(),
        "created_by": str(row.created_by_id) if row.created_by_id else None,
        "sent_message_id": str(row.sent_message_id) if row.sent_message_id else None,
        "error": row.error,
    }


async def _record(ctx: Ctx, event: str, row: ScheduledMessage, conversation: Conversation | None = None) -> None:
    if conversation is None:
        conversation = await scoped(ctx, Conversation).filter(id=row.conversation_id).first()
    ctx.record(event, scheduled_snapshot(row), conversation_id=row.conversation_id,
               assigned_agent_id=conversation.assigned_agent_id if conversation else None)


# ---------------------------------------------------------------- reads

async def list_scheduled_messages(ctx: Ctx, conversation_id: UUID | str,
                                  params: ScheduledMessageFilter | dict | None = None) -> Page[ScheduledMessage]:
    """Soonest first."""
    conversation = await get_visible_conversation(ctx, conversation_id)
    params = parse(ScheduledMessageFilter, params or {})
    qs = scoped(ctx, ScheduledMessage).filter(conversation_id=conversation.id)
    if params.status is not None:
        qs = qs.filter(status=params.status.value)
    return await paginate(qs.order_by("send_at", "created_at", "id"), params)


async def get_scheduled_message(ctx: Ctx, scheduled_message_id: UUID | str) -> ScheduledMessage:
    row = await get_scoped(ctx, ScheduledMessage, scheduled_message_id, what="scheduled message")
    await _visible_conversation_of(ctx, row)
    return row


async def _visible_conversation_of(ctx: Ctx, row: ScheduledMessage) -> Conversation:
    try:
        return await get_visible_conversation(ctx, row.conversation_id)
    except NotFound:
        raise NotFound("scheduled message not found") from None


# ---------------------------------------------------------------- changes

@transactional
async def schedule_message(ctx: Ctx, conversation_id: UUID | str,
                           data: ScheduleMessageInput | dict) -> ScheduledMessage:
    ctx.require("scheduled_messages.write", "messages.send")
    data = parse(ScheduleMessageInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    content: dict[str, Any] = {}
    if data.type == ScheduledMessageType.template and data.template is not None:
        content["template"] = data.template.model_dump()
    row = await new_scoped(
        ctx, ScheduledMessage, conversation_id=conversation.id, created_by_id=ctx.agent_id, type=data.type.value,
        text=data.text, content=content, send_at=data.send_at, status=ScheduledMessageStatus.pending.value,
    )
    await _record(ctx, "scheduled_message.created", row, conversation)
    if row.send_at <= datetime.now(UTC) + ENQUEUE_HORIZON:
        ctx.defer_job(DELIVER_JOB, str(row.id), job_id=f"scheduled:{row.id}", defer_until=row.send_at)
    return row


@transactional
async def cancel_scheduled_message(ctx: Ctx, scheduled_message_id: UUID | str) -> ScheduledMessage:
    ctx.require("scheduled_messages.write")
    row = await get_scoped(ctx, ScheduledMessage, scheduled_message_id, what="scheduled message")
    conversation = await _visible_conversation_of(ctx, row)
    if row.created_by_id != ctx.agent_id and not ctx.can("scheduled_messages.manage_all"):
        raise Forbidden("Only the agent who scheduled this message, or a supervisor, can cancel it")
    now = datetime.now(UTC)
    # Conditional, so a delivery in progress (which holds the row until it commits) wins or loses
    # cleanly: a message is either cancelled or sent, never both.
    cancelled = await scoped(ctx, ScheduledMessage).filter(id=row.id, status=ScheduledMessageStatus.pending.value).update(
        status=ScheduledMessageStatus.cancelled.value, cancelled_at=now, cancelled_by_id=ctx.agent_id, updated_at=now)
    await row.refresh_from_db()
    if not cancelled:
        raise Conflict(f"Only a pending scheduled message can be cancelled; this one is {row.status}",
                       details={"status": row.status})
    await _record(ctx, "scheduled_message.cancelled", row, conversation)
    return row


# ---------------------------------------------------------------- delivery (jobs)

@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: str  # sent | failed | skipped (not pending, or another delivery got it) | not_due
    due_in: float = 0.0  # seconds until send_at, for not_due


async def deliver_scheduled_message(scheduled_message_id: UUID | str) -> Delivery:
    """Send one due scheduled message, at most once however often and however concurrently
    this is called."""
    row = await unscoped(ScheduledMessage).filter(id=scheduled_message_id).first()
    if row is None or row.status != ScheduledMessageStatus.pending.value:
        return Delivery("skipped")
    due_in = (row.send_at - datetime.now(UTC)).total_seconds()
    if due_in > 0:
        return Delivery("not_due", due_in)
    try:
        ctx = await _sender_ctx(row)
        return Delivery(await _send_due(ctx, row.id))
    except DomainError as exc:
        failed = await _mark_failed(Ctx.system(row.tenant_id), row.id, exc)
        return Delivery("failed" if failed else "skipped")


async def _sender_ctx(row: ScheduledMessage) -> Ctx:
    """The creator, acting with the role they hold now: the message is theirs (sender_agent_id),
    and a creator since suspended, deleted or stripped of messages.send sends nothing."""
    system = Ctx.system(row.tenant_id)
    if row.created_by_id is None:  # scheduled by the system itself (a job, an automation)
        return system
    agent = await scoped(system, Agent).filter(id=row.created_by_id, deleted_at=None).select_related(
        "role", "tenant").first()
    if agent is None or agent.account_status != "active" or agent.tenant.status != "active":
        raise Forbidden("The agent who scheduled this message is no longer active")
    return Ctx(actor_type="agent", tenant_id=row.tenant_id, actor_id=agent.id, role=agent.role.key,
               permissions=role_permissions(agent.role))


@transactional
async def _send_due(ctx: Ctx, scheduled_message_id: UUID) -> str:
    now = datetime.now(UTC)
    # The claim. Inside the transaction that also creates the message: on PostgreSQL the UPDATE
    # row-locks the row until commit, so a concurrent claim blocks, then re-checks `pending` and
    # finds it sent; on SQLite transactions are serialised. Either way exactly one claim wins.
    claimed = await scoped(ctx, ScheduledMessage).filter(
        id=scheduled_message_id, status=ScheduledMessageStatus.pending.value, send_at__lte=now,
    ).update(processed_at=now, updated_at=now)
    if not claimed:
        return "skipped"
    row = await scoped(ctx, ScheduledMessage).get(id=scheduled_message_id)
    template = (row.content or {}).get("template")
    data = {"type": row.type, "text": row.text, **({"template": template} if template is not None else {})}
    # Nested in this transaction (same ctx): its events and its send job go out after our commit.
    message = await send_message(ctx, row.conversation_id, data)
    row.status = ScheduledMessageStatus.sent.value
    row.sent_message_id = message.id
    await row.save(update_fields=["status", "sent_message_id", "updated_at"])
    await _record(ctx, "scheduled_message.sent", row)
    return "sent"


@transactional
async def _mark_failed(ctx: Ctx, scheduled_message_id: UUID, exc: DomainError) -> bool:
    now = datetime.now(UTC)
    error: dict[str, Any] = {"code": str(exc.code), "message": exc.message}
    if exc.details is not None:
        error["details"] = exc.details
    changed = await scoped(ctx, ScheduledMessage).filter(
        id=scheduled_message_id, status=ScheduledMessageStatus.pending.value,
    ).update(status=ScheduledMessageStatus.failed.value, error=error, processed_at=now, updated_at=now)
    if not changed:  # cancelled meanwhile, or a concurrent delivery settled it first
        return False
    row = await scoped(ctx, ScheduledMessage).get(id=scheduled_message_id)
    await _record(ctx, "scheduled_message.failed", row)
    return True


async def scheduled_messages_to_enqueue(limit: int = SWEEP_BATCH) -> list[tuple[UUID, datetime]]:
    """(id, send_at) of the pending rows, across tenants, due within ENQUEUE_HORIZON (or overdue),
    soonest first: the sweep enqueues them, deferred until their send_at."""
    rows = await unscoped(ScheduledMessage).filter(
        status=ScheduledMessageStatus.pending.value, send_at__lte=datetime.now(UTC) + ENQUEUE_HORIZON,
    ).order_by("send_at").limit(limit).values_list("id", "send_at")
    return [(row_id, send_at) for row_id, send_at in rows]
