from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class Note(TenantOwned):
    """An internal note on a conversation: seen by the team, never sent to the customer."""

    conversation = fields.ForeignKeyField("models.Conversation", related_name="notes", on_delete=fields.CASCADE)
    # Null for notes written by the system (jobs); agents are soft-deleted, so a note keeps its author.
    author = fields.ForeignKeyField("models.Agent", related_name="notes", null=True, on_delete=fields.SET_NULL)
    content = fields.TextField()
    # Ids (strings) of the agents the content mentions; a portable JSON list, no join table needed.
    mentions = fields.JSONField(default=list)

    class Meta:
        table = "notes"
        indexes = (Index(fields=("conversation_id", "created_at"), name="idx_notes_conv_created"),)
