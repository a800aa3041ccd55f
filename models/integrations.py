from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class IntegrationAccount(TenantOwned):
    """A channel account of a tenant (a WhatsApp number, a Page, an Instagram account, a mailbox).
    `external_id` routes inbound webhooks to it (phone_number_id, page id, ...); secrets are
    stored encrypted in `secrets_encrypted` and never returned."""

    channel = fields.CharField(max_length=16)
    name = fields.CharField(max_length=200)
    external_id = fields.CharField(max_length=255)
    config = fields.JSONField(default=dict)  # non-secret settings (waba_id, display number, ...)
    secrets_encrypted = fields.TextField(default="")
    is_default = fields.BooleanField(default=False)
    status = fields.CharField(max_length=16, default="active")

    class Meta:
        table = "integration_accounts"
        # One provider account belongs to one tenant: that is what makes routing unambiguous.
        unique_together = (("channel", "external_id"),)
        indexes = (Index(fields=("tenant_id", "channel"), name="idx_integration_tenant_channel"),)
