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

from resolvers import agents, api_keys, auth, contacts, conversations, health, integrations, messages, roles, webhooks
from resolvers._pagination import PageParams
from rest_compat.presenters._base import MessageOut, Presenter
from rest_compat.presenters.agents import AgentOut
from rest_compat.presenters.api_keys import ApiKeyOut, CreatedApiKeyOut
from rest_compat.presenters.auth import RegisteredOut, SessionOut, TokenOut
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
from rest_compat.presenters.health import HealthOut
from rest_compat.presenters.integrations import IntegrationAccountOut
from rest_compat.presenters.messages import MessageObjectOut
from rest_compat.presenters.roles import PermissionOut, RoleOut
from rest_compat.presenters.webhooks import ChallengeOut, WebhookAckOut

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
    path_args: dict[str, str] = field(default_factory=dict)  # {path param: resolver keyword}
    many: bool = False  # a Page: JSON array + X-Total-Count
    public: bool = False
    # Door-specific finishing touches (session cookie, status from the result).
    respond: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)


ID = {"id": "agent_id"}
CONV = {"id": "conversation_id"}


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
    # Webhooks (authenticated by Meta's verify token and signature, not by our credentials)
    Endpoint("GET", "/api/webhooks/meta", webhooks.verify_meta_subscription, ChallengeOut, query=MetaHandshake,
             public=True),
    Endpoint("POST", "/api/webhooks/meta", webhooks.receive_meta_webhook, WebhookAckOut, raw=True, public=True),
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
