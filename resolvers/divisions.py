"""Divisions: teams of agents. Everyone reads them; admins manage them. An agent may be in
several divisions; adding or removing agents is idempotent and names every id that is not an
agent of the organization (422, nothing written). Conversations may belong to a division:
deleting one that still holds open or pending conversations is refused (409 with the count)
unless `move_to_division_id` names the division that takes over all of its conversations."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field, model_validator
from tortoise.exceptions import IntegrityError
from tortoise.functions import Count

from models.agents import Agent
from models.conversations import Conversation
from models.divisions import Division, DivisionMember
from resolvers._context import Ctx
from resolvers._errors import Conflict, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped

OPEN_STATUSES = ("open", "pending")
MAX_AGENT_IDS = 100
ADD_ATTEMPTS = 3


class DivisionFilter(PageParams):
    q: str | None = Field(None, max_length=100, description="Search in the name")


class DivisionCreate(Input):
    name: str = Field(min_length=1, max_length=100)
    description: str | None = Field(None, max_length=1000)


class DivisionUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = Field(None, max_length=1000, description="null clears it")

    @model_validator(mode="after")
    def _name_not_null(self) -> DivisionUpdate:
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be null")
        return self


class DivisionAgentsInput(Input):
    """Idempotent: adding a member or removing a non-member changes nothing. Every id must be an
    agent of the organization, or the 422 names the others and nothing is written."""

    agent_ids: list[UUID] = Field(max_length=MAX_AGENT_IDS,
                                  description="Agents of the organization; an empty list changes nothing")


class DivisionDelete(Input):
    """Deleting a division that still holds open or pending conversations is refused (409, with
    details.open_conversations) unless move_to_division_id names the division that takes over
    every one of its conversations, closed ones included. Without it, closed conversations are
    detached (division_id null). The same field is accepted in the query string."""

    move_to_division_id: UUID | None = Field(
        None, description="The division that takes over every conversation of the deleted one")


class DivisionDeleteParams(DivisionDelete):
    # A query string may carry extras (cache busters); ignore them as lists do.
    model_config = ConfigDict(extra="ignore")


# ---------------------------------------------------------------- reads

async def _agent_counts(ctx: Ctx, division_ids: list[UUID]) -> dict[UUID, int]:
    if not division_ids:
        return {}
    rows = await (scoped(ctx, DivisionMember).filter(division_id__in=division_ids, agent__deleted_at=None)
                  .annotate(n=Count("id")).group_by("division_id").values("division_id", "n"))
    return {UUID(str(r["division_id"])): r["n"] for r in rows}


async def _with_counts(ctx: Ctx, divisions: list[Division]) -> list[Division]:
    counts = await _agent_counts(ctx, [d.id for d in divisions])
    for division in divisions:
        division.agent_count = counts.get(division.id, 0)
    return divisions


def _members(ctx: Ctx, division_id: UUID):
    """The division's current agents (soft-deleted agents drop out), by name."""
    return (scoped(ctx, Agent).filter(deleted_at=None, division_memberships__division_id=division_id)
            .select_related("role").order_by("name", "id"))


async def list_divisions(ctx: Ctx, params: DivisionFilter | dict | None = None) -> Page[Division]:
    ctx.require("divisions.read")
    params = parse(DivisionFilter, params or {})
    qs = scoped(ctx, Division)
    if params.q:
        qs = qs.filter(name__icontains=params.q)
    page = await paginate(qs.order_by("name", "id"), params)
    await _with_counts(ctx, page.items)
    return page


async def _get(ctx: Ctx, division_id: UUID | str) -> Division:
    return await get_scoped(ctx, Division, division_id, what="division")


async def get_division(ctx: Ctx, division_id: UUID | str) -> Division:
    """The division with its agents (`division.agents`) and their number."""
    ctx.require("divisions.read")
    division = await _get(ctx, division_id)
    division.agents = list(await _members(ctx, division.id))
    division.agent_count = len(division.agents)
    return division


async def list_division_agents(ctx: Ctx, division_id: UUID | str, params: PageParams | dict | None = None
                               ) -> Page[Agent]:
    ctx.require("divisions.read")
    params = parse(PageParams, params or {})
    division = await _get(ctx, division_id)
    return await paginate(_members(ctx, division.id), params)


