"""Every model, re-exported so Tortoise loads one module ("models")."""

from models.activity_logs import ActivityLog
from models.agents import Agent
from models.api_keys import ApiKey
from models.auth import RevokedToken
from models.channel_settings import ChannelSettings
from models.chat_expiration import ChatExpirationRule
from models.contacts import Contact
from models.conversations import Conversation
from models.divisions import Division, DivisionMember, Transfer
from models.events import OutboxEvent
from models.integrations import IntegrationAccount
from models.media import MediaFile, MessageMedia
from models.messages import Message
from models.notes import Note
from models.quick_replies import QuickReply, QuickReplyFavorite
from models.roles import Role
from models.scheduled_messages import ScheduledMessage
from models.super_admin import SuperAdmin
from models.templates import WaTemplate
from models.tenants import Tenant
from models.webhooks import InboundWebhook
from models.working_hours import AutoReply, WorkingHours

__all__ = [
    "ActivityLog", "Agent", "ApiKey", "Contact", "Conversation", "InboundWebhook", "IntegrationAccount", "Message",
    "Note", "OutboxEvent", "RevokedToken", "Role", "SuperAdmin", "Tenant",
    "Division", "DivisionMember", "Transfer",
    "ScheduledMessage",
    "AutoReply", "ChatExpirationRule", "WorkingHours",
    "QuickReply", "QuickReplyFavorite",
    "WaTemplate",
    "MediaFile", "MessageMedia",
    "ChannelSettings",
]
