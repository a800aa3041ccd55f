"""The permission catalogue and the built-in roles. Roles are sets of these strings; every
resolver asks for one of them through Ctx.require()."""

from __future__ import annotations

PERMISSIONS: dict[str, str] = {
    "agents.read": "View agents of the organization",
    "agents.manage": "Create, update and delete agents",
    "agents.status.manage": "Change another agent's online/offline status",
    "roles.read": "View roles and the permission catalogue",
    "roles.manage": "Create, update and delete custom roles",
    "api_keys.manage": "Create, list and revoke one's own API keys",
    "conversations.read": "View one's own and unassigned conversations",
    "conversations.read_all": "View every conversation of the organization",
    "conversations.update": "Change status, tags and read state; take over conversations",
    "conversations.assign": "Assign and unassign conversations to agents",
    "conversations.bulk": "Apply bulk actions to conversations",
    "conversations.expire": "Expire stale conversations",
    "messages.send": "Send messages to customers",
    "contacts.read": "View contacts",
    "contacts.update": "Update contacts",
    "integrations.manage": "Manage channel integrations and their credentials",
    "quick_replies.read": "View, use, favorite and export shared and one's own quick replies",
    "quick_replies.manage": "Create, update and delete one's own personal quick replies",
    "quick_replies.manage_shared": "Create, update, delete and import the organization's shared quick replies",
    "scheduled_messages.write": "Schedule messages in visible conversations; cancel one's own",
    "scheduled_messages.manage_all": "Cancel any agent's scheduled messages",
    "notes.write": "Add internal notes to visible conversations; edit and delete one's own",
    "notes.manage_all": "Edit and delete any agent's notes",
    "activity_logs.read": "View the activity log (who did what, when, as which principal)",
    "divisions.read": "View divisions and their agents",
    "divisions.manage": "Create, update and delete divisions; add and remove their agents",
    "conversations.transfer": "Transfer a visible conversation to an agent or a division, with a reason",
    "working_hours.read": "View working hours, division overrides and the organization's timezone",
    "working_hours.manage": "Set working hours, holidays, auto-reply, division overrides and the timezone",
    "chat_expiration.read": "View the per-channel chat expiration rules",
    "chat_expiration.manage": "Set the per-channel chat expiration rules",
    "wa_templates.read": "View WhatsApp message templates",
    "wa_templates.manage": "Create, sync and delete WhatsApp message templates; set their header media",
    "media.upload": "Upload media files (images, documents, audio, video) to send in conversations",
    "media.read": "Download the organization's media files",
}

# Admin-only permissions; a supervisor holds everything else.
_ADMIN_ONLY = {"agents.manage", "roles.manage", "integrations.manage", "divisions.manage", "working_hours.manage", "chat_expiration.manage",
               "wa_templates.manage"}

_AGENT = {
    "agents.read",
    "roles.read",
    "api_keys.manage",
    "conversations.read",
    "conversations.update",
    "messages.send",
    "contacts.read",
    "contacts.update",
    "quick_replies.read",
    "quick_replies.manage",
    "scheduled_messages.write",
    "notes.write",
    "divisions.read",
    "conversations.transfer",
    "working_hours.read",
    "wa_templates.read",
    "media.upload",
    "media.read",
}

BUILTIN_ROLES: dict[str, tuple[str, str]] = {
    "admin": ("Admin", "Full access to the organization"),
    "supervisor": ("Supervisor", "Sees and routes every conversation; cannot manage agents or roles"),
    "agent": ("Agent", "Works their own and unassigned conversations"),
}


def builtin_permissions(role_key: str) -> frozenset[str]:
    """Computed, not stored, so a permission added in a release reaches existing tenants."""
    if role_key == "admin":
        return frozenset(PERMISSIONS)
    if role_key == "supervisor":
        return frozenset(PERMISSIONS) - _ADMIN_ONLY
    if role_key == "agent":
        return frozenset(_AGENT)
    raise KeyError(role_key)


def unknown_permissions(perms: list[str] | set[str] | frozenset[str]) -> list[str]:
    return sorted(p for p in perms if p not in PERMISSIONS)
