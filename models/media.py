"""Media files: the metadata row of a file kept by a storage backend (connectors/storage.py)
under a generated key, never under the client's name; and the media items of inbound messages,
fetched from the provider and stored once."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class MediaFile(TenantOwned):
    filename = fields.CharField(max_length=255)  # sanitised display name (Content-Disposition)
    content_type = fields.CharField(max_length=100)  # sniffed from the bytes, never the client's claim
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    backend = fields.CharField(max_length=16)  # "local" | "s3": which connector holds the bytes
    storage_key = fields.CharField(max_length=255)
    uploaded_by = fields.ForeignKeyField("models.Agent", null=True, related_name=False, on_delete=fields.SET_NULL)
    # "upload", or the channel an inbound file came from. With source_key (the provider's media
    # id, or a key derived from the message) an inbound file is stored once per tenant, however
    # often its webhook is re-delivered or its fetch job runs (NULL keys never collide: uploads).
    source = fields.CharField(max_length=16, default="upload")
    source_key = fields.CharField(max_length=255, null=True)

    class Meta:
        table = "media_files"
        unique_together = (("tenant", "source", "source_key"),)


class MessageMedia(TenantOwned):
    """One media item of an inbound message (a WhatsApp media id, a Messenger / Instagram
    attachment, an email attachment) and its fetch: pending -> stored (media_file) | failed (error).
    Also the index that tells which provider media ids a tenant's messages reference."""

    message = fields.ForeignKeyField("models.Message", related_name=False, on_delete=fields.CASCADE)
    slot = fields.IntField()  # which item of the message: 0 for WhatsApp, the attachment's index otherwise
    source = fields.CharField(max_length=16)  # whatsapp | messenger | instagram | email
    provider_key = fields.CharField(max_length=255)  # MediaFile.source_key of the stored copy
    media_file = fields.ForeignKeyField("models.MediaFile", null=True, related_name=False,
                                        on_delete=fields.SET_NULL)
    status = fields.CharField(max_length=16, default="pending")  # pending | stored | failed
    error = fields.JSONField(null=True)  # {code, message} of a permanent failure

    class Meta:
        table = "message_media"
        unique_together = (("message", "slot"),)
        indexes = (Index(fields=("tenant_id", "source", "provider_key"), name="idx_message_media_provider"),)
