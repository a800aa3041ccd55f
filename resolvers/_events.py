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
    "integration_account.created": "A channel account (WhatsApp number, ...) was connected",
    "integration_account.updated": "A channel account's settings, credentials or default flag changed",
    "integration_account.deleted": "A channel account was disconnected",
    "contact.created": "A contact wrote for the first time",
    "contact.updated": "A contact's details changed",
    "conversation.created": "A conversation was opened",
    "conversation.updated": "A conversation's status, tags or read state changed",
    "conversation.assigned": "A conversation was assigned, unassigned or taken over",
    "conversation.expired": "A conversation expired after inactivity",
    "message.created": "A message was received or queued for sending",
    "message.status_changed": "An outbound message was sent, delivered, read or failed",
}
