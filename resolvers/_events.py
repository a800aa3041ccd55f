"""The event catalogue: every event a resolver may record. The same list is the outgoing
webhook event-type list and the `type` of live inbox events. Dotted, past tense."""

from __future__ import annotations

EVENTS: dict[str, str] = {
    "tenant.created": "An organization registered",
    "agent.created": "An agent was added",
    "agent.updated": "An agent's profile or role changed",
    "agent.deleted": "An agent was deleted",
    "agent.status_changed": "An agent went online or offline",
    "agent.logged_in": "An agent logged in",
    "agent.logged_out": "An agent logged out",
    "role.created": "A custom role was created",
    "role.updated": "A custom role changed",
    "role.deleted": "A custom role was deleted",
    "api_key.created": "An API key was created",
    "api_key.revoked": "An API key was revoked",
}
