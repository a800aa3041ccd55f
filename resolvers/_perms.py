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
}

# Admin-only permissions; a supervisor holds everything else.
_ADMIN_ONLY = {"agents.manage", "roles.manage", "integrations.manage"}

_AGENT = {
    "agents.read",
    "roles.read",
    "api_keys.manage",
    "conversations.read",
    "conversations.update",
    "messages.send",
    "contacts.read",
    "contacts.update",
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
