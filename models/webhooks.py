from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class InboundWebhook(Model):
    """A provider's webhook as received, stored before it is processed, so nothing is lost
    when a worker is down. `dedupe_key` makes a re-delivery of the same body a no-op.
    Not tenant-owned: routing to a tenant happens when it is processed."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    provider = fields.CharField(max_length=16)  # meta | email
    dedupe_key = fields.CharField(max_length=128, unique=True)
    body = fields.TextField()
    received_at = fields.DatetimeField(auto_now_add=True)
    processed_at = fields.DatetimeField(null=True)
    error = fields.TextField(null=True)
    attempts = fields.IntField(default=0)

    class Meta:
        table = "inbound_webhooks"
