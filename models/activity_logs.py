from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class ActivityLog(TenantOwned):
    """One entry per outbox event: who did what to which object, when, as which principal.

    Written by the activity-log listener after commit, never by a resolver. `event_id` is
    unique, so an event dispatched twice still leaves one row."""

    event_id = fields.UUIDField(unique=True)
    # The principal, as recorded with the event: an agent, an API key (acting for its owner, the
    # actor), a super-admin impersonating an agent, or the system.
    actor_type = fields.CharField(max_length=16)
    actor_id = fields.UUIDField(null=True)
    api_key_id = fields.UUIDField(null=True)
    impersonator_id = fields.UUIDField(null=True)
    action = fields.CharField(max_length=64)  # the event type, e.g. "agent.created"
    object_type = fields.CharField(max_length=64, null=True)
    object_id = fields.CharField(max_length=64, null=True)
    details = fields.JSONField(default=dict)
    # The event's time, not the insert's (the listener may run much later, e.g. after a sweep).
    created_at = fields.DatetimeField()

    class Meta:
        table = "activity_logs"
        indexes = (
            Index(fields=("tenant_id", "created_at"), name="idx_activity_tenant_time"),
            Index(fields=("tenant_id", "action", "created_at"), name="idx_activity_tenant_action"),
            Index(fields=("tenant_id", "actor_id", "created_at"), name="idx_activity_tenant_actor"),
            Index(fields=("tenant_id", "object_type", "object_id", "created_at"), name="idx_activity_tenant_object"),
        )