async def members_by_division(ctx: Ctx, division_ids: list[UUID]) -> dict[UUID, list[Agent]]:
    """Batch read for DataLoaders: the agents of any number of divisions in one query."""
    ctx.require("divisions.read")
    wanted = list(dict.fromkeys(division_ids))
    found: dict[UUID, list[Agent]] = {d: [] for d in wanted}
    if not wanted:
        return found
    rows = await (scoped(ctx, DivisionMember).filter(division_id__in=wanted, agent__deleted_at=None)
                  .select_related("agent__role").order_by("agent__name", "agent_id"))
    for row in rows:
        found[row.division_id].append(row.agent)
    return found


async def divisions_of_agent(ctx: Ctx, agent_id: UUID) -> list[UUID]:
    return list(await scoped(ctx, DivisionMember).filter(agent_id=agent_id).values_list("division_id", flat=True))


async def is_member(ctx: Ctx, division_id: UUID, agent_id: UUID) -> bool:
    return await scoped(ctx, DivisionMember).filter(division_id=division_id, agent_id=agent_id).exists()


async def follow_agent(ctx: Ctx, conversation: Conversation, agent_id: UUID) -> bool:
    """A conversation given to an agent follows them into their division when that is clear:
    it stays where it is if the agent belongs to its current division (or to none, or to
    several), and moves when the agent belongs to exactly one other division. Sets
    conversation.division_id; returns whether it changed."""
    mine = await divisions_of_agent(ctx, agent_id)
    if conversation.division_id in mine or len(mine) != 1:
        return False
    conversation.division_id = mine[0]
    return True


# ---------------------------------------------------------------- changes

def _name_taken(name: str) -> Conflict:
    return Conflict(f"A division named {name!r} already exists", details=[{"field": "name", "message": "already taken"}])


async def _ensure_name_free(ctx: Ctx, name: str, except_id: UUID | None = None) -> None:
    qs = scoped(ctx, Division).filter(name__iexact=name)
    if except_id is not None:
        qs = qs.exclude(id=except_id)
    if await qs.exists():
        raise _name_taken(name)


@transactional
async def create_division(ctx: Ctx, data: DivisionCreate | dict) -> Division:
    ctx.require("divisions.manage")
    data = parse(DivisionCreate, data)
    await _ensure_name_free(ctx, data.name)
    try:
        division = await new_scoped(ctx, Division, name=data.name, description=data.description or None)
    except IntegrityError:  # a concurrent creation with the same name won the unique index
        raise _name_taken(data.name) from None
    division.agents, division.agent_count = [], 0
    ctx.record("division.created", {"division_id": str(division.id), "name": division.name})
    return division


@transactional
async def update_division(ctx: Ctx, division_id: UUID | str, data: DivisionUpdate | dict) -> Division:
    ctx.require("divisions.manage")
    data = parse(DivisionUpdate, data)
    division = await _get(ctx, division_id)
    changed: list[str] = []
    if data.name is not None and data.name != division.name:
        await _ensure_name_free(ctx, data.name, division.id)
        division.name = data.name
        changed.append("name")
    if "description" in data.model_fields_set and (data.description or None) != division.description:
        division.description = data.description or None
        changed.append("description")
    if changed:
        try:
            await division.save(update_fields=[*changed, "updated_at"])
        except IntegrityError:
            raise _name_taken(division.name) from None
        ctx.record("division.updated", {"division_id": str(division.id), "changed": changed})
    return await get_division(ctx, division.id)


def _move_target(data: DivisionDelete | dict | None, params: DivisionDeleteParams | dict | None) -> UUID | None:
    body = parse(DivisionDelete, data or {}).move_to_division_id
    query = parse(DivisionDeleteParams, params or {}).move_to_division_id
    if body is not None and query is not None and body != query:
        raise ValidationFailed.field("move_to_division_id", "the body and the query string name different divisions")
    return body or query


