from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class Conversation(TenantOwned):
    """One thread with one contact on one channel. A customer's next message joins their open or
    pending conversation, or opens a new one once it is resolved or expired."""

    contact = fields.ForeignKeyField("models.Contact", related_name="conversations", on_delete=fields.CASCADE)
    integration_account = fields.ForeignKeyField(
        "models.IntegrationAccount", related_name="conversations", null=True, on_delete=fields.SET_NULL
    )
    channel = fields.CharField(max_length=16)
    status = fields.CharField(max_length=16, default="open")  # open | pending | resolved | expired
    assigned_agent = fields.ForeignKeyField("models.Agent", related_name="conversations", null=True,
                                            on_delete=fields.SET_NULL)
    tags = fields.JSONField(default=list)  # portable list of strings (no JSON filters on SQLite)
    unread_count = fields.IntField(default=0)
    last_message_at = fields.DatetimeField()
    last_inbound_at = fields.DatetimeField(null=True)  # opens WhatsApp's 24-hour window
    last_message_preview = fields.CharField(max_length=200, null=True)
    resolved_at = fields.DatetimeField(null=True)
    # The team it belongs to (assignment and transfer set it); deleting a division with open
    # conversations is refused unless they are moved (resolvers/divisions.delete_division).
    division = fields.ForeignKeyField("models.Division", related_name="conversations", null=True,
                                      on_delete=fields.SET_NULL)

    class Meta:
        table = "conversations"
        indexes = (
            Index(fields=("tenant_id", "last_message_at"), name="idx_conv_tenant_activity"),
            Index(fields=("tenant_id", "status", "last_message_at"), name="idx_conv_tenant_status"),
            Index(fields=("tenant_id", "assigned_agent_id", "last_message_at"), name="idx_conv_tenant_assignee"),
            Index(fields=("contact_id", "status"), name="idx_conv_contact_status"),
            Index(fields=("division_id", "status"), name="idx_conv_division_status"),
        )
