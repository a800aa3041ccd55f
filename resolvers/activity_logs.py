"""Activity log: who did what to which object, when, and as which principal (an agent, an API key
acting for its owner, a super-admin impersonating an agent, the system).

Entries are never written by the resolvers that make the changes: `record_activity` is an event
listener for every event type ("*", omnistream/wiring.py), so every event of the catalogue,
including those added later, is logged without a change here. It runs after commit, possibly more
than once per event (dispatch and sweep), so the entry is keyed by the event's id."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, Field, field_validator
from tortoise.exceptions import IntegrityError

from models.activity_logs import ActivityLog
from models.events import OutboxEvent
from resolvers._context import Ctx
from resolvers._errors import ValidationFailed
from resolvers._inputs import parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._scope import new_scoped, scoped

PERMISSION = "activity_logs.read"


class ActorType(StrEnum):
    agent = "agent"
    api_key = "api_key"
    super_admin = "super_admin"
    system = "system"


# A space where the offset's "+" was: an unencoded "+" in a query string arrives as a space.
_PLUS_AS_SPACE = re.compile(r"^(\d{4}-\d\d-\d\dT[\d:.]+) (\d\d(:?\d\d)?)$")


class ActivityLogFilter(PageParams):
    actor_id: UUID | None = Field(None, description="The acting agent (for an API key: its owner)")
    actor_type: ActorType | None = None
    api_key_id: UUID | None = Field(None, description="Only what was done with this API key")
    action: str | None = Field(None, min_length=1, max_length=64, description="Event type, e.g. agent.created")
    object_type: str | None = Field(None, min_length=1, max_length=64)
    object_id: str | None = Field(None, min_length=1, max_length=64)
    since: AwareDatetime | None = Field(None, description="ISO-8601 with offset; entries at or after it")
    until: AwareDatetime | None = Field(None, description="ISO-8601 with offset; entries before it")

    @field_validator("since", "until", mode="before")
    @classmethod
    def _restore_plus(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _PLUS_AS_SPACE.sub(r"\1+\2", value.strip())
        return value

    @field_validator("object_id")
    @classmethod
    def _canonical_uuid(cls, value: str | None) -> str | None:
        # Ids are stored as canonical UUID text; accept any spelling of the same UUID.
        if value is None:
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return value


# ---------------------------------------------------------------- reads

async def list_activity_logs(ctx: Ctx, params: ActivityLogFilter | dict | None = None) -> Page[ActivityLog]:
    """Newest first."""
    ctx.require(PERMISSION)
    params = parse(ActivityLogFilter, params or {})
    if params.since is not None and params.until is not None and params.since >= params.until:
        raise ValidationFailed.field("until", "must be later than since")
    qs = scoped(ctx, ActivityLog)
    for name in ("actor_id", "api_key_id", "action", "object_type", "object_id"):
        value = getattr(params, name)
        if value is not None:
            qs = qs.filter(**{name: value})
    if params.actor_type is not None:
        qs = qs.filter(actor_type=params.actor_type.value)
    # In UTC, as stored: SQLite compares timestamps as text, so "+07:00" must not reach it.
    if params.since is not None:
        qs = qs.filter(created_at__gte=params.since.astimezone(UTC))
    if params.until is not None:
        qs = qs.filter(created_at__lt=params.until.astimezone(UTC))
    return await paginate(qs.order_by("-created_at", "-id"), params)


# ---------------------------------------------------------------- the listener

# The object of an event is the noun before the dot, its id the payload's "<noun>_id" (so
# "message.status_changed" -> message, payload["message_id"]). Only events that break that rule
# are named here: event type or noun -> (object type, payload key of its id, or None: no id).
OBJECT_EXCEPTIONS: dict[str, tuple[str, str | None]] = {
    "quick_replies.imported": ("quick_reply", None),  # a batch: the counts are in the details
    "working_hours": ("working_hours", "division_id"),  # a division's override; None: the organization's
    "chat_expiration_rule": ("chat_expiration_rule", "channel"),  # one rule per channel, named by it
}

# Listener payloads are meant to carry no secrets; this is the belt to those braces.
_SECRET_KEY = re.compile(r"token|secret|password|passwd|authorization|credential|private_key", re.IGNORECASE)


def object_of(event_type: str, payload: dict[str, Any], conversation_id: Any = None) -> tuple[str, str | None]:
    noun = event_type.split(".", 1)[0]
    rule = OBJECT_EXCEPTIONS.get(event_type) or OBJECT_EXCEPTIONS.get(noun)
    if rule is not None:
        object_type, id_key = rule
        object_id = payload.get(id_key) if id_key else None
    else:
        object_type = noun
        object_id = payload.get(f"{noun}_id")
        if object_id is None:
            object_id = payload.get("id")
        if object_id is None and noun == "conversation":
            object_id = conversation_id  # conversation events name it on the outbox row as well
    return object_type, str(object_id)[:64] if object_id is not None else None


def without_secrets(value: Any) -> Any:
    """The value with every secret-looking key dropped, at any depth."""
    if isinstance(value, dict):
        return {k: without_secrets(v) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list):
        return [without_secrets(v) for v in value]
    return value


def _uuid_or_none(value: Any) -> UUID | None:
    try:
        return UUID(str(value)) if value else None
    except ValueError:
        return None


async def record_activity(event: OutboxEvent) -> None:
    """Event listener ("*"): one entry per event, idempotent on the event's id."""
    if event.tenant_id is None:  # not a tenant's doing (operator-level events): no tenant log to hold it
        return
    ctx = Ctx.system(event.tenant_id)
    payload = event.payload if isinstance(event.payload, dict) else {}
    actor = event.actor if isinstance(event.actor, dict) else {}
    object_type, object_id = object_of(event.type, payload, event.conversation_id)
    # No look-up first: the unique event_id turns a re-dispatch into the IntegrityError below
    # (listeners run outside any transaction, so the failed INSERT spoils nothing).
    try:
        await new_scoped(
            ctx, ActivityLog, event_id=event.id,
            actor_type=str(actor.get("actor_type") or "system")[:16], actor_id=_uuid_or_none(actor.get("actor_id")),
            api_key_id=_uuid_or_none(actor.get("api_key_id")),
            impersonator_id=_uuid_or_none(actor.get("impersonator_id")),
            action=event.type, object_type=object_type, object_id=object_id,
            details=without_secrets(payload), created_at=(event.created_at or datetime.now(UTC)).astimezone(UTC),
        )
    except IntegrityError:
        # Logged already (a re-dispatch, or two racing); the unique event_id let one in. (A tenant
        # deleted meanwhile fails its foreign key here too: nothing left to log it for.)
        return
