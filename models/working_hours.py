from __future__ import annotations

from tortoise import fields

from models._base import TenantOwned

TENANT_SCOPE = "tenant"


class WorkingHours(TenantOwned):
    """A weekly schedule: the organization's, or one division's override of it. `scope` is
    "tenant" or the division's id, so one unique index allows a single schedule per scope on
    both backends (a unique index treats NULL division ids as distinct on PostgreSQL)."""

    scope = fields.CharField(max_length=36)
    division = fields.ForeignKeyField("models.Division", related_name=False, null=True, on_delete=fields.CASCADE)
    periods = fields.JSONField(default=list)  # [{"weekday": 0..6, "start": "HH:MM", "end": "HH:MM"}]
    holidays = fields.JSONField(default=list)  # ["YYYY-MM-DD", ...], sorted
    auto_reply_enabled = fields.BooleanField(default=False)
    auto_reply_text = fields.TextField(null=True)

    class Meta:
        table = "working_hours"
        unique_together = (("tenant", "scope"),)


class AutoReply(TenantOwned):
    """The out-of-hours auto-reply a conversation got in one closed period. The unique pair is
    what makes it "once per conversation per closed period", even when the event that triggers
    it is dispatched twice at the same time."""

    conversation = fields.ForeignKeyField("models.Conversation", related_name=False, on_delete=fields.CASCADE)
    # When the closed period ends (UTC ISO), or "closed" for a schedule that never opens.
    period_key = fields.CharField(max_length=40)
    message_id = fields.UUIDField(null=True)

    class Meta:
        table = "working_hours_auto_replies"
        unique_together = (("conversation", "period_key"),)
