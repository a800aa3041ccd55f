"""THE route table: every REST endpoint, as data. Starlette routes (rest_compat/http.py) and
the OpenAPI document (rest_compat/openapi.py) are generated from it. A documented row of
endpoints.tsv that is not served yet is in PENDING (and answers 404)."""

from __future__ import annotations

import csv
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from resolvers import (
    activity_logs,
    agents,
    api_keys,
    auth,
    channel_settings,
    chat_expiration,
    contacts,
    conversations,
    divisions,
    email,
    health,
    integrations,
    media,
    messages,
    meta_admin,
    meta_oauth,
    notes,
    quick_replies,
    roles,
    scheduled_messages,
    templates,
    transfers,
    webhooks,
    working_hours,
)
from resolvers._pagination import PageParams
from rest_compat.presenters._base import MessageOut, Presenter
from rest_compat.presenters.activity_logs import ActivityLogOut
from rest_compat.presenters.agents import AgentOut
from rest_compat.presenters.api_keys import ApiKeyOut, CreatedApiKeyOut
from rest_compat.presenters.auth import RegisteredOut, SessionOut, TokenOut
from rest_compat.presenters.channel_settings import ChannelSettingsDeletedOut, ChannelSettingsOut
from rest_compat.presenters.chat_expiration import ChatExpirationRuleOut
from rest_compat.presenters.contacts import ContactOut
from rest_compat.presenters.conversations import (
    AssignedOut,
    BulkOut,
    ConversationOut,
    ExpiredOut,
    ReadOut,
    StatusOut,
    TagsOut,
)
from rest_compat.presenters.divisions import DivisionDeletedOut, DivisionDetailOut, DivisionOut
from rest_compat.presenters.health import HealthOut
from rest_compat.presenters.integrations import IntegrationAccountOut
from rest_compat.presenters.media import MediaFileBodyOut, MediaOut
from rest_compat.presenters.messages import MessageObjectOut
from rest_compat.presenters.meta_admin import (
    EmbeddedSignupConfigOut,
    EmbeddedSignupDoneOut,
    OAuthConfigOut,
    OAuthConnectedOut,
    PageDisconnectedOut,
    PersistentMenuOut,
    SubscribedPagesOut,
    WhatsAppHealthOut,
)
from rest_compat.presenters.notes import NoteDeletedOut, NoteOut
from rest_compat.presenters.quick_replies import QuickRepliesCsvOut, QuickRepliesImportOut, QuickReplyOut
from rest_compat.presenters.roles import PermissionOut, RoleOut
from rest_compat.presenters.scheduled_messages import ScheduledMessageOut
from rest_compat.presenters.templates import WaTemplateDeletedOut, WaTemplateOut, WaTemplateSyncOut
from rest_compat.presenters.transfers import TransferOut
from rest_compat.presenters.webhooks import ChallengeOut, WebhookAckOut
from rest_compat.presenters.working_hours import (
    OverrideDeletedOut,
    TimezoneOut,
    WorkingHoursOut,
    WorkingHoursStatusOut,
)

ENDPOINTS_TSV = Path(__file__).with_name("endpoints.tsv")


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    call: Callable[..., Awaitable[Any]]
    presenter: type[Presenter]
    status: int = 200
    body: type[BaseModel] | None = None  # JSON body -> resolver keyword `data`
    query: type[BaseModel] | None = None  # query string -> resolver keyword `params`
    raw: bool = False  # raw body bytes + headers -> resolver keywords `raw`, `headers` (signed webhooks)
    # multipart/form-data file field of this name -> resolver keyword `upload` (rest_compat.http.UploadedFile:
    # filename, content_type, `await upload.read()`); bodies over max_upload_bytes are refused (413).
    upload: str | None = None
    max_upload_bytes: int | Callable[[], int] = 10 * 1024 * 1024  # or a callable read per request (a setting)
    path_args: dict[str, str] = field(default_factory=dict)  # {path param: resolver keyword}
    # Path params named like ids (`*_id`) that are provider ids (a Facebook page id), not UUIDs.
    text_params: frozenset[str] = frozenset()
    many: bool = False  # a Page: JSON array + X-Total-Count
    public: bool = False
    # Door-specific finishing touches (session cookie, status from the result).
    respond: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    @property
    def upload_limit(self) -> int:
        limit = self.max_upload_bytes
        return limit() if callable(limit) else limit


