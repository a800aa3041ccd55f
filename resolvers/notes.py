"""Internal notes on a conversation: written by the team, never sent to the customer.

Who may do what:
- read (list, get) and add notes: whoever can see the conversation
  (conversations.get_visible_conversation; adding also needs notes.write);
- edit and delete: the note's author (notes.write), or a holder of notes.manage_all (supervisors
  and admins) for anyone's note; always only on a conversation the caller can see. A note on a
  conversation the caller cannot see is "not found", like another tenant's.

Notes list oldest first: a conversation's notes read as a thread, top to bottom.

Mentions. Two ways to write one in `content`:
- `@[Display name](agent-uuid)`: what a mention picker inserts. Unambiguous and survives renames;
  the label is free text. The id must be an active agent of the organization (else 422), except
  that an edit may keep tokens the note already had for an agent since suspended or deleted.
- `@handle`, typed by hand: an agent's full email (`@ada@example.com`) or its local part
  (`@ada`), case-insensitive, at the start of the text or after a space or punctuation (so a
  plain address like `bob@example.com` is not a mention). A handle that matches no active agent,
  or a local part shared by several (use the full email or a token), is plain text.
Mentions are stored on the note (`mentions`: agent ids, in order of first appearance). Each newly
mentioned agent other than the writer gets a `note.mentioned` event naming them
(`mentioned_agent_id`); it reaches them on the live `events` subscription even when they cannot
see the conversation (schema.events.may_see), which is the point of mentioning them. Editing a
note notifies only agents it did not mention before."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from pydantic import Field, field_validator

from models.agents import Agent
from models.conversations import Conversation
from models.notes import Note
from resolvers._context import Ctx
from resolvers._errors import Forbidden, NotFound, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped
from resolvers.conversations import get_visible_conversation

MAX_CONTENT = 10_000
MAX_MENTIONS = 50
SNAPSHOT_CHARS = 500  # events carry the start of a note, as message events carry a message's

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
MENTION_TOKEN = re.compile(r"@\[[^\]\n]{0,200}\]\((" + _UUID + r")\)")
# Not after a word character or an address character: `bob@example.com` is an address, not "@example".
MENTION_HANDLE = re.compile(
    r"(?<![\w@.+\-/:])@([A-Za-z0-9._%+\-]{1,64}(?:@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)?)"
)


class NoteInput(Input):
    content: str = Field(min_length=1, max_length=MAX_CONTENT,
                         description="The note; may @mention agents as @[Name](agent-id) or @email / @email-local-part")

    @field_validator("content")
    @classmethod
    def _printable(cls, value: str) -> str:
        # PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database.
        if "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


# ---------------------------------------------------------------- mentions


def _active_agents(ctx: Ctx):
    return scoped(ctx, Agent).filter(deleted_at=None, account_status="active")


async def resolve_mentions(ctx: Ctx, content: str, *, keep: list[str] | None = None) -> list[str]:
    """The ids (strings) of the agents `content` mentions, in order of first appearance.
    `keep`: ids the note already mentions, accepted even if no longer active."""
    keep = keep or []
    positions: dict[str, int] = {}  # agent id -> where it is first mentioned
    tokens = {m.start(): UUID(m.group(1)) for m in MENTION_TOKEN.finditer(content)}
    if tokens:
        wanted = list(dict.fromkeys(tokens.values()))
        found = {str(a) for a in await _active_agents(ctx).filter(id__in=wanted).values_list("id", flat=True)}
        unknown = [str(i) for i in wanted if str(i) not in found and str(i) not in keep]
        if unknown:
            raise ValidationFailed(
                "content: mentions someone who is not an active agent of this organization",
                details=[{"field": "content", "message": f"no active agent {i} in this organization"} for i in unknown],
            )
        for at, agent_id in tokens.items():
            positions.setdefault(str(agent_id), at)
    rest = MENTION_TOKEN.sub(lambda m: " " * len(m.group(0)), content)  # same length: positions hold
    handles = [(m.start(), m.group(1).rstrip(".").lower()) for m in MENTION_HANDLE.finditer(rest)]
    handles = [(at, h) for at, h in handles if h]
    if handles:
        # One read of the organization's active agents; matching by local part needs them all anyway.
        by_email: dict[str, str] = {}
        by_local: dict[str, list[str]] = {}
        for agent_id, email in await _active_agents(ctx).values_list("id", "email"):
            email = email.lower()
            by_email[email] = str(agent_id)
            by_local.setdefault(email.split("@", 1)[0], []).append(str(agent_id))
        for at, handle in handles:
            if "@" in handle:
                agent_id = by_email.get(handle)
            else:
                matches = by_local.get(handle, [])
                agent_id = matches[0] if len(matches) == 1 else None  # ambiguous: plain text
            if agent_id is not None:
                positions.setdefault(agent_id, at)
    mentions = sorted(positions, key=positions.__getitem__)
    if len(mentions) > MAX_MENTIONS:
        raise ValidationFailed.field("content", f"mentions at most {MAX_MENTIONS} agents")
    return mentions


# ---------------------------------------------------------------- events


def note_snapshot(note: Note) -> dict[str, Any]:
    return {
        "note_id": str(note.id),
        "conversation_id": str(note.conversation_id),
        "author_id": str(note.author_id) if note.author_id else None,
        "content": note.content[:SNAPSHOT_CHARS],
        "mentions": list(note.mentions or []),
    }


def _notify_mentioned(ctx: Ctx, note: Note, conversation: Conversation, agent_ids: list[str]) -> None:
    writer = str(ctx.agent_id) if ctx.agent_id else None
    for agent_id in agent_ids:
        if agent_id == writer:  # nobody needs telling that they mentioned themself
            continue
        ctx.record(
            "note.mentioned",
            {**note_snapshot(note), "mentioned_agent_id": agent_id, "mentioned_by": writer},
            conversation_id=conversation.id,
            assigned_agent_id=conversation.assigned_agent_id,
        )


def _record(ctx: Ctx, event: str, note: Note, conversation: Conversation) -> None:
    # The conversation and its assignee go with the event, so live delivery applies the
    # conversation's visibility (an agent who cannot see it does not hear of its notes).
    ctx.record(event, note_snapshot(note), conversation_id=conversation.id,
               assigned_agent_id=conversation.assigned_agent_id)


# ---------------------------------------------------------------- reads


async def list_notes(ctx: Ctx, conversation_id: UUID | str, params: PageParams | dict | None = None) -> Page[Note]:
    """A conversation's notes, oldest first."""
    conversation = await get_visible_conversation(ctx, conversation_id)
    params = parse(PageParams, params or {})
    qs = scoped(ctx, Note).filter(conversation_id=conversation.id)
    return await paginate(qs.order_by("created_at", "id"), params)


