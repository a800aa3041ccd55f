from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from models._base import TenantOwned


class Division(TenantOwned):
    """A team of agents (Sales, Support, ...). Conversations may belong to one."""

    name = fields.CharField(max_length=100)
    description = fields.CharField(max_length=1000, null=True)

    class Meta:
        table = "divisions"
        unique_together = (("tenant", "name"),)


class DivisionMember(TenantOwned):
    """An agent's membership of a division; an agent may be in several. A row of its own (not a
    Tortoise M2M) so that it carries the tenant and goes through the scoping helpers."""

    division = fields.ForeignKeyField("models.Division", related_name="memberships", on_delete=fields.CASCADE)
    agent = fields.ForeignKeyField("models.Agent", related_name="division_memberships", on_delete=fields.CASCADE)

    class Meta:
        table = "division_members"
        unique_together = (("division", "agent"),)
        indexes = (Index(fields=("tenant_id", "agent_id"), name="idx_division_member_agent"),)


class Transfer(TenantOwned):
    """One hand-over of a conversation: its assignee and division before and after, why, and by
    whom. Division ids are plain columns, not foreign keys, so deleting a division does not
    rewrite the history that mentions it."""

    conversation = fields.ForeignKeyField("models.Conversation", related_name="transfers", on_delete=fields.CASCADE)
    # Agents are soft-deleted, so these keep pointing at a readable row.
    from_agent = fields.ForeignKeyField("models.Agent", related_name=False, null=True, on_delete=fields.SET_NULL)
    to_agent = fields.ForeignKeyField("models.Agent", related_name=False, null=True, on_delete=fields.SET_NULL)
    from_division_id = fields.UUIDField(null=True)
    to_division_id = fields.UUIDField(null=True)
    reason = fields.CharField(max_length=1000, null=True)
    transferred_by = fields.ForeignKeyField("models.Agent", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "conversation_transfers"
        indexes = (Index(fields=("conversation_id", "created_at"), name="idx_transfer_conversation"),)
