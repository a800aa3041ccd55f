from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class ScheduledMessage(TenantOwned):
    """An outbound message to send at `send_at`. When due, a job turns it into an ordinary outbound
    message (resolvers.messages.send_message) and records which one (`sent_message`), or records
    why it could not (`error`); the claim, the message and the status change commit together."""

    conversation = fields.ForeignKeyField("models.Conversation", related_name="scheduled_messages",
                                          on_delete=fields.CASCADE)
    # Null only if the agent row itself is gone; agents are soft-deleted, so normally kept.
    created_by = fields.ForeignKeyField("models.Agent", related_name="scheduled_messages", null=True,
                                        on_delete=fields.SET_NULL)
    type = fields.CharField(max_length=16)  # text | template
    text = fields.TextField(null=True)
    content = fields.JSONField(default=dict)  # {"template": {...}} for templates, as on Message
    send_at = fields.DatetimeField()
    status = fields.CharField(max_length=16, default="pending")  # pending | sent | failed | cancelled
    sent_message = fields.ForeignKeyField("models.Message", related_name=False, null=True,
                                          on_delete=fields.SET_NULL)
    error = fields.JSONField(null=True)  # {code, message, details?} of a failed delivery
    processed_at = fields.DatetimeField(null=True)  # when the delivery job sent or failed it
    cancelled_at = fields.DatetimeField(null=True)
    cancelled_by = fields.ForeignKeyField("models.Agent", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "scheduled_messages"
        indexes = (
            Index(fields=("conversation_id", "send_at"), name="idx_sched_conv_send_at"),
            # The sweep: due rows still pending, oldest first.
            Index(fields=("status", "send_at"), name="idx_sched_status_send_at"),
        )
