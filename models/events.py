from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model


class OutboxEvent(Model):
    """Written in the same transaction as the change it describes; published and dispatched
    after commit. A sweep re-dispatches rows left with dispatched_at NULL."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    tenant_id = fields.UUIDField(null=True)
    type = fields.CharField(max_length=64)
    payload = fields.JSONField(default=dict)
    actor = fields.JSONField(default=dict)
    conversation_id = fields.UUIDField(null=True)
    assigned_agent_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    dispatched_at = fields.DatetimeField(null=True)
    sweeps = fields.IntField(default=0)  # times the sweep had to rescue it

    class Meta:
        table = "event_outbox"
        indexes = (Index(fields=("dispatched_at", "created_at"), name="idx_outbox_pending"),)
