from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class Contact(TenantOwned):
    """A customer as one channel knows them: (channel, external_id) is their address there
    (WhatsApp wa_id, Instagram-scoped id, Messenger PSID, email address)."""

    channel = fields.CharField(max_length=16)  # whatsapp | instagram | messenger | email
    external_id = fields.CharField(max_length=255)
    name = fields.CharField(max_length=255, null=True)
    phone = fields.CharField(max_length=32, null=True)
    email = fields.CharField(max_length=254, null=True)
    avatar_url = fields.CharField(max_length=1000, null=True)
    custom_attributes = fields.JSONField(default=dict)
    last_inbound_at = fields.DatetimeField(null=True)

    class Meta:
        table = "contacts"
        unique_together = (("tenant", "channel", "external_id"),)
        indexes = (Index(fields=("tenant_id", "updated_at"), name="idx_contacts_tenant_updated"),)
