"""Automatic assignment of new conversations, for channels whose settings say `auto_assign`
(resolvers/channel_settings.py). A listener of `conversation.created` (omnistream/wiring.py),
so the inbound hot path is untouched and a crash between commit and dispatch only delays it.

Who is eligible: an agent of the tenant who is active (not suspended, not deleted), online
(PATCH /api/agents/{id}/status; `agent.status_changed`), whose role can handle conversations
(sees them and can reply: conversations.read and messages.send), and, when the conversation
already belongs to a division, a member of it. Nobody eligible: it stays unassigned.

The rule: the fewest open conversations (status open or pending: not yet resolved or
expired); ties go to the least recently assigned, then to the longest-standing agent (so the
choice is deterministic). "Last assigned" is read from the conversations table: the newest
conversation (by creation) assigned to the agent among those active in the last
RECENCY_WINDOW. That is exact for auto-assigned conversations (assigned as they open), and for
a manual assignment of an older conversation it counts from that conversation's opening; the
window keeps the read on the (tenant, assignee, last activity) index instead of the agent's
whole history. An agent with nothing in the window counts as assigned longest ago.

The assignment itself goes through resolvers.conversations.assign_conversation, as a manual
one would, acting as the system: same checks, `conversation.assigned` event, activity log and
live delivery.

Concurrency: the pick and the assignment run in one transaction that first takes a per-tenant
lock (PostgreSQL: the tenant row, FOR NO KEY UPDATE, which does not block inserts that
reference the tenant; SQLite: transactions are serialised anyway). So concurrent new
conversations of one tenant are assigned one after the other, each seeing the counts the
previous one committed: the rule holds exactly among auto-assignments. Manual assignments and
resolutions do not take the lock; one committing during a pick can make that pick one
conversation off, never more. Re-dispatch of the event is harmless: an assigned conversation
is left alone."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.functions import Count, Max

from models.agents import Agent
from models.conversations import Conversation
from models.divisions import DivisionMember
from models.events import OutboxEvent
from models.tenants import Tenant
from resolvers._context import Ctx
from resolvers._errors import DomainError
from resolvers._run import transactional
from resolvers._scope import scoped
from resolvers.auth import role_permissions
from resolvers.channel_settings import channel_switches
from resolvers.conversations import assign_conversation

log = logging.getLogger(__name__)

OPEN_STATUSES = ("open", "pending")
HANDLES_CONVERSATIONS = frozenset({"conversations.read", "messages.send"})
RECENCY_WINDOW = timedelta(days=30)
_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Candidate:
    agent_id: UUID
    open_conversations: int
    last_assigned_at: datetime | None
    joined_at: datetime

    def rank(self) -> tuple[Any, ...]:
        return (self.open_conversations, self.last_assigned_at or _NEVER, self.joined_at, str(self.agent_id))


def pick(candidates: list[Candidate]) -> Candidate | None:
    """Fewest open conversations; then least recently assigned; then longest-standing."""
    return min(candidates, key=Candidate.rank, default=None)


def _aware(value: Any) -> datetime | None:
    # Aggregates come back as text on SQLite.
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def eligible_agents(ctx: Ctx, division_id: UUID | None) -> list[Agent]:
    qs = scoped(ctx, Agent).filter(deleted_at=None, account_status="active", status="online")
    if division_id is not None:
        members = await scoped(ctx, DivisionMember).filter(division_id=division_id).values_list("agent_id", flat=True)
        qs = qs.filter(id__in=list(members))
    agents = await qs.select_related("role")
    return [a for a in agents if HANDLES_CONVERSATIONS <= role_permissions(a.role)]


async def candidates(ctx: Ctx, division_id: UUID | None) -> list[Candidate]:
    agents = await eligible_agents(ctx, division_id)
    if not agents:
        return []
    ids = [a.id for a in agents]
    mine = scoped(ctx, Conversation).filter(assigned_agent_id__in=ids)
    open_rows = await (mine.filter(status__in=OPEN_STATUSES).annotate(n=Count("id"))
                       .group_by("assigned_agent_id").values("assigned_agent_id", "n"))
    since = datetime.now(UTC) - RECENCY_WINDOW
    recent_rows = await (mine.filter(last_message_at__gte=since).annotate(last=Max("created_at"))
                         .group_by("assigned_agent_id").values("assigned_agent_id", "last"))
    open_counts = {str(r["assigned_agent_id"]): int(r["n"]) for r in open_rows}
    last = {str(r["assigned_agent_id"]): _aware(r["last"]) for r in recent_rows}
    return [Candidate(agent_id=a.id, open_conversations=open_counts.get(str(a.id), 0),
                      last_assigned_at=last.get(str(a.id)), joined_at=a.created_at) for a in agents]


async def _lock_tenant(ctx: Ctx) -> None:
    """Serialise auto-assignments of one tenant until commit (a no-op on SQLite, whose
    transactions already run one at a time)."""
    # A model query: Tortoise drops FOR UPDATE from values()/values_list() queries.
    await Tenant.filter(id=ctx.require_tenant()).select_for_update(no_key=True).first()


@transactional
async def auto_assign_conversation(ctx: Ctx, conversation_id: UUID | str) -> UUID | None:
    """Assign a new conversation by the rule when its channel asks for it; returns the agent."""
    conversation = await scoped(ctx, Conversation).filter(id=conversation_id).first()
    if conversation is None or conversation.assigned_agent_id is not None:
        return None
    switches = await channel_switches(ctx, conversation.channel)
    if not switches.enabled or not switches.auto_assign:
        return None
    await _lock_tenant(ctx)
    # Read again under the lock: a twin dispatch or an agent may have assigned it meanwhile.
    conversation = await scoped(ctx, Conversation).filter(id=conversation.id).first()
    if conversation is None or conversation.assigned_agent_id is not None or conversation.status not in OPEN_STATUSES:
        return None
    chosen = pick(await candidates(ctx, conversation.division_id))
    if chosen is None:
        return None
    await assign_conversation(ctx, conversation.id, {"agent_id": chosen.agent_id})
    return chosen.agent_id


async def on_conversation_created(event: OutboxEvent) -> None:
    """Listener of conversation.created (omnistream/wiring.py). Idempotent (see the module)."""
    payload = event.payload or {}
    if event.tenant_id is None or not payload.get("conversation_id"):
        return
    try:
        await auto_assign_conversation(Ctx.system(event.tenant_id), payload["conversation_id"])
    except DomainError as exc:  # e.g. the chosen agent was suspended a moment ago: stays unassigned
        log.info("conversation %s not auto-assigned: %s", payload["conversation_id"], exc.message)
