from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class WaTemplate(TenantOwned):
    """A WhatsApp message template of a tenant's WABA, as Meta knows it (name + language is
    Meta's identity of a template) plus our local header media URL, which Meta does not store."""

    integration_account = fields.ForeignKeyField(
        "models.IntegrationAccount", related_name="wa_templates", null=True, on_delete=fields.SET_NULL
    )
    waba_id = fields.CharField(max_length=64)
    meta_template_id = fields.CharField(max_length=64, null=True)
    name = fields.CharField(max_length=512)
    language = fields.CharField(max_length=15)
    category = fields.CharField(max_length=32)
    status = fields.CharField(max_length=32, default="PENDING")  # Meta's: PENDING, APPROVED, REJECTED, ...
    components = fields.JSONField(default=list)
    rejection_reason = fields.TextField(null=True)
    quality_score = fields.CharField(max_length=32, null=True)
    header_media_url = fields.CharField(max_length=2048, null=True)

    class Meta:
        table = "wa_templates"
        # Meta identifies a template by (WABA, name, language); sync upserts on it.
        unique_together = (("tenant", "waba_id", "name", "language"),)
        indexes = (Index(fields=("tenant_id", "status"), name="idx_wa_templates_tenant_status"),)
