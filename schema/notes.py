"""Internal notes over GraphQL (the same resolvers as REST). `Note` carries the fields of
rest_compat.presenters.notes.NoteOut in camelCase, plus `author`, read through the per-request
agents DataLoader. Mention syntax and who may do what: resolvers/notes.py. A mentioned agent
hears of it on the `events` subscription (type note.mentioned, payload.mentionedAgentId is
theirs as `mentioned_agent_id`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import agents, notes
from schema._base import Ack, Paged, ack, as_data, ctx_of, loader, paged
from schema.agents import AgentType


@strawberry.type(name="Note")
class NoteType:
    id: UUID
    conversation_id: UUID
    author_id: UUID | None = strawberry.field(description="The agent who wrote it; null for notes by the system")
    content: str
    mentions: list[UUID] = strawberry.field(description="Ids of the agents the content @mentions, in order")
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The author (batched: one query per request, not per note)")
    async def author(self, info: Info) -> AgentType | None:
        if self.author_id is None:
            return None
        agent = await loader(info, "agents", agents.agents_by_ids).load(self.author_id)
        return AgentType.from_model(agent) if agent is not None else None

    @classmethod
    def from_model(cls, note: Any) -> NoteType:
        return cls(
            id=note.id, conversation_id=note.conversation_id, author_id=note.author_id, content=note.content,
            mentions=[UUID(m) for m in note.mentions or []], created_at=note.created_at, updated_at=note.updated_at,
        )


@sp.input(model=notes.NoteInput, all_fields=True, name="NoteInput")
class NoteInput:
    pass


@strawberry.type
class NoteQuery:
    @strawberry.field(description="A conversation's internal notes, oldest first")
    async def notes(self, info: Info, conversation_id: UUID, page: int = 1, per_page: int = 20) -> Paged[NoteType]:
        page_ = await notes.list_notes(ctx_of(info), conversation_id, {"page": page, "per_page": per_page})
        return paged(page_, NoteType.from_model)

    @strawberry.field(description="One note (e.g. the one a note.mentioned event names)")
    async def note(self, info: Info, id: UUID) -> NoteType:
        return NoteType.from_model(await notes.get_note(ctx_of(info), id))


@strawberry.type
class NoteMutation:
    @strawberry.mutation(description="Add an internal note to a conversation (never sent to the customer)")
    async def create_note(self, info: Info, conversation_id: UUID, input: NoteInput) -> NoteType:
        return NoteType.from_model(await notes.create_note(ctx_of(info), conversation_id, as_data(input)))

    @strawberry.mutation(description="Edit a note: one's own, or anyone's with notes.manage_all")
    async def update_note(self, info: Info, id: UUID, input: NoteInput) -> NoteType:
        return NoteType.from_model(await notes.update_note(ctx_of(info), id, as_data(input)))

    @strawberry.mutation(description="Delete a note: one's own, or anyone's with notes.manage_all")
    async def delete_note(self, info: Info, id: UUID) -> Ack:
        return ack(await notes.delete_note(ctx_of(info), id), "note_id")
