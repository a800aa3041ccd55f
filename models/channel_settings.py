from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned


class ChannelSettings(TenantOwned):
    """A tenant's settings of one channel (PUT/GET/DELETE /api/integrations/{channel}). The
    credentials live on the channel's integration accounts; these are the channel-wide switches.
    A channel without a row follows the defaults (see resolvers/channel_settings.py)."""

    channel = fields.CharField(max_length=16)  # whatsapp | instagram | messenger | email
    enabled = fields.BooleanField(default=True)
    auto_assign = fields.BooleanField(default=False)
    use_working_hours = fields.BooleanField(default=True)
    display_name = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "channel_settings"
        unique_together = (("tenant", "channel"),)
