"""Transfers: hand a conversation to an agent, a division, or an agent within a division, with a
reason, and keep the history of who moved it, from where, to where and why.

Rules:
- Anyone with conversations.transfer (every built-in role, agents included) may transfer a
  conversation they can see; another agent's conversation is 'not found' to an agent.
- to_agent_id must be an active agent of the organization. Given with to_division_id, the agent
  must belong to that division (422 otherwise).
- Only to_division_id: the conversation goes to that division's queue, unassigned, so any of
  its agents can take it.
- Only to_agent_id: the conversation follows the agent into their division when that is clear
  (see resolvers.divisions.follow_agent), otherwise keeps its division.
- A transfer that would change nothing is refused (409).
- The history entry records the assignee and the division before and after.
- Events: conversation.transferred (carrying the new assignee, so the receiving agent gets it
  live), and conversation.assigned when the assignee changed (so the agent it was taken from
  hears of it, as for any assignment)."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field, model_validator

from models.agents import Agent
from models.divisions import Division, Transfer
from resolvers import divisions
from resolvers._context import Ctx
from resolvers._errors import Conflict, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import new_scoped, scoped
from resolvers.conversations import get_visible_conversation, record_change


class TransferInput(Input):
    """At least one target. to_agent_id: an active agent (with to_division_id, one of its
    members). Only to_division_id: the division's queue, unassigned. Only to_agent_id: the
    conversation follows the agent into their division when they belong to exactly one other."""

    to_agent_id: UUID | None = Field(None, description="An active agent of the organization")
    to_division_id: UUID | None = Field(None, description="A division; with to_agent_id, one the agent belongs to")
    reason: str | None = Field(None, max_length=1000)

    @model_validator(mode="after")
    def _a_target(self) -> TransferInput:
        if self.to_agent_id is None and self.to_division_id is None:
            raise ValueError("give to_agent_id, to_division_id or both")
        return self


def _str(value: UUID | None) -> str | None:
    return str(value) if value is not None else None


@transactional
async def transfer_conversation(ctx: Ctx, conversation_id: UUID | str, data: TransferInput | dict) -> Transfer:
    ctx.require("conversations.transfer")
    data = parse(TransferInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    if data.to_division_id is not None and not await scoped(ctx, Division).filter(id=data.to_division_id).exists():
        raise ValidationFailed.field("to_division_id", "no such division in this organization")
    if data.to_agent_id is not None:
        active = scoped(ctx, Agent).filter(id=data.to_agent_id, deleted_at=None, account_status="active")
        if not await active.exists():
            raise ValidationFailed.field("to_agent_id", "no such active agent in this organization")
        if data.to_division_id is not None and not await divisions.is_member(ctx, data.to_division_id, data.to_agent_id):
            raise ValidationFailed.field("to_agent_id", "the agent does not belong to to_division_id")

    from_agent, from_division = conversation.assigned_agent_id, conversation.division_id
    conversation.assigned_agent_id = data.to_agent_id  # division only: its queue, unassigned
    if data.to_division_id is not None:
        conversation.division_id = data.to_division_id
    else:
        await divisions.follow_agent(ctx, conversation, data.to_agent_id)
    changed = [name for name, before, after in (
        ("assigned_agent_id", from_agent, conversation.assigned_agent_id),
        ("division_id", from_division, conversation.division_id),
    ) if before != after]
    if not changed:
        raise Conflict("The conversation is already there: this transfer would change nothing")
    await conversation.save(update_fields=["assigned_agent_id", "division_id", "updated_at"])

    transfer = await new_scoped(
        ctx, Transfer, conversation_id=conversation.id, from_agent_id=from_agent,
        to_agent_id=conversation.assigned_agent_id, from_division_id=from_division,
        to_division_id=conversation.division_id, reason=data.reason or None, transferred_by_id=ctx.agent_id,
    )
    if "assigned_agent_id" in changed:
        record_change(ctx, "conversation.assigned", conversation, previous_agent_id=_str(from_agent),
                      transfer_id=str(transfer.id))
    record_change(
        ctx, "conversation.transferred", conversation, changed=changed, transfer_id=str(transfer.id),
        previous_agent_id=_str(from_agent), from_agent_id=_str(from_agent),
        to_agent_id=_str(conversation.assigned_agent_id), from_division_id=_str(from_division),
        to_division_id=_str(conversation.division_id), division_id=_str(conversation.division_id),
        reason=transfer.reason, transferred_by=_str(ctx.agent_id),
    )
    return transfer


async def list_transfers(ctx: Ctx, conversation_id: UUID | str, params: PageParams | dict | None = None
                         ) -> Page[Transfer]:
    """A conversation's transfer history, newest first (the same visibility as the conversation)."""
    ctx.require("conversations.read")
    params = parse(PageParams, params or {})
    conversation = await get_visible_conversation(ctx, conversation_id)
    qs = scoped(ctx, Transfer).filter(conversation_id=conversation.id).order_by("-created_at", "-id")
    return await paginate(qs, params)