async def _visible_note(ctx: Ctx, note_id: UUID | str) -> tuple[Note, Conversation]:
    note = await get_scoped(ctx, Note, note_id, what="note")
    try:
        conversation = await get_visible_conversation(ctx, note.conversation_id)
    except NotFound:
        raise NotFound("note not found") from None
    return note, conversation


async def get_note(ctx: Ctx, note_id: UUID | str) -> Note:
    note, _ = await _visible_note(ctx, note_id)
    return note


# ---------------------------------------------------------------- changes


def _require_editor(ctx: Ctx, note: Note) -> None:
    if ctx.can("notes.manage_all"):
        return
    ctx.require("notes.write")
    if ctx.agent_id is None or note.author_id != ctx.agent_id:
        raise Forbidden("Only the author of a note can change it", details={"missing": ["notes.manage_all"]})


def _require_write_or_manage(ctx: Ctx) -> None:
    # Moderating others' notes (notes.manage_all) includes one's own, so either permission opens the door.
    if not ctx.can("notes.manage_all"):
        ctx.require("notes.write")


@transactional
async def create_note(ctx: Ctx, conversation_id: UUID | str, data: NoteInput | dict) -> Note:
    ctx.require("notes.write")
    data = parse(NoteInput, data)
    conversation = await get_visible_conversation(ctx, conversation_id)
    mentions = await resolve_mentions(ctx, data.content)
    note = await new_scoped(ctx, Note, conversation_id=conversation.id, author_id=ctx.agent_id,
                            content=data.content, mentions=mentions)
    _record(ctx, "note.created", note, conversation)
    _notify_mentioned(ctx, note, conversation, mentions)
    return note


@transactional
async def update_note(ctx: Ctx, note_id: UUID | str, data: NoteInput | dict) -> Note:
    _require_write_or_manage(ctx)
    data = parse(NoteInput, data)
    note, conversation = await _visible_note(ctx, note_id)
    _require_editor(ctx, note)
    if data.content == note.content:
        return note
    previous = list(note.mentions or [])
    mentions = await resolve_mentions(ctx, data.content, keep=previous)
    note.content = data.content
    note.mentions = mentions
    await note.save(update_fields=["content", "mentions", "updated_at"])
    _record(ctx, "note.updated", note, conversation)
    _notify_mentioned(ctx, note, conversation, [m for m in mentions if m not in previous])
    return note


@transactional
async def delete_note(ctx: Ctx, note_id: UUID | str) -> dict[str, str]:
    _require_write_or_manage(ctx)
    note, conversation = await _visible_note(ctx, note_id)
    _require_editor(ctx, note)
    await scoped(ctx, Note).filter(id=note.id).delete()
    _record(ctx, "note.deleted", note, conversation)
    return {"message": "Note deleted", "note_id": str(note.id), "conversation_id": str(conversation.id)}