ID = {"id": "agent_id"}
CONV = {"id": "conversation_id"}
QR = {"id": "quick_reply_id"}
DIV = {"id": "division_id"}
WAT = {"id": "template_id"}


class EmailWebhookQuery(BaseModel):
    """The inbound token the email account's create response showed once."""

    model_config = ConfigDict(extra="allow")
    token: str | None = Field(None, description="The email integration account's inbound_token")


class MetaHandshake(BaseModel):
    """Meta's verification query (hub.mode, hub.verify_token, hub.challenge)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    hub_mode: str | None = Field(None, alias="hub.mode")
    hub_verify_token: str | None = Field(None, alias="hub.verify_token")
    hub_challenge: str | None = Field(None, alias="hub.challenge")

ENDPOINTS: tuple[Endpoint, ...] = (
    # Auth
    Endpoint("POST", "/api/auth/register", auth.register, RegisteredOut, 201, body=auth.RegisterInput, public=True, respond="set_session_cookie"),
    Endpoint("POST", "/api/auth/login", auth.login, SessionOut, body=auth.LoginInput, public=True, respond="set_session_cookie"),
    Endpoint("GET", "/api/auth/me", auth.me, AgentOut),
    Endpoint("GET", "/api/auth/refresh", auth.refresh, TokenOut, respond="set_session_cookie"),
    Endpoint("POST", "/api/auth/logout", auth.logout, MessageOut, respond="clear_session_cookie"),
    # Agents
    Endpoint("GET", "/api/agents", agents.list_agents, AgentOut, query=agents.AgentFilter, many=True),
    Endpoint("POST", "/api/agents", agents.create_agent, AgentOut, 201, body=agents.AgentCreate),
    Endpoint("GET", "/api/agents/{id}", agents.get_agent, AgentOut, path_args=ID),
    Endpoint("PATCH", "/api/agents/{id}", agents.update_agent, AgentOut, body=agents.AgentUpdate, path_args=ID),
    Endpoint("DELETE", "/api/agents/{id}", agents.delete_agent, MessageOut, path_args=ID),
    Endpoint("PATCH", "/api/agents/{id}/status", agents.set_agent_status, AgentOut, body=agents.AgentStatusInput, path_args=ID),
    # Roles
    Endpoint("GET", "/api/roles", roles.list_roles, RoleOut, query=PageParams, many=True),
    Endpoint("POST", "/api/roles", roles.create_role, RoleOut, 201, body=roles.RoleCreate),
    Endpoint("GET", "/api/roles/{id}", roles.get_role, RoleOut, path_args={"id": "role_id"}),
    Endpoint("PATCH", "/api/roles/{id}", roles.update_role, RoleOut, body=roles.RoleUpdate, path_args={"id": "role_id"}),
    Endpoint("DELETE", "/api/roles/{id}", roles.delete_role, MessageOut, path_args={"id": "role_id"}),
    Endpoint("GET", "/api/permissions", roles.list_permissions, PermissionOut),
    # API keys
    Endpoint("GET", "/api/api-keys", api_keys.list_api_keys, ApiKeyOut, query=PageParams, many=True),
    Endpoint("POST", "/api/api-keys", api_keys.create_api_key, CreatedApiKeyOut, 201, body=api_keys.ApiKeyCreate),
    Endpoint("DELETE", "/api/api-keys/{id}", api_keys.revoke_api_key, MessageOut, path_args={"id": "api_key_id"}),
    # Health
    Endpoint("GET", "/api/health", health.health, HealthOut, public=True, respond="status_from_health"),
    # Conversations
    Endpoint("GET", "/api/conversations", conversations.list_conversations, ConversationOut,
             query=conversations.ConversationFilter, many=True),
    Endpoint("GET", "/api/conversations/{id}", conversations.get_conversation, ConversationOut, path_args=CONV),
    Endpoint("PATCH", "/api/conversations/{id}/assign", conversations.assign_conversation, AssignedOut,
             body=conversations.AssignInput, path_args=CONV),
    Endpoint("PATCH", "/api/conversations/{id}/status", conversations.set_conversation_status, StatusOut,
             body=conversations.StatusInput, path_args=CONV),
    Endpoint("POST", "/api/conversations/{id}/read", conversations.mark_conversation_read, ReadOut, path_args=CONV),
    Endpoint("POST", "/api/conversations/expire", conversations.expire_conversations, ExpiredOut),
    Endpoint("PATCH", "/api/conversations/{id}/tags", conversations.set_conversation_tags, TagsOut,
             body=conversations.TagsInput, path_args=CONV),
    Endpoint("POST", "/api/conversations/{id}/takeover", conversations.takeover_conversation, AssignedOut,
             path_args=CONV),
    Endpoint("POST", "/api/conversations/bulk", conversations.bulk_conversations, BulkOut, body=conversations.BulkInput),
    # Messages
    Endpoint("GET", "/api/conversations/{id}/messages", messages.list_messages, MessageObjectOut,
             query=messages.MessageListParams, path_args=CONV, many=True),
    Endpoint("POST", "/api/conversations/{id}/messages", messages.send_message, MessageObjectOut, 201,
             body=messages.SendMessageInput, path_args=CONV),
    Endpoint("GET", "/api/messages/search", messages.search_messages, MessageObjectOut, query=messages.SearchParams,
             many=True),
    # Contacts
    Endpoint("GET", "/api/contacts", contacts.list_contacts, ContactOut, query=contacts.ContactFilter, many=True),
    Endpoint("GET", "/api/contacts/{id}", contacts.get_contact, ContactOut, path_args={"id": "contact_id"}),
    Endpoint("PATCH", "/api/contacts/{id}", contacts.update_contact, ContactOut, body=contacts.ContactUpdate,
             path_args={"id": "contact_id"}),
    Endpoint("GET", "/api/contacts/{id}/conversations", contacts.list_contact_conversations, ConversationOut,
             query=PageParams, path_args={"id": "contact_id"}, many=True),
    # Integrations
    Endpoint("GET", "/api/integration-accounts", integrations.list_integration_accounts, IntegrationAccountOut,
             query=integrations.IntegrationAccountFilter, many=True),
    Endpoint("POST", "/api/integration-accounts", integrations.create_integration_account, IntegrationAccountOut, 201,
             body=integrations.IntegrationAccountCreate),
    Endpoint("GET", "/api/integration-accounts/{id}", integrations.get_integration_account, IntegrationAccountOut,
             path_args={"id": "account_id"}),
    Endpoint("PATCH", "/api/integration-accounts/{id}", integrations.update_integration_account, IntegrationAccountOut,
             body=integrations.IntegrationAccountUpdate, path_args={"id": "account_id"}),
    Endpoint("DELETE", "/api/integration-accounts/{id}", integrations.delete_integration_account, MessageOut,
             path_args={"id": "account_id"}),
    Endpoint("POST", "/api/integration-accounts/{id}/default", integrations.set_default_integration_account,
             IntegrationAccountOut, path_args={"id": "account_id"}),
    # Integrations: per-channel settings ({channel} is a channel name, validated by the resolver)
    Endpoint("GET", "/api/integrations", channel_settings.list_channel_settings, ChannelSettingsOut,
             query=PageParams, many=True),
    Endpoint("GET", "/api/integrations/{channel}", channel_settings.get_channel_settings, ChannelSettingsOut),
    Endpoint("PUT", "/api/integrations/{channel}", channel_settings.set_channel_settings, ChannelSettingsOut,
             body=channel_settings.ChannelSettingsInput),
    Endpoint("DELETE", "/api/integrations/{channel}", channel_settings.delete_channel_settings,
             ChannelSettingsDeletedOut),
    # Integrations: Meta admin calls through the Graph API (Graph errors: 502 UPSTREAM_FAILED)
    Endpoint("GET", "/api/integrations/whatsapp/health", meta_admin.whatsapp_health, WhatsAppHealthOut,
             query=meta_admin.AccountParams),
    Endpoint("GET", "/api/integrations/messenger/persistent-menu", meta_admin.get_persistent_menu,
             PersistentMenuOut, query=meta_admin.AccountParams),
    Endpoint("POST", "/api/integrations/messenger/persistent-menu", meta_admin.set_persistent_menu,
             PersistentMenuOut, body=meta_admin.PersistentMenuInput),
    Endpoint("POST", "/api/integrations/messenger/pages/subscribe", meta_admin.subscribe_messenger_pages,
             SubscribedPagesOut, body=meta_admin.SubscribePagesInput),
    Endpoint("POST", "/api/integrations/messenger/pages/{page_id}/disconnect", meta_admin.disconnect_messenger_page,
             PageDisconnectedOut, text_params=frozenset({"page_id"})),
    # Integrations: Facebook Login (OAuth) for Messenger pages and Instagram accounts
    Endpoint("GET", "/api/integrations/messenger/oauth", meta_oauth.messenger_oauth_config, OAuthConfigOut),
    Endpoint("POST", "/api/integrations/messenger/oauth", meta_oauth.messenger_oauth_connect, OAuthConnectedOut,
             body=meta_oauth.OAuthConnectInput),
    Endpoint("GET", "/api/integrations/instagram/oauth", meta_oauth.instagram_oauth_config, OAuthConfigOut),
    Endpoint("POST", "/api/integrations/instagram/oauth", meta_oauth.instagram_oauth_connect, OAuthConnectedOut,
             body=meta_oauth.OAuthConnectInput),
    Endpoint("GET", "/api/integrations/whatsapp/embedded-signup", meta_oauth.embedded_signup_config,
             EmbeddedSignupConfigOut),
    Endpoint("POST", "/api/integrations/whatsapp/embedded-signup", meta_oauth.complete_embedded_signup,
             EmbeddedSignupDoneOut, body=meta_oauth.EmbeddedSignupInput),
    # Webhooks (authenticated by Meta's verify token and signature, not by our credentials)
    Endpoint("GET", "/api/webhooks/meta", webhooks.verify_meta_subscription, ChallengeOut, query=MetaHandshake,
             public=True),
    Endpoint("POST", "/api/webhooks/meta", webhooks.receive_meta_webhook, WebhookAckOut, raw=True, public=True),
    # (authenticated by the email account's inbound token in ?token=)
    Endpoint("POST", "/api/webhooks/email", email.receive_email_webhook, WebhookAckOut, query=EmailWebhookQuery,
             raw=True, public=True),
    # Messenger / Instagram: the same handshake, signature and pipeline (routed by the body's `object`)
    Endpoint("GET", "/api/webhooks/messenger", webhooks.verify_messenger_subscription, ChallengeOut, query=MetaHandshake,
             public=True),
    Endpoint("POST", "/api/webhooks/messenger", webhooks.receive_messenger_webhook, WebhookAckOut, raw=True, public=True),
    Endpoint("GET", "/api/webhooks/instagram", webhooks.verify_instagram_subscription, ChallengeOut, query=MetaHandshake,
             public=True),
    Endpoint("POST", "/api/webhooks/instagram", webhooks.receive_instagram_webhook, WebhookAckOut, raw=True, public=True),
    # Notes
    Endpoint("GET", "/api/conversations/{id}/notes", notes.list_notes, NoteOut, query=PageParams, path_args=CONV,
             many=True),
    Endpoint("POST", "/api/conversations/{id}/notes", notes.create_note, NoteOut, 201, body=notes.NoteInput,
             path_args=CONV),
    Endpoint("PATCH", "/api/notes/{id}", notes.update_note, NoteOut, body=notes.NoteInput, path_args={"id": "note_id"}),
    Endpoint("DELETE", "/api/notes/{id}", notes.delete_note, NoteDeletedOut, path_args={"id": "note_id"}),
    # Activity Logs
    Endpoint("GET", "/api/activity-logs", activity_logs.list_activity_logs, ActivityLogOut,
             query=activity_logs.ActivityLogFilter, many=True),
    # Divisions
    Endpoint("GET", "/api/divisions", divisions.list_divisions, DivisionOut, query=divisions.DivisionFilter, many=True),
    Endpoint("POST", "/api/divisions", divisions.create_division, DivisionDetailOut, 201, body=divisions.DivisionCreate),
    Endpoint("GET", "/api/divisions/{id}", divisions.get_division, DivisionDetailOut, path_args=DIV),
    Endpoint("PATCH", "/api/divisions/{id}", divisions.update_division, DivisionDetailOut,
             body=divisions.DivisionUpdate, path_args=DIV),
    # The division taking over its conversations: in the body or the query string.
    Endpoint("DELETE", "/api/divisions/{id}", divisions.delete_division, DivisionDeletedOut,
             body=divisions.DivisionDelete, query=divisions.DivisionDeleteParams, path_args=DIV),
    Endpoint("GET", "/api/divisions/{id}/agents", divisions.list_division_agents, AgentOut, query=PageParams,
             path_args=DIV, many=True),
    Endpoint("POST", "/api/divisions/{id}/agents", divisions.add_division_agents, DivisionDetailOut,
             body=divisions.DivisionAgentsInput, path_args=DIV),
    Endpoint("DELETE", "/api/divisions/{id}/agents", divisions.remove_division_agents, DivisionDetailOut,
             body=divisions.DivisionAgentsInput, path_args=DIV),
    # Transfers
    Endpoint("POST", "/api/conversations/{id}/transfer", transfers.transfer_conversation, TransferOut, 201,
             body=transfers.TransferInput, path_args=CONV),
    Endpoint("GET", "/api/conversations/{id}/transfers", transfers.list_transfers, TransferOut, query=PageParams,
             path_args=CONV, many=True),
    # Quick Replies
    Endpoint("GET", "/api/quick-replies", quick_replies.list_quick_replies, QuickReplyOut,
             query=quick_replies.QuickReplyFilter, many=True),
    Endpoint("POST", "/api/quick-replies", quick_replies.create_quick_reply, QuickReplyOut, 201,
             body=quick_replies.QuickReplyCreate),
    Endpoint("PATCH", "/api/quick-replies/{id}", quick_replies.update_quick_reply, QuickReplyOut,
             body=quick_replies.QuickReplyUpdate, path_args=QR),
    Endpoint("DELETE", "/api/quick-replies/{id}", quick_replies.delete_quick_reply, MessageOut, path_args=QR),
    Endpoint("GET", "/api/quick-replies/export", quick_replies.export_quick_replies, QuickRepliesCsvOut,
             query=quick_replies.QuickReplyExportParams),
    Endpoint("POST", "/api/quick-replies/import", quick_replies.import_quick_replies, QuickRepliesImportOut,
             upload="file", max_upload_bytes=quick_replies.MAX_IMPORT_BYTES),
    Endpoint("POST", "/api/quick-replies/{id}/use", quick_replies.use_quick_reply, QuickReplyOut, path_args=QR),
    Endpoint("POST", "/api/quick-replies/{id}/favorite", quick_replies.favorite_quick_reply, QuickReplyOut,
             path_args=QR),
    Endpoint("DELETE", "/api/quick-replies/{id}/favorite", quick_replies.unfavorite_quick_reply, QuickReplyOut,
             path_args=QR),
    # Scheduled Messages
    Endpoint("POST", "/api/conversations/{id}/scheduled-messages", scheduled_messages.schedule_message,
             ScheduledMessageOut, 201, body=scheduled_messages.ScheduleMessageInput, path_args=CONV),
    Endpoint("GET", "/api/conversations/{id}/scheduled-messages", scheduled_messages.list_scheduled_messages,
             ScheduledMessageOut, query=scheduled_messages.ScheduledMessageFilter, path_args=CONV, many=True),
    Endpoint("DELETE", "/api/scheduled-messages/{id}", scheduled_messages.cancel_scheduled_message,
             ScheduledMessageOut, path_args={"id": "scheduled_message_id"}),
    # Working Hours
    Endpoint("GET", "/api/working-hours", working_hours.get_working_hours, WorkingHoursOut),
    Endpoint("PUT", "/api/working-hours", working_hours.set_working_hours, WorkingHoursOut,
             body=working_hours.WorkingHoursInput),
    Endpoint("GET", "/api/divisions/{id}/working-hours", working_hours.get_division_working_hours, WorkingHoursOut,
             path_args={"id": "division_id"}),
    Endpoint("PUT", "/api/divisions/{id}/working-hours", working_hours.set_division_working_hours, WorkingHoursOut,
             body=working_hours.WorkingHoursInput, path_args={"id": "division_id"}),
    Endpoint("DELETE", "/api/divisions/{id}/working-hours", working_hours.delete_division_working_hours,
             OverrideDeletedOut, path_args={"id": "division_id"}),
    Endpoint("GET", "/api/tenant/timezone", working_hours.get_tenant_timezone, TimezoneOut),
    Endpoint("PUT", "/api/tenant/timezone", working_hours.set_tenant_timezone, TimezoneOut,
             body=working_hours.TimezoneInput),
    # Public: no credentials; the tenant is named by its slug (not a UUID, so not validated as one).
    Endpoint("GET", "/api/public/{tenant_slug}/working-hours/status", working_hours.working_hours_status,
             WorkingHoursStatusOut, query=working_hours.StatusParams, public=True),
    # Chat Expiration
    Endpoint("GET", "/api/chat-expiration-rules", chat_expiration.list_chat_expiration_rules, ChatExpirationRuleOut,
             query=PageParams, many=True),
    Endpoint("PUT", "/api/chat-expiration-rules/{channel}", chat_expiration.set_chat_expiration_rule,
             ChatExpirationRuleOut, body=chat_expiration.ChatExpirationRuleInput),
    # WA Templates
    Endpoint("GET", "/api/wa-templates", templates.list_wa_templates, WaTemplateOut, query=templates.WaTemplateFilter,
             many=True),
    Endpoint("POST", "/api/wa-templates", templates.create_wa_template, WaTemplateOut, 201,
             body=templates.WaTemplateCreate),
    Endpoint("POST", "/api/wa-templates/sync", templates.sync_wa_templates, WaTemplateSyncOut,
             body=templates.WaTemplateSync),
    Endpoint("GET", "/api/wa-templates/{id}", templates.get_wa_template, WaTemplateOut, path_args=WAT),
    Endpoint("DELETE", "/api/wa-templates/{id}", templates.delete_wa_template, WaTemplateDeletedOut, path_args=WAT),
    Endpoint("PATCH", "/api/wa-templates/{id}/header-media", templates.set_wa_template_header_media, WaTemplateOut,
             body=templates.WaTemplateHeaderMedia, path_args=WAT),
    # Media (size limit: MEDIA_MAX_BYTES, read per request)
    Endpoint("POST", "/api/media/upload", media.upload_media, MediaOut, 201,
             upload="file", max_upload_bytes=media.max_upload_bytes),
    Endpoint("POST", "/api/media/s3", media.upload_media_s3, MediaOut, 201,
             upload="file", max_upload_bytes=media.max_upload_bytes),
    # {id}: one of our files' uuid, or a WhatsApp media id that a message of the tenant references
    Endpoint("GET", "/api/media/{id}", media.download_media, MediaFileBodyOut, path_args={"id": "media_id"},
             text_params=frozenset({"id"})),
)


@dataclass(frozen=True)
class DocumentedRow:
    section: str
    method: str
    path: str
    summary: str
    access: str


def documented_rows() -> list[DocumentedRow]:
    with ENDPOINTS_TSV.open(newline="") as fh:
        return [DocumentedRow(**row) for row in csv.DictReader(fh, delimiter="\t")]


PENDING_TSV = Path(__file__).with_name("pending.tsv")


def _pending() -> frozenset[tuple[str, str]]:
    with PENDING_TSV.open(newline="") as fh:
        return frozenset((row["method"], row["path"]) for row in csv.DictReader(fh, delimiter="\t"))


# Documented but not built yet: absent from the routes (so 404), listed in pending.tsv, and only
# ever shrinking. tests/contract/test_route_table.py checks served + pending == endpoints.tsv.
PENDING: frozenset[tuple[str, str]] = _pending()
