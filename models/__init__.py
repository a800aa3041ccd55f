"""Every model, re-exported so Tortoise loads one module ("models")."""

from models.agents import Agent
from models.api_keys import ApiKey
from models.auth import RevokedToken
from models.contacts import Contact
from models.conversations import Conversation
from models.events import OutboxEvent
from models.integrations import IntegrationAccount
from models.messages import Message
from models.roles import Role
from models.super_admin import SuperAdmin
from models.tenants import Tenant
from models.webhooks import InboundWebhook

__all__ = [
    "Agent", "ApiKey", "Contact", "Conversation", "InboundWebhook", "IntegrationAccount", "Message",
    "OutboxEvent", "RevokedToken", "Role", "SuperAdmin", "Tenant",
]
