"""Uploaded media files: the metadata row of a file kept by a storage backend
(connectors/storage.py) under a generated key, never under the client's name."""

from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned


class MediaFile(TenantOwned):
    filename = fields.CharField(max_length=255)  # sanitised display name (Content-Disposition)
    content_type = fields.CharField(max_length=100)  # sniffed from the bytes, never the client's claim
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    backend = fields.CharField(max_length=16)  # "local" | "s3": which connector holds the bytes
    storage_key = fields.CharField(max_length=255)
    uploaded_by = fields.ForeignKeyField("models.Agent", null=True, related_name=False, on_delete=fields.SET_NULL)

    class Meta:
        table = "media_files"