@transactional
async def delete_division(ctx: Ctx, division_id: UUID | str, data: DivisionDelete | dict | None = None,
                          params: DivisionDeleteParams | dict | None = None) -> dict[str, Any]:
    ctx.require("divisions.manage")
    target_id = _move_target(data, params)
    division = await _get(ctx, division_id)
    if target_id is not None:
        if target_id == division.id:
            raise ValidationFailed.field("move_to_division_id", "cannot be the division being deleted")
        if not await scoped(ctx, Division).filter(id=target_id).exists():
            raise ValidationFailed.field("move_to_division_id", "no such division in this organization")
    conversations = scoped(ctx, Conversation).filter(division_id=division.id)
    if target_id is None:
        still_open = await conversations.filter(status__in=OPEN_STATUSES).count()
        if still_open:
            raise Conflict(
                f"The division still holds {still_open} open or pending conversation(s); move them with "
                "move_to_division_id", details={"open_conversations": still_open})
    # Closed conversations go along with the open ones (their reports stay with a team), or are
    # detached when nothing takes them; the foreign key would detach them too, but say it here.
    moved = await conversations.update(division_id=target_id)
    await division.delete()  # memberships go with it (cascade)
    ctx.record("division.deleted", {
        "division_id": str(division.id), "name": division.name,
        "moved_to_division_id": str(target_id) if target_id else None, "moved_conversations": moved if target_id else 0,
    })
    return {"message": "Division deleted", "division_id": str(division.id),
            "moved_to_division_id": str(target_id) if target_id else None,
            "moved_conversations": moved if target_id else 0}


async def _check_agents(ctx: Ctx, agent_ids: list[UUID], *, include_deleted: bool) -> None:
    """Every id must be an agent of this organization; the 422 names those that are not (another
    tenant's agents are indistinguishable from ids that do not exist)."""
    qs = scoped(ctx, Agent).filter(id__in=agent_ids)
    if not include_deleted:
        qs = qs.filter(deleted_at=None)
    known = set(await qs.values_list("id", flat=True))
    unknown = [(n, i) for n, i in enumerate(agent_ids) if i not in known]
    if unknown:
        named = ", ".join(dict.fromkeys(str(i) for _, i in unknown))
        raise ValidationFailed(
            f"agent_ids: no such agent in this organization: {named}",
            details=[{"field": f"agent_ids.{n}", "message": "no such agent in this organization", "value": str(i)}
                     for n, i in unknown],
        )


@transactional
async def _add_agents(ctx: Ctx, division_id: UUID | str, data: DivisionAgentsInput) -> Division:
    division = await _get(ctx, division_id)
    wanted = list(dict.fromkeys(data.agent_ids))
    if wanted:
        await _check_agents(ctx, data.agent_ids, include_deleted=False)
        present = set(await scoped(ctx, DivisionMember).filter(division_id=division.id, agent_id__in=wanted)
                      .values_list("agent_id", flat=True))
        added = [i for i in wanted if i not in present]
        for agent_id in added:
            await new_scoped(ctx, DivisionMember, division_id=division.id, agent_id=agent_id)
        if added:
            ctx.record("division.agents_added",
                       {"division_id": str(division.id), "agent_ids": [str(i) for i in added]})
    return await get_division(ctx, division.id)


async def add_division_agents(ctx: Ctx, division_id: UUID | str, data: DivisionAgentsInput | dict) -> Division:
    """Idempotent: agents already in the division are left as they are."""
    ctx.require("divisions.manage")
    data = parse(DivisionAgentsInput, data)
    for _ in range(ADD_ATTEMPTS - 1):
        try:
            return await _add_agents(ctx, division_id, data)
        except IntegrityError:
            # A concurrent call added one of these agents between our read and our insert; the
            # retry sees it and skips it, which is what "idempotent" promises.
            continue
    try:
        return await _add_agents(ctx, division_id, data)
    except IntegrityError:
        raise Conflict("The division's agents kept changing concurrently; retry") from None


@transactional
async def remove_division_agents(ctx: Ctx, division_id: UUID | str, data: DivisionAgentsInput | dict) -> Division:
    """Idempotent: agents not in the division are ignored (but must be agents of the organization)."""
    ctx.require("divisions.manage")
    data = parse(DivisionAgentsInput, data)
    division = await _get(ctx, division_id)
    wanted = list(dict.fromkeys(data.agent_ids))
    if wanted:
        # Soft-deleted agents may still hold a membership: removing it is allowed.
        await _check_agents(ctx, data.agent_ids, include_deleted=True)
        members = scoped(ctx, DivisionMember).filter(division_id=division.id, agent_id__in=wanted)
        removed = list(await members.values_list("agent_id", flat=True))
        if removed:
            await members.delete()
            ctx.record("division.agents_removed",
                       {"division_id": str(division.id), "agent_ids": [str(i) for i in wanted if i in removed]})
    return await get_division(ctx, division.id)
