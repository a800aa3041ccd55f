from __future__ import annotations

from datetime import UTC, datetime

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


def _now() -> datetime:
    return datetime.now(UTC)


class Message(TenantOwned):
    """A message in a conversation. For inbound messages created_at is the provider's timestamp
    (when the customer wrote), not when we processed it, hence no auto_now_add here."""

    conversation = fields.ForeignKeyField("models.Conversation", related_name="messages", on_delete=fields.CASCADE)
    direction = fields.CharField(max_length=8)  # inbound | outbound
    type = fields.CharField(max_length=24)
    text = fields.TextField(null=True)
    content = fields.JSONField(default=dict)
    status = fields.CharField(max_length=16)  # received | queued | sent | delivered | read | failed
    provider_message_id = fields.CharField(max_length=255, null=True)
    error = fields.JSONField(null=True)
    sender_agent = fields.ForeignKeyField("models.Agent", related_name="messages", null=True, on_delete=fields.SET_NULL)
    context_message_id = fields.CharField(max_length=255, null=True)
    sent_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    read_at = fields.DatetimeField(null=True)
    failed_at = fields.DatetimeField(null=True)
    # Outbound send lock: set by the worker that sends, so a duplicate job cannot send twice.
    claimed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(default=_now)

    class Meta:
        table = "messages"
        unique_together = (("tenant", "provider_message_id"),)
        indexes = (
            Index(fields=("conversation_id", "created_at"), name="idx_messages_conv_created"),
            Index(fields=("status", "created_at"), name="idx_messages_status_created"),
            # Search ranks the newest matches of a tenant (resolvers/messages.py), read newest first.
            Index(fields=("tenant_id", "created_at"), name="idx_messages_tenant_created"),
        )
